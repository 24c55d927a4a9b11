package org.gposuite.pg;

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
  @Override
  void close();
}
