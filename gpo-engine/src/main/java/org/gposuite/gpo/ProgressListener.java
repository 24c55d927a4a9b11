package org.gposuite.gpo;

/** Progress of a run, for logs and for tests that interrupt a run at a chosen point. Called on the run's thread. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** After every policy finished mutation iteration {@code iteration} of {@code round}. */
  default void iteration(int round, int iteration, long stepsUsed, double[] batchMeanReturns) {}

  /** After an operator of a round: "mutate", "select", "crossover". */
  default void operatorDone(int round, String operator) {}

  /** After round {@code row.round()} was completed and checkpointed. */
  default void roundDone(RoundRow row) {}
}
