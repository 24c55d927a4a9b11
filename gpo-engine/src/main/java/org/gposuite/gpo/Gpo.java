package org.gposuite.gpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.Agent;
import org.gposuite.pg.Batch;
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
    int m = cfg.populationSize();
    StepBudget budget = StepBudget.of(cfg, horizon(cfg, envs));
    long wallStart = System.nanoTime() - (long) (st.clock.total() * 1e9);
    try (Parallel par = new Parallel(cfg.threads())) {
      for (int r = st.roundsDone; r < cfg.rounds(); r++) {
        List<Member> pop = st.population;
        // MUTATE
        long t0 = System.nanoTime();
        int iterations = budget.iterations(r, st.stepsUsed);
        Mutation.RoundResult mr = Mutation.run(cfg, pop, envs, r, iterations, st.curve.size() / m, true, st.stepsUsed, wallStart, par, progress);
        List<Mutation.Outcome> out = mr.outcomes();
        long mutationSteps = mr.steps();
        long t1 = System.nanoTime();
        progress.operatorDone(r, "mutate");

        // SELECT
        double[] returns = new double[m];
        List<GaussianPolicy> policies = new ArrayList<>(m);
        List<Batch> last = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          returns[i] = out.get(i).fitnessReturn();
          if (Double.isNaN(returns[i]))
            throw new IllegalStateException("GPO round " + r + ": policy " + i + " finished no episode in its last " + out.get(i).window().size()
                + " batches, so its fitness return is unknown; raise windowBatches or the round budget, lower the horizon, or use EVALUATION fitness");
          policies.add(pop.get(i).policy());
          last.add(out.get(i).lastBatch());
        }
        long selCpu0 = WorkClock.cpuNow(), selWall0 = System.nanoTime();
        double[][] kl = Selection.klMatrix(policies, Mutation.pooledStates(last));
        List<Selection.Couple> couples = Selection.select(returns, kl, cfg.diversityWeight(r), m, cfg.allowSelfPairs(), cfg.selection(),
            new SplittableRandom(Seeds.of(cfg.seed(), r, 0, Seeds.Purpose.SELECT)));
        long t2 = System.nanoTime();
        WorkClock.charge(WorkClock.Kind.KL_SELECT, selCpu0, selWall0);
        progress.operatorDone(r, "select");

        // CROSSOVER: each task gets its own copies of its parents (policies cache forward buffers).
        List<Member[]> parents = new ArrayList<>(m);
        for (Selection.Couple c : couples) parents.add(new Member[] {pop.get(c.x()).copy(), pop.get(c.y()).copy()});
        int round = r;
        List<Crossover.Child> children = par.map(m, c -> {
          Selection.Couple cp = couples.get(c);
          return Crossover.make(cfg, round, c, parents.get(c)[0], parents.get(c)[1], cp.x(), cp.y(), out.get(cp.x()), out.get(cp.y()), envs);
        });
        long crossoverSteps = 0;
        for (Crossover.Child ch : children) crossoverSteps += ch.steps();
        long t3 = System.nanoTime();
        progress.operatorDone(r, "crossover");

        // Diagnostics (not part of the algorithm): evaluate parents, children and parameter-space children.
        Evaluation.Result[] parentEval = new Evaluation.Result[m], childEval = new Evaluation.Result[m], paramEval = new Evaluation.Result[m];
        if (cfg.evalEpisodes() > 0) {
          List<Evaluation.Result> pe = par.map(m, i -> Evaluation.evaluate(pop.get(i).policy(), envs, cfg.evalEpisodes(),
              Seeds.of(cfg.seed(), round, i, Seeds.Purpose.EVAL_PARENT)));
          List<Evaluation.Result> ce = par.map(m, c -> Evaluation.evaluate(children.get(c).member().policy(), envs, cfg.evalEpisodes(),
              Seeds.of(cfg.seed(), round, c, Seeds.Purpose.EVAL_CHILD)));
          for (int i = 0; i < m; i++) { parentEval[i] = pe.get(i); childEval[i] = ce.get(i); }
          if (cfg.parameterCrossover()) {
            List<Evaluation.Result> qe = par.map(m, c -> Evaluation.evaluate(children.get(c).parameterChild().policy(), envs, cfg.evalEpisodes(),
                Seeds.of(cfg.seed(), round, c, Seeds.Purpose.EVAL_PARAM_CHILD)));
            for (int i = 0; i < m; i++) paramEval[i] = qe.get(i);
          }
        }
        long t4 = System.nanoTime();
        List<RoundPolicies.Couple> madeCouples = new ArrayList<>(m);
        for (int c = 0; c < m; c++) {
          Crossover.Child ch = children.get(c);
          madeCouples.add(new RoundPolicies.Couple(c, couples.get(c).x(), couples.get(c).y(), ch.kind(), ch.member().policy(),
              ch.parameterChild() == null ? null : ch.parameterChild().policy()));
        }
        progress.crossoversMade(new RoundPolicies(cfg.seed(), r, policies, madeCouples));

        // Rows, next population, checkpoint.
        long stepsAfterMutation = st.stepsUsed + mutationSteps;
        st.stepsUsed += mutationSteps + crossoverSteps;
        st.curve.addAll(mr.curve());
        double bestEval = Double.NaN, bestChild = Double.NaN, bestFit = Double.NEGATIVE_INFINITY, meanFit = 0;
        for (int i = 0; i < m; i++) {
          Mutation.Outcome o = out.get(i);
          double ev = parentEval[i] == null ? Double.NaN : parentEval[i].mean();
          double se = parentEval[i] == null ? Double.NaN : parentEval[i].standardError();
          st.policies.add(new PolicyRow(r, i, o.fitnessReturn(), o.windowEpisodes(), ev, se,
              o.sharingSet().stream().map(String::valueOf).collect(Collectors.joining(" ")), pop.get(i).beta(), stepsAfterMutation));
          bestFit = Math.max(bestFit, o.fitnessReturn());
          meanFit += o.fitnessReturn() / m;
          if (!Double.isNaN(ev) && !(ev <= bestEval)) bestEval = ev;
        }
        List<Member> next = new ArrayList<>(m);
        for (int c = 0; c < m; c++) {
          Selection.Couple cp = couples.get(c);
          Crossover.Child ch = children.get(c);
          double childRet = childEval[c] == null ? Double.NaN : childEval[c].mean();
          if (!Double.isNaN(childRet) && !(childRet <= bestChild)) bestChild = childRet;
          st.couples.add(new CoupleRow(r, c, cp.x(), cp.y(), cp.fitness(), cp.performance(), cp.diversity(), ch.kind(), ch.strongerParent(), ch.initParent(),
              parentEval[cp.x()] == null ? Double.NaN : parentEval[cp.x()].mean(),
              parentEval[cp.y()] == null ? Double.NaN : parentEval[cp.y()].mean(), childRet,
              paramEval[c] == null ? Double.NaN : paramEval[c].mean(), ch.pisStates(), ch.keptX(), ch.keptY(), ch.pisFirstLoss(),
              ch.pisLastLoss(), ch.shareY(), ch.daggerInitialKl(), ch.daggerFinalKl(), ch.steps()));
          next.add(ch.member());
        }
        Checkpoint.Clock k = st.clock;
        st.clock = new Checkpoint.Clock(k.mutate() + (t1 - t0) / 1e9, k.select() + (t2 - t1) / 1e9, k.crossover() + (t3 - t2) / 1e9,
            k.evaluate() + (t4 - t3) / 1e9, (System.nanoTime() - wallStart) / 1e9);
        RoundRow row = new RoundRow(r, cfg.hash(), cfg.variantName(), iterations, mutationSteps, crossoverSteps,
            st.stepsUsed, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, bestFit, meanFit, bestEval, bestChild,
            Diversity.of(next, children, kl, returns, parentEval, childEval));
        st.rounds.add(row);
        st.population = next;
        st.roundsDone = r + 1;
        long ckCpu0 = WorkClock.cpuNow(), ckWall0 = System.nanoTime();
        st.save(runDir, cfg);
        writeCsvs(runDir, st);
        WorkClock.charge(WorkClock.Kind.CHECKPOINT, ckCpu0, ckWall0);
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
    int m = cfg.populationSize();
    int k = cfg.rounds();
    if (iterations > 0) {
      long t0 = System.nanoTime();
      Mutation.RoundResult mr = Mutation.run(cfg, st.population, envs, k, iterations, st.curve.size() / m, false, st.stepsUsed, wallStart, par, progress);
      double mutateSeconds = (System.nanoTime() - t0) / 1e9;
      st.stepsUsed += mr.steps();
      st.curve.addAll(mr.curve());
      Checkpoint.Clock c = st.clock;
      st.clock = new Checkpoint.Clock(c.mutate() + mutateSeconds, c.select(), c.crossover(), c.evaluate(), (System.nanoTime() - wallStart) / 1e9);
      double best = Double.NEGATIVE_INFINITY, mean = 0;
      for (Mutation.Outcome o : mr.outcomes()) {
        best = Math.max(best, o.fitnessReturn());
        mean += o.fitnessReturn() / m;
      }
      st.rounds.add(new RoundRow(k, cfg.hash(), cfg.variantName(), iterations, mr.steps(), 0, st.stepsUsed, mutateSeconds, 0, 0, 0,
          best, mean, Double.NaN, Double.NaN, Diversity.ofPopulation(st.population)));
    }
    st.roundsDone = k + 1;
    long ckCpu0 = WorkClock.cpuNow(), ckWall0 = System.nanoTime();
    st.save(runDir, cfg);
    writeCsvs(runDir, st);
    WorkClock.charge(WorkClock.Kind.CHECKPOINT, ckCpu0, ckWall0);
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
    HyperParameters hp = cfg.mutation();
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
