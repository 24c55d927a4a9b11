package org.gposuite.env;

/**
 * One copy of a MuJoCo task (rllab's nine or Gym's three -v1 tasks). Not thread-safe; no automatic reset (see {@link VecEnv}).
 * {@link #step} allocates nothing.
 */
public interface Env extends AutoCloseable {
  /** The task name, as in {@link Tasks#allNames()}. */
  String name();

  int obsDim();

  int actDim();

  /** Starts an episode with reset noise drawn from this env's own generator (seeded by make). */
  void reset(double[] obsOut);

  /**
   * Applies {@code action} (in [-1, 1]^actDim; rllab's tasks rescale it to the actuator
   * ctrlrange and clip, Gym's clip it to their ctrlrange, which is [-1, 1]), advances the physics
   * by frame_skip steps, writes the observation and returns the reward.
   *
   * @throws IllegalArgumentException on a wrong length or a NaN/infinite component
   */
  double step(double[] action, double[] obsOut);

  /**
   * What this copy's current episode started from, beyond its actions: {@link #restart} with it,
   * then the same actions, rebuilds the episode bit for bit (a checkpoint taken mid-episode).
   */
  ResetPoint resetPoint();

  /** Starts an episode from {@code point} (as {@link #reset} did when {@link #resetPoint} was taken). */
  void restart(ResetPoint point, double[] obsOut);

  /**
   * The state an episode's start depends on besides the model: the reset noise's random stream, and
   * what the physics carries over from the episode before (rllab's resets keep the solver's warm start
   * and the clock; Gym's clear them, so theirs are overwritten).
   */
  record ResetPoint(long rngState, double[] qaccWarmstart, double time) {}

  /** Whether the last step ended the episode (task termination or instability). */
  boolean terminated();

  /** Whether a MuJoCo warning fired during the last step (the episode ends and is counted). */
  boolean unstable();

  @Override
  void close();
}
