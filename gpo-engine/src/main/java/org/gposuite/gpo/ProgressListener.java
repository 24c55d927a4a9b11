package org.gposuite.gpo;

/** Progress of a run, for logs and for tests that interrupt a run at a chosen point. Called on the run's thread. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** After every policy finished mutation iteration {@code iteration} of {@code round}. */
  default void iteration(int round, int iteration, long stepsUsed, double[] batchMeanReturns) {}

  /** After an operator of a round: "mutate", "select", "crossover". */
  default void operatorDone(int round, String operator) {}

  /**
   * After round {@code round}'s crossovers and their diagnostic evaluations, before its rows and
   * checkpoint: the round's parents and children, for studies that roll them out again (Fig. 3b,
   * {@link Visitation}). Such a study must not change the policies; it draws its own seeds, so the
   * run's numbers do not depend on whether it ran. Not called again for a round a resumed run skips.
   */
  default void crossoversMade(RoundPolicies policies) {}

  /** After round {@code row.round()} was completed and checkpointed. */
  default void roundDone(RoundRow row) {}
}
