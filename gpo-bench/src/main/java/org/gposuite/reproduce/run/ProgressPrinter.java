package org.gposuite.reproduce.run;

import java.io.PrintStream;
import java.util.Locale;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * Prints where a run is: cell k/n, elapsed time, ETA. The ETA is the sum of the remaining cells'
 * estimates ({@link Rates}: measured per config, task and method on this machine kind), each times
 * the share of the machine it holds (cells that share the cores, two one-core Joint cells under
 * {@code --jobs 2}, run side by side, {@link #share}) and times its kind's pace: the ratio of measured
 * to estimated seconds over the cells of that kind (GPO's family, or Single and Joint) finished in
 * this session, else over all finished cells (resumed cells cost nothing, so they do not count). The
 * run's own pace, load included, corrects the stored rates, per kind because the rates can be off for
 * one kind and not the other. Within a cell, the part of its estimate already done is taken off by its steps.
 * Intra-cell updates are throttled to one line per {@link #UPDATE_SECONDS}, to keep CI logs short.
 * Synchronized: with {@code --jobs N} several cells report at once.
 */
public final class ProgressPrinter {
  static final long UPDATE_SECONDS = 30;

  private final PrintStream out;
  private final int cells;
  private final Rates rates;
  private final int cores, jobs;
  private final long start = System.nanoTime();
  /** Per kind ({@link #kind}): the remaining cells' estimates times their share of the machine. */
  private final double[] remainingEstimate = new double[2];
  private long measuredSteps;
  /** Per kind: seconds measured and the estimates of the same steps, over this session's fresh steps. */
  private final double[] measuredSeconds = new double[2], measuredEstimate = new double[2];
  private long lastPrint;
  /** Per cell id: the steps its checkpoint held when it resumed in this session. */
  private final java.util.Map<String, Long> resumedSteps = new java.util.HashMap<>();

  /** One cell at a time (a Slurm element, or {@code --jobs 1}). */
  public ProgressPrinter(PrintStream out, java.util.List<CellSpec> plan, Rates rates) {
    this(out, plan, rates, 1, 1);
  }

  /** Cells admitted by cores, up to {@code jobs} at a time on {@code cores} ({@code exec.LocalExecutor}). */
  public ProgressPrinter(PrintStream out, java.util.List<CellSpec> plan, Rates rates, int cores, int jobs) {
    this.out = out;
    this.cells = plan.size();
    this.rates = rates;
    this.cores = Math.max(1, cores);
    this.jobs = Math.max(1, jobs);
    for (CellSpec c : plan) remainingEstimate[kind(c)] += rates.seconds(c) * share(c);
  }

  /**
   * The share of the machine's wall time a cell holds: its cores over the machine's (a GPO cell all of
   * them, a one-core cell one), but at least 1/jobs, as no more than {@code jobs} cells run at once.
   */
  double share(CellSpec c) {
    return Math.max((double) Math.min(cores, c.parallelism()) / cores, 1.0 / jobs);
  }

  /** 0 for GPO's family, 1 for Single and Joint: the two kinds whose stored rates err apart. */
  private static int kind(CellSpec c) {
    return c.parallelism() > 1 ? 0 : 1;
  }

  /**
   * A cell kept from an earlier session. Its identity is its config, not the code, so say when
   * the code has moved on since: the user decides whether to delete the folder and recompute.
   */
  public synchronized void resumed(int k, CellSpec cell, String computedAt, String now) {
    remainingEstimate[kind(cell)] -= rates.seconds(cell) * share(cell);
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
    remainingEstimate[kind(cell)] -= estimate * share(cell);
    long total = cell.plannedSteps();
    long fresh = total - Math.min(total, resumedSteps.getOrDefault(cell.id(), 0L));
    if (!failed && fresh > 0) {
      measuredSteps += fresh;
      measuredSeconds[kind(cell)] += seconds;
      measuredEstimate[kind(cell)] += estimate * fresh / total;
    }
    out.printf(Locale.ROOT, "[%d/%d] %s %s in %s | elapsed %s | ETA %s%n", k, cells, cell.id(),
        failed ? "FAILED" : "done", clock(seconds), clock(elapsed()), clock(eta(null, 0)));
  }

  /** Throughput of the cells computed in this session, for the profiles' cost estimates. */
  public synchronized String measured() {
    double seconds = measuredSeconds[0] + measuredSeconds[1], estimate = measuredEstimate[0] + measuredEstimate[1];
    return seconds == 0 ? "no cells computed in this session"
        : String.format(Locale.ROOT, "measured %,.0f planned steps/s over %s of computing (estimated %s: %.2fx)",
            measuredSteps / seconds, clock(seconds), clock(estimate), seconds / estimate);
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds left: the remaining estimates, less the done part of the current cell, each kind at its pace. */
  public synchronized double eta(CellSpec current, long stepsIntoCurrent) {
    double[] left = remainingEstimate.clone();
    if (current != null) {
      left[kind(current)] -= rates.seconds(current) * share(current) * Math.min(1, (double) stepsIntoCurrent / current.plannedSteps());
    }
    double allSeconds = measuredSeconds[0] + measuredSeconds[1], allEstimate = measuredEstimate[0] + measuredEstimate[1];
    double overall = allEstimate > 0 ? allSeconds / allEstimate : 1;
    double eta = 0;
    for (int k = 0; k < 2; k++) {
      double pace = measuredEstimate[k] > 0 ? measuredSeconds[k] / measuredEstimate[k] : overall;
      eta += Math.max(0, left[k]) * pace;
    }
    return eta;
  }

  public static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
