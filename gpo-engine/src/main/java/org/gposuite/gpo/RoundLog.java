package org.gposuite.gpo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The bookkeeping of a round, kept beside {@link Gpo#run} rather than inside it: the rows it adds to
 * population.csv, couples.csv, sharing.csv and rounds.csv, the steps it spent and its wall-clock split (Table 3).
 */
final class RoundLog {
  private RoundLog() {}

  /** Wall-clock marks of one round's operators, in the order they run. */
  static final class Timer {
    private final long start = System.nanoTime();
    private long mutated, selected, crossedOver, evaluated;

    void mutated() { mutated = System.nanoTime(); }
    void selected() { selected = System.nanoTime(); }
    void crossedOver() { crossedOver = System.nanoTime(); }
    void evaluated() { evaluated = System.nanoTime(); }

    double mutateSeconds() { return (mutated - start) / 1e9; }
    double selectSeconds() { return (selected - mutated) / 1e9; }
    double crossoverSeconds() { return (crossedOver - selected) / 1e9; }
    double evaluateSeconds() { return (evaluated - crossedOver) / 1e9; }
  }

  /**
   * Records round {@code r} in {@code st}: its steps and curve, one row per mutated policy and per
   * couple, the clock, and the round's row (returned, also appended).
   */
  static RoundRow round(Checkpoint st, GpoConfig cfg, int r, int iterations, Mutation.RoundResult mutated, List<Selection.Couple> couples,
                        List<Crossover.Child> children, double[][] kl, double[] fitness, RoundEvaluations evals, List<Member> next,
                        Timer time, long wallStart) {
    int m = cfg.populationSize();
    long crossoverSteps = 0;
    for (Crossover.Child ch : children) crossoverSteps += ch.steps();
    long stepsAfterMutation = st.stepsUsed + mutated.steps();
    st.stepsUsed += mutated.steps() + crossoverSteps;
    st.curve.addAll(mutated.curve());
    st.sharing.add(mutated.sharing());
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
      Selection.Couple cp = couples.get(c);
      Crossover.Child ch = children.get(c);
      double childRet = RoundEvaluations.mean(evals.children()[c]);
      if (!Double.isNaN(childRet) && !(childRet <= bestChild)) bestChild = childRet;
      st.couples.add(new CoupleRow(r, c, cp.x(), cp.y(), cp.fitness(), cp.performance(), cp.diversity(), ch.kind(), ch.strongerParent(), ch.initParent(),
          RoundEvaluations.mean(evals.parents()[cp.x()]), RoundEvaluations.mean(evals.parents()[cp.y()]), childRet,
          RoundEvaluations.mean(evals.parameterChildren()[c]), ch.pisStates(), ch.keptX(), ch.keptY(), ch.pisFirstLoss(),
          ch.pisLastLoss(), ch.shareY(), ch.daggerInitialKl(), ch.daggerFinalKl(), ch.steps()));
    }
    Checkpoint.Clock k = st.clock;
    st.clock = new Checkpoint.Clock(k.mutate() + time.mutateSeconds(), k.select() + time.selectSeconds(),
        k.crossover() + time.crossoverSeconds(), k.evaluate() + time.evaluateSeconds(), (System.nanoTime() - wallStart) / 1e9);
    RoundRow row = new RoundRow(r, cfg.hash(), cfg.variantName(), iterations, mutated.steps(), crossoverSteps,
        st.stepsUsed, time.mutateSeconds(), time.selectSeconds(), time.crossoverSeconds(), time.evaluateSeconds(), best(fitness),
        mean(fitness), bestEval, bestChild, Diversity.of(next, children, kl, fitness, evals.parents(), evals.children()));
    st.rounds.add(row);
    return row;
  }

  /** Records the final MUTATE (round k, no SELECT or CROSSOVER): its steps, curve, clock and row. */
  static void tail(Checkpoint st, GpoConfig cfg, int iterations, Mutation.RoundResult mutated, double mutateSeconds, long wallStart) {
    st.stepsUsed += mutated.steps();
    st.curve.addAll(mutated.curve());
    st.sharing.add(mutated.sharing());
    Checkpoint.Clock c = st.clock;
    st.clock = new Checkpoint.Clock(c.mutate() + mutateSeconds, c.select(), c.crossover(), c.evaluate(), (System.nanoTime() - wallStart) / 1e9);
    double[] fitness = mutated.outcomes().stream().mapToDouble(Mutation.Outcome::fitnessReturn).toArray();
    st.rounds.add(new RoundRow(cfg.rounds(), cfg.hash(), cfg.variantName(), iterations, mutated.steps(), 0, st.stepsUsed, mutateSeconds,
        0, 0, 0, best(fitness), mean(fitness), Double.NaN, Double.NaN, Diversity.ofPopulation(st.population)));
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
