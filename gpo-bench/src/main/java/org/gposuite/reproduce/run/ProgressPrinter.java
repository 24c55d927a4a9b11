package org.gposuite.reproduce.run;

import java.io.PrintStream;
import java.util.Locale;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * Prints where a run is: cell k/n, elapsed time, ETA. The ETA is the sum of the remaining cells'
 * estimates ({@link Rates}: measured per config, task and method on this machine kind), times the
 * ratio of measured to estimated seconds over the cells finished in this session (resumed cells
 * cost nothing, so they do not count): the run's own pace, load included, corrects the stored
 * rates. Within a cell, the part of its estimate already done is taken off by its steps.
 * Intra-cell updates are throttled to one line per {@link #UPDATE_SECONDS}, to keep CI logs short.
 * Synchronized: with {@code --jobs N} several cells report at once.
 */
public final class ProgressPrinter {
  static final long UPDATE_SECONDS = 30;

  private final PrintStream out;
  private final int cells;
  private final Rates rates;
  private final long start = System.nanoTime();
  private double remainingEstimate;
  private long measuredSteps;
  private double measuredSeconds;
  private double measuredEstimate;
  private long lastPrint;
  /** Per cell id: the steps its checkpoint held when it resumed in this session. */
  private final java.util.Map<String, Long> resumedSteps = new java.util.HashMap<>();

  public ProgressPrinter(PrintStream out, java.util.List<CellSpec> plan, Rates rates) {
    this.out = out;
    this.cells = plan.size();
    this.rates = rates;
    this.remainingEstimate = rates.seconds(plan);
  }

  /**
   * A cell kept from an earlier session. Its identity is its config, not the code, so say when
   * the code has moved on since: the user decides whether to delete the folder and recompute.
   */
  public synchronized void resumed(int k, CellSpec cell, String computedAt, String now) {
    remainingEstimate -= rates.seconds(cell);
    String note = computedAt.equals(now) ? ""
        : " (computed at commit " + computedAt + ", now " + now + "; delete its folder to recompute)";
    out.printf(Locale.ROOT, "[%d/%d] %s finished earlier, reusing it%s%n", k, cells, cell.id(), note);
  }

  public synchronized Progress starting(int k, CellSpec cell) {
    out.printf(Locale.ROOT, "[%d/%d] %s ... | elapsed %s | ETA %s%n", k, cells, cell.id(),
        clock(elapsed()), clock(eta(null, 0)));
    lastPrint = System.nanoTime();
    return new Progress() {
      @Override
      public void update(long steps, String phase) {
        long now = System.nanoTime();
        synchronized (ProgressPrinter.this) {
          if (now - lastPrint < UPDATE_SECONDS * 1_000_000_000L) return;
          lastPrint = now;
        }
        double pct = 100.0 * steps / cell.plannedSteps();
        out.printf(Locale.ROOT, "[%d/%d] %s %3.0f%% %s | elapsed %s | ETA %s%n", k, cells, cell.id(), pct,
            phase, clock(elapsed()), clock(eta(cell, steps)));
      }

      @Override
      public void resumed(long steps, String from) {
        synchronized (ProgressPrinter.this) {
          resumedSteps.put(cell.id(), steps);
          out.printf(Locale.ROOT, "[%d/%d] %s resumed from its checkpoint %s (%,d of %,d steps done earlier)%n", k,
              cells, cell.id(), from, steps, cell.plannedSteps());
        }
      }
    };
  }

  /**
   * A cell ended. Only the part computed in this session counts towards the run's pace: a failed
   * cell's seconds say nothing about a whole cell's, and a resumed cell's earlier steps cost
   * nothing now (counted whole, they made a pace of millions of steps/s and the ETA jump).
   */
  public synchronized void finished(int k, CellSpec cell, double seconds, boolean failed) {
    double estimate = rates.seconds(cell);
    remainingEstimate -= estimate;
    long total = cell.plannedSteps();
    long fresh = total - Math.min(total, resumedSteps.getOrDefault(cell.id(), 0L));
    if (!failed && fresh > 0) {
      measuredSteps += fresh;
      measuredSeconds += seconds;
      measuredEstimate += estimate * fresh / total;
    }
    out.printf(Locale.ROOT, "[%d/%d] %s %s in %s | elapsed %s | ETA %s%n", k, cells, cell.id(),
        failed ? "FAILED" : "done", clock(seconds), clock(elapsed()), clock(eta(null, 0)));
  }

  /** Throughput of the cells computed in this session, for the profiles' cost estimates. */
  public synchronized String measured() {
    return measuredSeconds == 0 ? "no cells computed in this session"
        : String.format(Locale.ROOT, "measured %,.0f planned steps/s over %s of computing (estimated %s: %.2fx)",
            measuredSteps / measuredSeconds, clock(measuredSeconds), clock(measuredEstimate),
            measuredSeconds / measuredEstimate);
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds left: the remaining estimates, less the done part of the current cell, at this run's pace. */
  public synchronized double eta(CellSpec current, long stepsIntoCurrent) {
    double done = current == null ? 0
        : rates.seconds(current) * Math.min(1, (double) stepsIntoCurrent / current.plannedSteps());
    double pace = measuredEstimate > 0 ? measuredSeconds / measuredEstimate : 1;
    return Math.max(0, remainingEstimate - done) * pace;
  }

  public static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
