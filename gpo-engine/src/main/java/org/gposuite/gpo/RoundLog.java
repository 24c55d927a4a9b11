package org.gposuite.gpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.gposuite.checkpoint.Rows;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.Batch;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.CurveWriter;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.UpdateStats;
import org.gposuite.pg.WorkClock;

/**
 * The seams around {@link Gpo#run}'s operators, kept beside the algorithm rather than inside it (as
 * Stable-Baselines3's callbacks): each operator's wall time (Table 3) and the progress calls around
 * it, MUTATE's iterations turned into curve.csv and sharing.csv rows, a round's rows in
 * population.csv, couples.csv and rounds.csv, the steps it spent, and the checkpoint after it. It
 * keeps the run's {@link RunState}.
 */
final class RoundLog implements Mutation.Listener {
  /** What {@link #operator} times: the three operators of Algorithm 1 and the round's diagnostic evaluations. */
  enum Phase { MUTATE, SELECT, CROSSOVER, EVALUATE }

  private final GpoConfig cfg;
  private final Path runDir;
  private final ProgressListener progress;
  private final RunState st;
  /** {@link System#nanoTime} at the run's start, moved back by the wall time a resumed run had already spent. */
  private final long wallStart;

  // The round under way: its context, where its rows start, and what it has recorded so far.
  private RoundContext ctx;
  private int firstIteration;
  private long stepsBefore;
  private final double[] seconds = new double[Phase.values().length];
  private final List<CurveRow> curve = new ArrayList<>();
  private final List<SharingRow> sharing = new ArrayList<>();

  private RoundLog(GpoConfig cfg, Path runDir, ProgressListener progress, RunState st) {
    this.cfg = cfg;
    this.runDir = runDir;
    this.progress = progress;
    this.st = st;
    this.wallStart = System.nanoTime() - (long) (st.clock.total() * 1e9);
  }

  /**
   * The log of a run of {@code cfg} in {@code runDir}: writes config.txt, and resumes the checkpoint there
   * (of the same configuration) or starts from {@code fresh}.
   */
  static RoundLog open(GpoConfig cfg, Path runDir, ProgressListener progress, Supplier<RunState> fresh) {
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("config.txt"), cfg.identity() + System.lineSeparator() + "hash " + cfg.hash() + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("Gpo: cannot create the run directory " + runDir, e);
    }
    RunState st = RunState.load(runDir, cfg);
    if (st == null) st = fresh.get();
    st.sharing = SharingLog.resume(runDir, st.roundsDone);
    return new RoundLog(cfg, runDir, progress, st);
  }

  RunState state() {
    return st;
  }

  /** Starts round {@code round} (k for the final MUTATE) of {@code iterations} MUTATE iterations; its operators' context. */
  RoundContext begin(int round, int iterations, EnvFactory envs, Parallel parallel) {
    ctx = new RoundContext(round, st.population, iterations, cfg.seed(), envs, parallel);
    firstIteration = st.curve.size() / cfg.populationSize();
    stepsBefore = st.stepsUsed;
    java.util.Arrays.fill(seconds, 0);
    curve.clear();
    sharing.clear();
    return ctx;
  }

  /** {@code op}'s result, its wall time recorded for the round's row and, for Algorithm 1's operators, progress told. */
  <T> T operator(Phase phase, Supplier<T> op) {
    long t0 = System.nanoTime();
    T out = op.get();
    seconds[phase.ordinal()] += (System.nanoTime() - t0) / 1e9;
    if (phase != Phase.EVALUATE) progress.operatorDone(ctx.round(), phase.name().toLowerCase(Locale.ROOT));
    return out;
  }

  /** One MUTATE iteration: a curve row per policy, a sharing row per shared batch, progress. */
  @Override
  public void iterationDone(Mutation.Iteration it) {
    int m = it.batches().size(), index = firstIteration + it.index();
    long steps = stepsBefore + it.roundSteps();
    double[] means = new double[m];
    for (int i = 0; i < m; i++) {
      Batch b = it.batches().get(i);
      UpdateStats u = it.updates().get(i);
      means[i] = b.meanEpisodeReturn();
      curve.add(new CurveRow(i, index, steps, means[i], b.episodeReturns().length, u.kl(), u.beta(), u.entropy(), u.valueError(),
          (System.nanoTime() - wallStart) / 1e9));
    }
    for (Mutation.SharedBatch s : it.shared())
      sharing.add(new SharingRow(ctx.round(), index, s.policy(), s.source(), s.used(), s.seen().kl(), s.seen().essFraction(),
          s.seen().maxWeight(), s.beta()));
    progress.iteration(ctx.round(), it.index(), steps, means);
  }

  /**
   * Ends the round: its policies to the progress listener, its rows in the run state, the children as
   * the next population, a checkpoint.
   */
  void roundDone(Mutation.RoundResult mutated, Selection.Result selected, List<Crossover.Child> children, RoundEvaluations evals) {
    int r = ctx.round();
    List<GaussianPolicy> parents = ctx.population().stream().map(Member::policy).toList();
    List<Member> next = children.stream().map(Crossover.Child::member).toList();
    progress.crossoversMade(roundPolicies(parents, selected.couples(), children));
    RoundRow row = record(mutated, selected, children, evals, next);
    st.population = new ArrayList<>(next);
    st.roundsDone = r + 1;
    checkpoint();
    progress.roundDone(row);
  }

  /**
   * The final MUTATE (round k, no SELECT or CROSSOVER; none when the budget left no iteration):
   * its steps, curve, clock and row; then the run's last checkpoint.
   */
  void finalMutation(Supplier<Mutation.RoundResult> mutate) {
    if (ctx.iterations() > 0) {
      long t0 = System.nanoTime();
      Mutation.RoundResult mutated = mutate.get();
      seconds[Phase.MUTATE.ordinal()] = (System.nanoTime() - t0) / 1e9;
      st.stepsUsed += mutated.steps();
      st.curve.addAll(curve);
      st.sharing.add(sharing);
      addClock();
      double[] fitness = mutated.outcomes().stream().mapToDouble(Mutation.Outcome::fitnessReturn).toArray();
      st.rounds.add(row(mutated.steps(), 0, fitness, Double.NaN, Double.NaN, Diversity.ofPopulation(st.population)));
    }
    st.roundsDone = cfg.rounds() + 1;
    checkpoint();
  }

  /** The run's CSVs once more at its end (a resumed run that had finished writes them here). */
  void finish() {
    WorkClock.time(WorkClock.Kind.CHECKPOINT, this::writeCsvs);
  }

  /** Records the round in the run state: its steps and curve, one row per mutated policy and per couple, the clock, and its row (returned). */
  private RoundRow record(Mutation.RoundResult mutated, Selection.Result selected, List<Crossover.Child> children, RoundEvaluations evals,
                          List<Member> next) {
    int r = ctx.round(), m = cfg.populationSize();
    long crossoverSteps = 0;
    for (Crossover.Child ch : children) crossoverSteps += ch.steps();
    long stepsAfterMutation = st.stepsUsed + mutated.steps();
    st.stepsUsed += mutated.steps() + crossoverSteps;
    st.curve.addAll(curve);
    st.sharing.add(sharing);
    double bestEval = Double.NaN, bestChild = Double.NaN;
    for (int i = 0; i < m; i++) {
      Mutation.Outcome o = mutated.outcomes().get(i);
      Member member = st.population.get(i);
      double ev = RoundEvaluations.mean(evals.parents()[i]);
      double se = evals.parents()[i] == null ? Double.NaN : evals.parents()[i].standardError();
      st.policies.add(new PolicyRow(r, i, o.fitnessReturn(), o.windowEpisodes(), ev, se,
          o.sharingSet().stream().map(String::valueOf).collect(Collectors.joining(" ")), member.beta(), stepsAfterMutation));
      if (!Double.isNaN(ev) && !(ev <= bestEval)) bestEval = ev;
    }
    for (int c = 0; c < m; c++) {
      Crossover.Child ch = children.get(c);
      double childRet = RoundEvaluations.mean(evals.children()[c]);
      if (!Double.isNaN(childRet) && !(childRet <= bestChild)) bestChild = childRet;
      st.couples.add(coupleRow(c, selected.couples().get(c), ch, evals));
    }
    addClock();
    double[] fitness = selected.fitness();
    RoundRow row = row(mutated.steps(), crossoverSteps, fitness, bestEval, bestChild,
        Diversity.of(next, children, selected.kl(), fitness, evals.parents(), evals.children()));
    st.rounds.add(row);
    return row;
  }

  /** Adds the round's operator times to the run's totals, and sets its total to the time since the run's start. */
  private void addClock() {
    RunState.Clock k = st.clock;
    st.clock = new RunState.Clock(k.mutate() + seconds(Phase.MUTATE), k.select() + seconds(Phase.SELECT), k.crossover() + seconds(Phase.CROSSOVER),
        k.evaluate() + seconds(Phase.EVALUATE), (System.nanoTime() - wallStart) / 1e9);
  }

  private double seconds(Phase phase) {
    return seconds[phase.ordinal()];
  }

  /** The round's rounds.csv row, once its steps are in {@code st.stepsUsed}. */
  private RoundRow row(long mutationSteps, long crossoverSteps, double[] fitness, double bestEval, double bestChild, Diversity d) {
    return new RoundRow(ctx.round(), cfg.hash(), cfg.variantName(), ctx.iterations(), mutationSteps, crossoverSteps, st.stepsUsed,
        seconds(Phase.MUTATE), seconds(Phase.SELECT), seconds(Phase.CROSSOVER), seconds(Phase.EVALUATE), best(fitness), mean(fitness),
        bestEval, bestChild, d.lineages(), d.largestFamily(), d.meanPairKl(), d.fitnessPicksBest(), d.medianChildParentRatio());
  }

  /** Couple {@code c}'s row; a child made without pi_S and DAgger has no measurements: 0 states and steps, NaN losses and KLs. */
  private CoupleRow coupleRow(int c, Selection.Couple cp, Crossover.Child ch, RoundEvaluations evals) {
    Crossover.Distillation d = ch.distillation();
    boolean made = d != null;
    return new CoupleRow(ctx.round(), c, cp.x(), cp.y(), cp.fitness(), cp.performance(), cp.diversity(), ch.kind(), ch.strongerParent(),
        ch.initParent(), RoundEvaluations.mean(evals.parents()[cp.x()]), RoundEvaluations.mean(evals.parents()[cp.y()]),
        RoundEvaluations.mean(evals.children()[c]), RoundEvaluations.mean(evals.parameterChildren()[c]), made ? d.pisStates() : 0,
        made ? d.keptX() : 0, made ? d.keptY() : 0, made ? d.pisFirstLoss() : Double.NaN, made ? d.pisLastLoss() : Double.NaN,
        made ? d.shareY() : Double.NaN, made ? d.daggerInitialKl() : Double.NaN, made ? d.daggerFinalKl() : Double.NaN, ch.steps());
  }

  /** What a ProgressListener sees of a round's crossovers (Fig. 3b's probe rolls them out). */
  private RoundPolicies roundPolicies(List<GaussianPolicy> parents, List<Selection.Couple> couples, List<Crossover.Child> children) {
    List<RoundPolicies.Couple> made = new ArrayList<>(children.size());
    for (int c = 0; c < children.size(); c++) {
      Crossover.Child ch = children.get(c);
      made.add(new RoundPolicies.Couple(c, couples.get(c).x(), couples.get(c).y(), ch.kind(), ch.member().policy(),
          ch.parameterChild() == null ? null : ch.parameterChild().policy()));
    }
    return new RoundPolicies(cfg.seed(), ctx.round(), parents, made);
  }

  /** The run's state and its CSVs after a round, so a run stopped later resumes after it. */
  private void checkpoint() {
    WorkClock.time(WorkClock.Kind.CHECKPOINT, () -> {
      // before the checkpoint: a kill in between leaves rows of a round the checkpoint lacks, which resume drops
      st.sharing.write();
      st.save(runDir, cfg);
      writeCsvs();
    });
  }

  private void writeCsvs() {
    try (CurveWriter w = new CurveWriter(runDir.resolve("curve.csv"))) {
      for (CurveRow row : st.curve) w.write(row);
    }
    Rows.writeCsv(runDir.resolve("population.csv"), PolicyRow.class, st.policies);
    Rows.writeCsv(runDir.resolve("couples.csv"), CoupleRow.class, st.couples);
    Rows.writeCsv(runDir.resolve("rounds.csv"), RoundRow.class, st.rounds);
  }

  private static double best(double[] fitness) {
    double best = Double.NEGATIVE_INFINITY;
    for (double f : fitness) best = Math.max(best, f);
    return best;
  }

  /** Summed as f / m in slot order, the order the rows have always been computed in. */
  private static double mean(double[] fitness) {
    double mean = 0;
    for (double f : fitness) mean += f / fitness.length;
    return mean;
  }
}
