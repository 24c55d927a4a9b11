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

  /**
   * The cell continues from a checkpoint with {@code stepsDone} steps behind it: said at once, and
   * left out of the run's pace (those steps cost nothing in this session).
   *
   * @param from where it continues, e.g. "after round 3/12"
   */
  default void resumed(long stepsDone, String from) {
    update(stepsDone, "resumed " + from);
  }

  Progress NONE = (steps, phase) -> { };
}
