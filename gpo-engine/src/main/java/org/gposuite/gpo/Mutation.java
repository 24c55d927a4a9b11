package org.gposuite.gpo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.A2c;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.Agent;
import org.gposuite.pg.Batch;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.DataSharing;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.PolicyGradient;
import org.gposuite.pg.Ppo;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.SharingRule;
import org.gposuite.pg.UpdateStats;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MUTATE (Sec. 3.3.2): every policy runs the round's policy-gradient iterations. Each iteration has
 * two phases over all policies, each phase in parallel: collect one batch per policy, then update
 * every policy from its own batch plus, with data sharing (M), the same iteration's batches of the
 * policies in S_i. S_i is fixed for the round from the KL measured on the first iteration's states
 * of all policies pooled, before any update of the round ("before the start of the current round").
 * How the shared rows enter the update is {@link SharingSection#rule()} ({@link SharingRule}); before
 * each update every shared batch is measured as the policy sees it then (KL, importance weights'
 * ESS, largest weight: {@link SharingRow}, sharing.csv), which the rechecked rule also uses to drop
 * a batch that has drifted past epsilon.
 *
 * <p>Each round starts fresh environment copies (seeded per round and slot), so an episode never
 * spans a round boundary and a checkpoint needs no simulator state; the unfinished episodes at a
 * round's end were already bootstrapped by the collector.
 */
final class Mutation {
  private Mutation() {}

  /** What one policy's mutation leaves for SELECT and CROSSOVER. */
  record Outcome(List<Batch> window, boolean[] windowStartsEpisode, double fitnessReturn, int windowEpisodes,
                 List<Integer> sharingSet, Batch lastBatch) {
    List<Trajectories.Trajectory> trajectories() {
      return Trajectories.complete(window, windowStartsEpisode);
    }
  }

  /** @param sharing what each policy's update saw of its sharing set, per iteration ({@link SharingRow}) */
  record RoundResult(List<Outcome> outcomes, List<CurveRow> curve, long steps, List<SharingRow> sharing) {}

  /** One iteration's batches, all policies', and where the iteration sits in the run. */
  private record Iteration(int round, int index, List<Batch> batches) {}

  /** One policy's update at one iteration, and what it saw of the batches shared with it. */
  private record PolicyUpdate(UpdateStats stats, List<SharingRow> sharing) {}

  /** The policies of a round already run in parallel over the cores: no second thread per PPO update. */
  static PolicyGradient algorithm(GpoConfig cfg) {
    HyperParameters hp = cfg.mutation().algorithm();
    SharingSection sharing = cfg.sharing();
    if (hp instanceof PpoConfig p) return new Ppo(p, false, sharing.criticData() == SharingSection.CriticData.SHARED, sharing.rule());
    if (hp instanceof A2cConfig a) return new A2c(a, sharing.rule());
    throw new IllegalArgumentException("Mutation: unsupported config " + hp.getClass().getName());
  }

  /**
   * @param iterations policy-gradient iterations of every policy (see {@link StepBudget})
   * @param firstIteration the curve's index of this round's first iteration
   * @param selectFollows whether SELECT reads this round's fitness; false for the final MUTATE, which then
   *        spends no evaluation episodes on it
   */
  static RoundResult run(GpoConfig cfg, List<Member> population, EnvFactory envs, int round, int iterations, int firstIteration,
                         boolean selectFollows, long stepsBefore, double wallStartNanos, Parallel parallel, ProgressListener progress) {
    if (iterations < 1) throw new IllegalStateException("GPO round " + round + ": " + iterations + " mutation iterations; the step budget is spent");
    HyperParameters hp = cfg.mutation().algorithm();
    PolicyGradient algo = algorithm(cfg);
    int m = population.size();
    List<Agent> agents = new ArrayList<>(m);
    List<VectorEnv> vecs = new ArrayList<>(m);
    List<CurveRow> curve = new ArrayList<>();
    List<SharingRow> sharingRows = new ArrayList<>();
    try {
      for (int i = 0; i < m; i++) {
        Member mem = population.get(i);
        agents.add(new Agent(mem.policy(), mem.value(), hp.policyLearningRate(), hp.valueLearningRate(), mem.beta(),
            Seeds.of(cfg.seed(), round, i, Seeds.Purpose.AGENT)));
        vecs.add(envs.create(hp.numEnvs(), Seeds.of(cfg.seed(), round, i, Seeds.Purpose.MUTATE_ENV)));
      }
      List<Deque<Batch>> windows = new ArrayList<>(m);
      List<boolean[]> windowStarts = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        windows.add(new ArrayDeque<>());
        boolean[] s = new boolean[hp.numEnvs()];
        java.util.Arrays.fill(s, true);
        windowStarts.add(s);
      }
      List<List<Integer>> sharing = null;
      List<Batch> batches = null;
      long steps = stepsBefore;
      for (int t = 0; t < iterations; t++) {
        batches = parallel.map(m, i -> algo.collect(agents.get(i), vecs.get(i)));
        steps += (long) m * hp.batchSize();
        if (t == 0) {
          long c0 = WorkClock.cpuNow(), w0 = System.nanoTime();
          sharing = sharingSets(cfg, population, batches);
          WorkClock.charge(WorkClock.Kind.KL_SELECT, c0, w0);
        }
        Iteration it = new Iteration(round, firstIteration + t, batches);
        List<List<Integer>> s = sharing;
        List<PolicyUpdate> updates = parallel.map(m, i -> update(cfg, algo, agents.get(i), s.get(i), it));
        double[] means = new double[m];
        for (int i = 0; i < m; i++) {
          Batch b = batches.get(i);
          UpdateStats u = updates.get(i).stats();
          sharingRows.addAll(updates.get(i).sharing());
          means[i] = b.meanEpisodeReturn();
          curve.add(new CurveRow(i, firstIteration + t, steps, means[i], b.episodeReturns().length, u.kl(), u.beta(),
              u.entropy(), u.valueError(), (System.nanoTime() - wallStartNanos) / 1e9));
          Deque<Batch> w = windows.get(i);
          w.addLast(b);
          if (w.size() > cfg.mutation().windowBatches()) windowStarts.set(i, Trajectories.nextStartsEpisode(w.removeFirst()));
        }
        progress.iteration(round, t, steps, means);
      }
      // Fitness: the window's complete episodes (NaN when none finished: SELECT then refuses), or
      // fresh evaluation episodes charged to the budget.
      List<Evaluation.Result> evaluated = selectFollows && cfg.selection().fitness() == SelectionSection.FitnessSource.EVALUATION
          ? parallel.map(m, i -> Evaluation.evaluate(population.get(i).policy(), envs, cfg.selection().fitnessEpisodes(),
              Seeds.of(cfg.seed(), round, i, Seeds.Purpose.FITNESS_EVAL)))
          : null;
      List<Outcome> outcomes = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        population.get(i).setBeta(agents.get(i).beta());
        List<Batch> w = new ArrayList<>(windows.get(i));
        int episodes = 0;
        double sum = 0;
        for (Batch b : w) for (double r : b.episodeReturns()) { sum += r; episodes++; }
        double fitness = episodes == 0 ? Double.NaN : sum / episodes;
        if (evaluated != null) {
          fitness = evaluated.get(i).mean();
          steps += evaluated.get(i).steps();
        }
        outcomes.add(new Outcome(w, windowStarts.get(i), fitness, episodes, sharing.get(i), batches.get(i)));
      }
      return new RoundResult(outcomes, curve, steps - stepsBefore, sharingRows);
    } finally {
      for (VectorEnv v : vecs) v.close();
    }
  }

  /**
   * Policy {@code set.get(0)}'s update from its own batch and those of its sharing set {@code set}: each
   * shared batch is measured first (a {@link SharingRow}), and under the rechecked rule used only while
   * its KL to the policy is still below epsilon; the others are all used, their rows treated by the
   * rule inside the update ({@link SharingRule}).
   */
  private static PolicyUpdate update(GpoConfig cfg, PolicyGradient algo, Agent agent, List<Integer> set, Iteration it) {
    int i = set.get(0);
    boolean recheck = cfg.sharing().rule().mode() == SharingRule.Mode.RECHECKED;
    List<Batch> used = new ArrayList<>();
    List<SharingRow> rows = new ArrayList<>();
    long c0 = WorkClock.cpuNow(), w0 = System.nanoTime();
    for (int j : set) {
      if (j == i) continue;
      Batch b = it.batches().get(j);
      DataSharing.SharedBatchStats seen = DataSharing.measure(agent.policy(), b);
      boolean use = !recheck || seen.kl() < cfg.sharing().klThreshold();
      if (use) used.add(b);
      rows.add(new SharingRow(it.round(), it.index(), i, j, use, seen.kl(), seen.essFraction(), seen.maxWeight(), agent.beta()));
    }
    if (!rows.isEmpty()) WorkClock.charge(WorkClock.Kind.KL_SELECT, c0, w0);
    return new PolicyUpdate(algo.update(agent, it.batches().get(i), used), rows);
  }

  /** S_i: with M, the pg DataSharing rule on the pooled first-iteration states; without M (or the off rule), {i}. */
  private static List<List<Integer>> sharingSets(GpoConfig cfg, List<Member> population, List<Batch> first) {
    int m = population.size();
    List<List<Integer>> out = new ArrayList<>(m);
    if (!cfg.sharing().shares()) {
      for (int i = 0; i < m; i++) out.add(List.of(i));
      return out;
    }
    INDArray pooled = pooledStates(first);
    List<GaussianPolicy> policies = new ArrayList<>(m);
    List<INDArray> states = new ArrayList<>(m);
    for (Member mem : population) {
      policies.add(mem.policy());
      states.add(pooled);
    }
    return DataSharing.neighbours(policies, states, cfg.sharing().klThreshold());
  }

  static INDArray pooledStates(List<Batch> batches) {
    INDArray[] obs = new INDArray[batches.size()];
    for (int i = 0; i < obs.length; i++) obs[i] = batches.get(i).obs();
    return Nd4j.concat(0, obs);
  }
}
