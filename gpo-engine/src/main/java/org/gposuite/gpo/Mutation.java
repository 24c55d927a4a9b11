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
import org.gposuite.pg.DataSharing;
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
  private final MutationSection mutation;
  private final SharingSection sharing;
  /** Evaluation episodes per policy that estimate its fitness for SELECT; 0 = the window's episodes. */
  private final int fitnessEpisodes;

  /**
   * @param fitnessEpisodes evaluation episodes per policy after the iterations that estimate SELECT's fitness
   *        (charged to the budget), or 0 to take it from the window's complete episodes
   */
  Mutation(MutationSection mutation, SharingSection sharing, int fitnessEpisodes) {
    this.mutation = mutation;
    this.sharing = sharing;
    this.fitnessEpisodes = fitnessEpisodes;
  }

  /** MUTATE as {@code cfg} sets it: its algorithm and window, data sharing, and SELECT's fitness source. */
  static Mutation of(GpoConfig cfg) {
    SelectionSection s = cfg.selection();
    return new Mutation(cfg.mutation(), cfg.sharing(), s.fitness() == SelectionSection.FitnessSource.EVALUATION ? s.fitnessEpisodes() : 0);
  }

  /**
   * The final MUTATE after the last round: no SELECT reads its fitness, so it spends no evaluation
   * episodes on it (the window's episodes still give rounds.csv its fitness columns).
   */
  Mutation withoutFitnessEpisodes() {
    return new Mutation(mutation, sharing, 0);
  }

  /** What one policy's mutation leaves for SELECT and CROSSOVER. */
  record Outcome(List<Batch> window, boolean[] windowStartsEpisode, double fitnessReturn, int windowEpisodes,
                 List<Integer> sharingSet, Batch lastBatch) {
    List<Trajectories.Trajectory> trajectories() {
      return Trajectories.complete(window, windowStartsEpisode);
    }
  }

  /** @param steps environment steps of the round's MUTATE (the fitness episodes included) */
  record RoundResult(List<Outcome> outcomes, long steps) {}

  /**
   * The seam MUTATE reports to after every iteration, as Stable-Baselines3's callbacks: the run's
   * bookkeeping turns it into curve.csv and sharing.csv rows and progress, MUTATE itself keeps none.
   */
  interface Listener {
    void iterationDone(Iteration it);
  }

  /**
   * One finished iteration of all policies.
   *
   * @param index the iteration within the round (0-based)
   * @param roundSteps environment steps of the round's MUTATE up to and including it
   * @param batches each policy's batch, {@code updates} its update, {@code shared} what the updates saw of the
   *        batches shared with them (policy order, then source order)
   */
  record Iteration(int index, long roundSteps, List<Batch> batches, List<UpdateStats> updates, List<SharedBatch> shared) {}

  /** What policy {@code policy}'s update saw of batch {@code source}'s (a {@link SharingRow} without its place in the run). */
  record SharedBatch(int policy, int source, boolean used, DataSharing.SharedBatchStats seen, double beta) {}

  /** One policy's update at one iteration, and what it saw of the batches shared with it. */
  private record PolicyUpdate(UpdateStats stats, List<SharedBatch> shared) {}

  /** The policies of a round already run in parallel over the cores: no second thread per PPO update. */
  private PolicyGradient newAlgorithm() {
    HyperParameters hp = mutation.algorithm();
    boolean criticOnShared = sharing.criticData() == SharingSection.CriticData.SHARED;
    if (hp instanceof PpoConfig p) return new Ppo(p, false, criticOnShared, sharing.rule());
    if (hp instanceof A2cConfig a) return new A2c(a, criticOnShared, sharing.rule());
    throw new IllegalArgumentException("Mutation: unsupported config " + hp.getClass().getName());
  }

  /**
   * Runs {@code ctx.iterations()} policy-gradient iterations of every policy of {@code ctx.population()},
   * in place, reporting each finished iteration to {@code listener}.
   */
  RoundResult apply(RoundContext ctx, Listener listener) {
    int round = ctx.round(), iterations = ctx.iterations();
    if (iterations < 1) throw new IllegalStateException("GPO round " + round + ": " + iterations + " mutation iterations; the step budget is spent");
    HyperParameters hp = mutation.algorithm();
    PolicyGradient algo = newAlgorithm();
    List<Member> population = ctx.population();
    Parallel parallel = ctx.parallel();
    int m = population.size();
    List<Agent> agents = new ArrayList<>(m);
    List<VectorEnv> vecs = new ArrayList<>(m);
    try {
      for (int i = 0; i < m; i++) {
        Member mem = population.get(i);
        agents.add(new Agent(mem.policy(), mem.value(), hp.policyLearningRate(), hp.valueLearningRate(), mem.beta(),
            ctx.seed(i, Seeds.Purpose.AGENT)));
        vecs.add(ctx.envs().create(hp.numEnvs(), ctx.seed(i, Seeds.Purpose.MUTATE_ENV)));
      }
      List<Deque<Batch>> windows = new ArrayList<>(m);
      List<boolean[]> windowStarts = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        windows.add(new ArrayDeque<>());
        boolean[] s = new boolean[hp.numEnvs()];
        java.util.Arrays.fill(s, true);
        windowStarts.add(s);
      }
      List<List<Integer>> sharingSets = null;
      List<Batch> batches = null;
      long steps = 0;
      for (int t = 0; t < iterations; t++) {
        batches = parallel.map(m, i -> algo.collect(agents.get(i), vecs.get(i)));
        steps += (long) m * hp.batchSize();
        if (t == 0) {
          List<Batch> first = batches;
          sharingSets = WorkClock.time(WorkClock.Kind.KL_SELECT, () -> sharingSets(population, first));
        }
        List<List<Integer>> s = sharingSets;
        List<Batch> b = batches;
        List<PolicyUpdate> updates = parallel.map(m, i -> update(algo, agents.get(i), s.get(i), b));
        List<SharedBatch> shared = new ArrayList<>();
        for (PolicyUpdate u : updates) shared.addAll(u.shared());
        for (int i = 0; i < m; i++) {
          Deque<Batch> w = windows.get(i);
          w.addLast(batches.get(i));
          if (w.size() > mutation.windowBatches()) windowStarts.set(i, Trajectories.nextStartsEpisode(w.removeFirst()));
        }
        listener.iterationDone(new Iteration(t, steps, batches, updates.stream().map(PolicyUpdate::stats).toList(), shared));
      }
      // Fitness: the window's complete episodes (NaN when none finished: SELECT then refuses), or
      // fresh evaluation episodes charged to the budget.
      List<Evaluation.Result> evaluated = fitnessEpisodes > 0
          ? parallel.map(m, i -> Evaluation.evaluate(population.get(i).policy(), ctx.envs(), fitnessEpisodes, ctx.seed(i, Seeds.Purpose.FITNESS_EVAL)))
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
        outcomes.add(new Outcome(w, windowStarts.get(i), fitness, episodes, sharingSets.get(i), batches.get(i)));
      }
      return new RoundResult(outcomes, steps);
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
  private PolicyUpdate update(PolicyGradient algo, Agent agent, List<Integer> set, List<Batch> batches) {
    int i = set.get(0);
    boolean recheck = sharing.rule().mode() == SharingRule.Mode.RECHECKED;
    List<Batch> used = new ArrayList<>();
    List<SharedBatch> seen = set.size() == 1 ? List.of() : WorkClock.time(WorkClock.Kind.KL_SELECT, () -> {
      List<SharedBatch> rows = new ArrayList<>();
      for (int j : set) {
        if (j == i) continue;
        Batch b = batches.get(j);
        DataSharing.SharedBatchStats stats = DataSharing.measure(agent.policy(), b);
        boolean use = !recheck || stats.kl() < sharing.klThreshold();
        if (use) used.add(b);
        rows.add(new SharedBatch(i, j, use, stats, agent.beta()));
      }
      return rows;
    });
    return new PolicyUpdate(algo.update(agent, batches.get(i), used), seen);
  }

  /** S_i: with M, the pg DataSharing rule on the pooled first-iteration states; without M (or the off rule), {i}. */
  private List<List<Integer>> sharingSets(List<Member> population, List<Batch> first) {
    int m = population.size();
    List<List<Integer>> out = new ArrayList<>(m);
    if (!sharing.shares()) {
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
    return DataSharing.neighbours(policies, states, sharing.klThreshold());
  }

  static INDArray pooledStates(List<Batch> batches) {
    INDArray[] obs = new INDArray[batches.size()];
    for (int i = 0; i < obs.length; i++) obs[i] = batches.get(i).obs();
    return Nd4j.concat(0, obs);
  }
}
