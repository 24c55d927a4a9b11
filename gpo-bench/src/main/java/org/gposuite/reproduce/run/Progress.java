package org.gposuite.reproduce.run;

/**
 * How a runner tells the harness how far its cell is. Called from any thread, as often as the
 * runner likes (the harness throttles what it prints).
 */
@FunctionalInterface
public interface Progress {
  /**
   * @param stepsDone environment steps simulated so far in this cell
   * @param phase what the runner is doing, e.g. "round 3/12 mutate"
   */
  void update(long stepsDone, String phase);

  Progress NONE = (steps, phase) -> { };
}
