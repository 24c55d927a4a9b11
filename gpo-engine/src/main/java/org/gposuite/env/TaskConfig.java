package org.gposuite.env;

/**
 * Which task to build and how long its episodes may run.
 *
 * @param name           one of {@link Tasks#allNames()}, e.g. "HalfCheetah", "Hopper-hilly" or
 *                       "Walker2d-v1" (exact spelling; the harness resolves case first)
 * @param horizon        episode length cap T in environment steps, applied by {@link VecEnv} as
 *                       truncation. The paper uses 512 for rllab's tasks and runs Gym's -v1 tasks
 *                       at both 512 and 1024 (Fig. 9), in place of Gym's own 1000-step limit, so
 *                       it is a parameter here rather than part of a task
 * @param hillDifficulty maximum terrain elevation in metres for the "-hilly" tasks (rllab's
 *                       {@code difficulty}, 1.0 in the paper); ignored by the flat tasks
 */
public record TaskConfig(String name, int horizon, double hillDifficulty) {
  public static final int DEFAULT_HORIZON = 512;
  public static final double DEFAULT_HILL_DIFFICULTY = 1.0;

  public TaskConfig {
    if (name == null || !Tasks.allNames().contains(name)) {
      throw new IllegalArgumentException(
          "unknown task '" + name + "': choose one of " + Tasks.allNames());
    }
    if (horizon <= 0) {
      throw new IllegalArgumentException(
          "task " + name + ": horizon must be a positive number of steps, got " + horizon);
    }
    if (!(hillDifficulty > 0) || Double.isInfinite(hillDifficulty)) {
      throw new IllegalArgumentException(
          "task " + name + ": hillDifficulty must be a finite elevation > 0 (metres), got "
              + hillDifficulty);
    }
  }

  /** The task with the paper's horizon for rllab's tasks (512) and hill difficulty (1.0). */
  public static TaskConfig of(String name) {
    return new TaskConfig(name, DEFAULT_HORIZON, DEFAULT_HILL_DIFFICULTY);
  }

  /** True for the three height-field variants. */
  public boolean hilly() {
    return name.endsWith(Tasks.HILLY_SUFFIX);
  }
}
