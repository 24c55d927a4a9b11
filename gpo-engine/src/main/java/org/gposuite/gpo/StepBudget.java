package org.gposuite.gpo;

/**
 * How GPO spends {@code totalSteps} so that, like Single and Joint, it uses its whole budget to
 * within one batch per policy. Before a round's MUTATE the steps its other operators can take at
 * most are reserved: a DAgger run per couple (with C) and the fitness episodes (with EVALUATION
 * fitness, at most a horizon each). What is left after the reservations of all remaining rounds
 * is split evenly among them in whole iterations (one batch of every policy), re-split before every
 * round, so rounds differ by at most one iteration when every reservation is spent. A reservation a round does not spend (a self-couple skips DAgger,
 * an evaluation episode ends before the horizon) stays in the budget and the later rounds spend it.
 *
 * <p>After the last round, what is left (the last round's unspent reservation and the rounding)
 * buys a final MUTATE of the children: Algorithm 1's loop body begins with MUTATE, the budget is
 * counted in steps, so the steps the k-th crossover left unused go to the mutation the next round
 * would have begun with; no SELECT or CROSSOVER follows (the budget cannot pay for one).
 */
public record StepBudget(long totalSteps, int rounds, int policies, int batch, long reservePerRound) {

  /**
   * Steps a whole run spends, rounds and final MUTATE, if every round's crossovers and fitness
   * episodes take {@code spentShare} (0 to 1) of their reservation: a plan-time check that every
   * profile's GPO spends its budget like Single and Joint, whatever the couples turn out to be.
   */
  public static long plannedSteps(GpoConfig cfg, int horizon, double spentShare) {
    StepBudget b = of(cfg, horizon);
    long used = 0;
    for (int r = 0; r < b.rounds; r++) used += b.iterations(r, used) * b.stepsPerIteration() + Math.round(spentShare * b.reservePerRound);
    return used + b.tailIterations(used) * b.stepsPerIteration();
  }

  static StepBudget of(GpoConfig cfg, int horizon) {
    long reserve = cfg.crossover().stateSpace() ? cfg.populationSize() * cfg.crossover().dagger().steps() : 0;
    if (cfg.selection().fitness() == SelectionSection.FitnessSource.EVALUATION)
      reserve += (long) cfg.populationSize() * cfg.selection().fitnessEpisodes() * horizon;
    StepBudget b = new StepBudget(cfg.totalSteps(), cfg.rounds(), cfg.populationSize(), cfg.mutation().algorithm().batchSize(), reserve);
    if (b.iterations(0, 0) < 1)
      throw new IllegalArgumentException("GpoConfig: the budget of " + cfg.totalSteps() + " steps leaves less than one batch of "
          + cfg.mutation().algorithm().batchSize() + " for each of " + cfg.populationSize() + " policies per round after reserving " + reserve
          + " steps per round for crossover and fitness episodes; raise totalSteps or lower rounds, population, batch or DAgger sizes");
    return b;
  }

  /** Steps of one iteration of all policies. */
  long stepsPerIteration() {
    return (long) policies * batch;
  }

  /** MUTATE iterations of round {@code round} (0-based) when {@code used} steps are spent. */
  int iterations(int round, long used) {
    int left = rounds - round;
    long free = totalSteps - used - left * reservePerRound;
    long whole = Math.max(0, free / stepsPerIteration());
    return (int) (whole / left);
  }

  /** Iterations of the final MUTATE after the last round. */
  int tailIterations(long used) {
    return (int) Math.max(0, (totalSteps - used) / stepsPerIteration());
  }
}
