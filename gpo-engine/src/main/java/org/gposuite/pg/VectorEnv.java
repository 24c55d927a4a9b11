package org.gposuite.pg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the policy-gradient layer needs from N auto-resetting copies of a task. The MuJoCo tasks'
 * {@code org.gposuite.env.VecEnv} provides it through {@link VecEnvAdapter}; the tests' small
 * hand-checkable environments implement it directly. It is an interface of this layer, not of
 * env, because env sits below pg and knows nothing of it (env reads only the MuJoCo binding).
 */
public interface VectorEnv extends AutoCloseable {
  int numEnvs();
  int obsDim();
  int actDim();
  int horizon();
  /** Current observations {@code [numEnvs * obsDim]} (after auto-reset). */
  double[] observations();
  /** Steps every copy with {@code [numEnvs * actDim]} actions in [-1, 1] (the env clips). */
  void step(double[] actions);
  double[] rewards();
  boolean[] terminated();
  boolean[] truncated();
  /** Observation before the reset, rows valid where terminated or truncated. */
  double[] finalObservations();
  /** Return of the episode each copy finished at the last step, valid where terminated or truncated. */
  double[] episodeReturns();
  /**
   * Writes what {@link #restore} needs to continue every copy's episode exactly: a checkpoint taken
   * in the middle of a policy's training (between two batches) holds it.
   */
  void save(DataOutput out) throws IOException;

  /**
   * Continues the episodes {@link #save} wrote, on an env just created with the same task, size and
   * seed; {@link #observations()} are then the saved env's.
   */
  void restore(DataInput in) throws IOException;

  @Override
  void close();
}
