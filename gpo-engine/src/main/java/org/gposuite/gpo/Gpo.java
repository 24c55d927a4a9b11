package org.gposuite.gpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.Agent;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.CurveWriter;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;

/**
 * Genetic Policy Optimization (Algorithm 1): a population of m policies with random parameters; each
 * of k rounds runs MUTATE ({@link Mutation}), SELECT ({@link Selection}) and CROSSOVER ({@link Crossover})
 * and the children become the next population. The ablation flags C, S, M of {@link GpoConfig} switch
 * the components inside this one loop. The round's MUTATE iterations come from {@link StepBudget}, which
 * makes the run spend its whole budget (DAgger included), with a final MUTATE after the last round.
 *
 * <p>Files in the run directory: {@code config.txt}, {@code checkpoint.bin} (after every round),
 * {@code curve.csv} (per policy per iteration), {@code population.csv}, {@code couples.csv},
 * {@code sharing.csv} (per policy, iteration and shared batch: {@link SharingRow}),
 * {@code rounds.csv} (rewritten from the checkpoint's rows after every round). A run started on a
 * directory holding a checkpoint of the same configuration resumes after its last round.
 */
public final class Gpo {
  private Gpo() {}

  public static GpoResult run(GpoConfig cfg, EnvFactory envs, Path runDir, ProgressListener progress) {
    if (progress == null) progress = ProgressListener.NONE;
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("config.txt"), cfg.identity() + System.lineSeparator() + "hash " + cfg.hash() + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("Gpo: cannot create the run directory " + runDir, e);
    }
    Checkpoint st = Checkpoint.load(runDir, cfg);
    if (st == null) st = fresh(cfg, envs);
    st.sharing = SharingLog.resume(runDir, st.roundsDone);
    int m = cfg.populationSize();
    StepBudget budget = StepBudget.of(cfg, horizon(cfg, envs));
    long wallStart = System.nanoTime() - (long) (st.clock.total() * 1e9);
    try (Parallel par = new Parallel(cfg.threads())) {
      for (int r = st.roundsDone; r < cfg.rounds(); r++) {
        RoundLog.Timer time = new RoundLog.Timer();
        List<Member> pop = st.population;

        // MUTATE: every policy's policy-gradient iterations (sharing samples with similar policies under M)
        int iterations = budget.iterations(r, st.stepsUsed);
        Mutation.RoundResult mutated = Mutation.run(cfg, pop, envs, r, iterations, st.curve.size() / m, true, st.stepsUsed, wallStart, par, progress);
        time.mutated();
        progress.operatorDone(r, "mutate");

        // SELECT: m couples; under S the fittest by return and diversity (KL between the policies), else at random
        double[] fitness = fitness(r, mutated.outcomes());
        List<GaussianPolicy> policies = pop.stream().map(Member::policy).toList();
        double[][] kl = divergences(policies, mutated.outcomes());
        List<Selection.Couple> couples = select(cfg, r, fitness, kl);
        time.selected();
        progress.operatorDone(r, "select");

        // CROSSOVER: each couple's child (under C in state space: pi_S, then DAgger; else the stronger parent); the next population
        List<Crossover.Child> children = crossover(cfg, r, couples, pop, mutated.outcomes(), envs, par);
        List<Member> next = children.stream().map(Crossover.Child::member).toList();
        time.crossedOver();
        progress.operatorDone(r, "crossover");

        // Beside the algorithm: diagnostics, the round's rows, a checkpoint.
        RoundEvaluations evals = RoundEvaluations.of(cfg, r, pop, children, envs, par);
        time.evaluated();
        progress.crossoversMade(roundPolicies(cfg, r, policies, couples, children));
        RoundRow row = RoundLog.round(st, cfg, r, iterations, mutated, couples, children, kl, fitness, evals, next, time, wallStart);
        st.population = new ArrayList<>(next);
        st.roundsDone = r + 1;
        checkpoint(st, cfg, runDir);
        progress.roundDone(row);
      }
      if (st.roundsDone == cfg.rounds()) tail(cfg, envs, budget, st, runDir, wallStart, par, progress);
    }
    long ckCpu0 = WorkClock.cpuNow(), ckWall0 = System.nanoTime();
    writeCsvs(runDir, st);
    WorkClock.charge(WorkClock.Kind.CHECKPOINT, ckCpu0, ckWall0);
    List<GaussianPolicy> finals = st.population.stream().map(Member::policy).toList();
    Evaluation.Best best = cfg.finalEvalEpisodes() > 0
        ? Evaluation.bestOf(finals, envs, cfg.finalEvalEpisodes(), Seeds.of(cfg.seed(), cfg.rounds(), 0, Seeds.Purpose.FINAL_EVAL))
        : null;
    Checkpoint.Clock k = st.clock;
    return new GpoResult(finals, best, List.copyOf(st.curve), List.copyOf(st.policies), List.copyOf(st.couples), List.copyOf(st.rounds),
        new GpoResult.WallClock(k.mutate(), k.select(), k.crossover(), k.evaluate(), k.total()), st.stepsUsed);
  }

  /**
   * The final MUTATE of the children with the budget the last round left (see {@link StepBudget}):
   * recorded as round k with no SELECT or CROSSOVER, checkpointed like a round.
   */
  private static void tail(GpoConfig cfg, EnvFactory envs, StepBudget budget, Checkpoint st, Path runDir, long wallStart, Parallel par,
                           ProgressListener progress) {
    int iterations = budget.tailIterations(st.stepsUsed);
    if (iterations > 0) {
      long t0 = System.nanoTime();
      Mutation.RoundResult mutated = Mutation.run(cfg, st.population, envs, cfg.rounds(), iterations, st.curve.size() / cfg.populationSize(),
          false, st.stepsUsed, wallStart, par, progress);
      RoundLog.tail(st, cfg, iterations, mutated, (System.nanoTime() - t0) / 1e9, wallStart);
    }
    st.roundsDone = cfg.rounds() + 1;
    checkpoint(st, cfg, runDir);
  }

  /** SELECT's estimate of each mutated policy's expected return. */
  private static double[] fitness(int round, List<Mutation.Outcome> outcomes) {
    double[] fitness = new double[outcomes.size()];
    for (int i = 0; i < fitness.length; i++) {
      fitness[i] = outcomes.get(i).fitnessReturn();
      if (Double.isNaN(fitness[i]))
        throw new IllegalStateException("GPO round " + round + ": policy " + i + " finished no episode in its last " + outcomes.get(i).window().size()
            + " batches, so its fitness return is unknown; raise windowBatches or the round budget, lower the horizon, or use EVALUATION fitness");
    }
    return fitness;
  }

  /** KL between every ordered pair of policies on the states of their last batches (SELECT's diversity term). */
  private static double[][] divergences(List<GaussianPolicy> policies, List<Mutation.Outcome> outcomes) {
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime();
    double[][] kl = Selection.klMatrix(policies, Mutation.pooledStates(outcomes.stream().map(Mutation.Outcome::lastBatch).toList()));
    WorkClock.charge(WorkClock.Kind.KL_SELECT, cpu0, wall0);
    return kl;
  }

  private static List<Selection.Couple> select(GpoConfig cfg, int round, double[] fitness, double[][] kl) {
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime();
    SelectionSection s = cfg.selection();
    List<Selection.Couple> couples = Selection.select(fitness, kl, s.diversityWeight(round, cfg.rounds()), cfg.populationSize(), s.allowSelfPairs(),
        s.byFitness(), new SplittableRandom(Seeds.of(cfg.seed(), round, 0, Seeds.Purpose.SELECT)));
    WorkClock.charge(WorkClock.Kind.KL_SELECT, cpu0, wall0);
    return couples;
  }

  /** One child per couple, in parallel; each task gets its own copies of its parents (policies cache forward buffers). */
  private static List<Crossover.Child> crossover(GpoConfig cfg, int round, List<Selection.Couple> couples, List<Member> pop,
                                                 List<Mutation.Outcome> outcomes, EnvFactory envs, Parallel par) {
    List<Member[]> parents = new ArrayList<>(couples.size());
    for (Selection.Couple c : couples) parents.add(new Member[] {pop.get(c.x()).copy(), pop.get(c.y()).copy()});
    return par.map(couples.size(), c -> {
      Selection.Couple cp = couples.get(c);
      return Crossover.make(cfg, round, c, parents.get(c)[0], parents.get(c)[1], cp.x(), cp.y(), outcomes.get(cp.x()), outcomes.get(cp.y()), envs);
    });
  }

  /** What a ProgressListener sees of a round's crossovers (Fig. 3b's probe rolls them out). */
  private static RoundPolicies roundPolicies(GpoConfig cfg, int round, List<GaussianPolicy> parents, List<Selection.Couple> couples,
                                             List<Crossover.Child> children) {
    List<RoundPolicies.Couple> made = new ArrayList<>(children.size());
    for (int c = 0; c < children.size(); c++) {
      Crossover.Child ch = children.get(c);
      made.add(new RoundPolicies.Couple(c, couples.get(c).x(), couples.get(c).y(), ch.kind(), ch.member().policy(),
          ch.parameterChild() == null ? null : ch.parameterChild().policy()));
    }
    return new RoundPolicies(cfg.seed(), round, parents, made);
  }

  /** The run's state and its CSVs after a round, so a run stopped later resumes after it. */
  private static void checkpoint(Checkpoint st, GpoConfig cfg, Path runDir) {
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime();
    // before the checkpoint: a kill in between leaves rows of a round the checkpoint lacks, which resume drops
    st.sharing.write();
    st.save(runDir, cfg);
    writeCsvs(runDir, st);
    WorkClock.charge(WorkClock.Kind.CHECKPOINT, cpu0, wall0);
  }

  private static int horizon(GpoConfig cfg, EnvFactory envs) {
    try (VectorEnv probe = envs.create(1, Seeds.of(cfg.seed(), 0, 0, Seeds.Purpose.MUTATE_ENV))) {
      return probe.horizon();
    }
  }

  /** Round 0's population: the paper's networks with random parameters, one seed per slot. */
  static Checkpoint fresh(GpoConfig cfg, EnvFactory envs) {
    Checkpoint st = new Checkpoint();
    int od, ad;
    try (VectorEnv probe = envs.create(1, Seeds.of(cfg.seed(), 0, 0, Seeds.Purpose.MUTATE_ENV))) {
      od = probe.obsDim();
      ad = probe.actDim();
    }
    HyperParameters hp = cfg.mutation().algorithm();
    for (int i = 0; i < cfg.populationSize(); i++) {
      Agent a = Agent.create(od, ad, hp, Seeds.of(cfg.seed(), 0, i, Seeds.Purpose.POLICY_INIT), cfg.networks());
      st.population.add(new Member(a.policy(), a.value(), hp.initialBeta(), i));
    }
    return st;
  }

  private static void writeCsvs(Path runDir, Checkpoint st) {
    try (CurveWriter w = new CurveWriter(runDir.resolve("curve.csv"))) {
      for (CurveRow row : st.curve) w.write(row);
    }
    Rows.writeCsv(runDir.resolve("population.csv"), PolicyRow.class, st.policies);
    Rows.writeCsv(runDir.resolve("couples.csv"), CoupleRow.class, st.couples);
    Rows.writeCsv(runDir.resolve("rounds.csv"), RoundRow.class, st.rounds);
  }
}
