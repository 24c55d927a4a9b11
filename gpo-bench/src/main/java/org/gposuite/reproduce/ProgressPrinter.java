package org.gposuite.reproduce;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints where a run is: cell k/n, elapsed time, ETA. The ETA divides the planned steps still
 * to do by the throughput measured so far in this session (resumed cells cost nothing, so they
 * do not count), falling back to the profile's assumed throughput before anything is measured.
 * Intra-cell updates are throttled to one line per {@link #UPDATE_SECONDS}, to keep CI logs short.
 */
final class ProgressPrinter {
  static final long UPDATE_SECONDS = 30;

  private final PrintStream out;
  private final int cells;
  private final double assumedStepsPerSecond;
  private final long start = System.nanoTime();
  private long remainingSteps;
  private long measuredSteps;
  private double measuredSeconds;
  private long lastPrint;

  ProgressPrinter(PrintStream out, int cells, long plannedSteps, double assumedStepsPerSecond) {
    this.out = out;
    this.cells = cells;
    this.remainingSteps = plannedSteps;
    this.assumedStepsPerSecond = assumedStepsPerSecond;
  }

  /**
   * A cell kept from an earlier session. Its identity is its config, not the code, so say when
   * the code has moved on since: the user decides whether to delete the folder and recompute.
   */
  void resumed(int k, CellSpec cell, String computedAt, String now) {
    remainingSteps -= cell.budget().totalSteps();
    String note = computedAt.equals(now) ? ""
        : " (computed at commit " + computedAt + ", now " + now + "; delete its folder to recompute)";
    out.printf(Locale.ROOT, "[%d/%d] %s finished earlier, reusing it%s%n", k, cells, cell.id(), note);
  }

  Progress starting(int k, CellSpec cell) {
    out.printf(Locale.ROOT, "[%d/%d] %s ... | elapsed %s | ETA %s%n", k, cells, cell.id(),
        clock(elapsed()), clock(eta(0)));
    lastPrint = System.nanoTime();
    return (steps, phase) -> {
      long now = System.nanoTime();
      synchronized (this) {
        if (now - lastPrint < UPDATE_SECONDS * 1_000_000_000L) return;
        lastPrint = now;
      }
      double pct = 100.0 * steps / cell.budget().totalSteps();
      out.printf(Locale.ROOT, "[%d/%d] %s %3.0f%% %s | elapsed %s | ETA %s%n", k, cells, cell.id(), pct,
          phase, clock(elapsed()), clock(eta(steps)));
    };
  }

  void finished(int k, CellSpec cell, double seconds, boolean failed) {
    remainingSteps -= cell.budget().totalSteps();
    measuredSteps += cell.budget().totalSteps();
    measuredSeconds += seconds;
    out.printf(Locale.ROOT, "[%d/%d] %s %s in %s | elapsed %s | ETA %s%n", k, cells, cell.id(),
        failed ? "FAILED" : "done", clock(seconds), clock(elapsed()), clock(eta(0)));
  }

  /** Throughput of the cells computed in this session, for the profiles' cost estimates. */
  String measured() {
    return measuredSeconds == 0 ? "no cells computed in this session"
        : String.format(Locale.ROOT, "measured %,.0f planned steps/s over %s of computing",
            measuredSteps / measuredSeconds, clock(measuredSeconds));
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  private double eta(long stepsIntoCurrent) {
    double rate = measuredSeconds > 0 ? measuredSteps / measuredSeconds : assumedStepsPerSecond;
    return Math.max(0, remainingSteps - stepsIntoCurrent) / rate;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
