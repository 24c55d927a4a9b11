package org.gposuite.reproduce.store;

/**
 * Where a cell's time went, in seconds (Table 3). Methods without GPO's phases (Single, Joint)
 * report their whole time as {@code total} and zero for the phases.
 */
public record WallClock(double totalSeconds, double mutateSeconds, double selectSeconds,
    double crossoverSeconds) {

  public WallClock {
    check("total", totalSeconds);
    check("mutate", mutateSeconds);
    check("select", selectSeconds);
    check("crossover", crossoverSeconds);
  }

  /** A method that has no phases: all of its time is "total". */
  public static WallClock totalOnly(double totalSeconds) {
    return new WallClock(totalSeconds, 0, 0, 0);
  }

  private static void check(String phase, double seconds) {
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException(phase + " wall-clock must be a finite number >= 0 s, got " + seconds);
    }
  }
}
