package org.gposuite.env;

/**
 * Which task to build and how long its episodes may run.
 *
 * @param name           one of {@link Tasks#names()}, e.g. "HalfCheetah" or "Hopper-hilly"
 * @param horizon        episode length cap T in environment steps (the paper uses 512)
 * @param hillDifficulty maximum terrain elevation in metres for the "-hilly" tasks (rllab's
 *                       {@code difficulty}, 1.0 in the paper); ignored by the flat tasks
 */
public record TaskConfig(String name, int horizon, double hillDifficulty) {
  public static final int DEFAULT_HORIZON = 512;
  public static final double DEFAULT_HILL_DIFFICULTY = 1.0;

  public TaskConfig {
    if (name == null || !Tasks.names().contains(name)) {
      throw new IllegalArgumentException(
          "unknown task '" + name + "': choose one of " + Tasks.names());
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

  /** The task with the paper's horizon (512) and hill difficulty (1.0). */
  public static TaskConfig of(String name) {
    return new TaskConfig(name, DEFAULT_HORIZON, DEFAULT_HILL_DIFFICULTY);
  }

  /** True for the three height-field variants. */
  public boolean hilly() {
    return name.endsWith(Tasks.HILLY_SUFFIX);
  }
}
