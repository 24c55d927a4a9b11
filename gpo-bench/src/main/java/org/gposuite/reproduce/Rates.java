package org.gposuite.reproduce;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cell costs on this machine kind, for the planner's estimate and the progress ETA:
 * measured, per cell kind, from the wall-clock seconds and steps of the cells stored in
 * {@code expected-results/<profile>/cells.csv} (every profile's file; each row has
 * {@code wall_total_s} and {@code steps_used}). Methods and tasks differ by far more than the
 * machine does (a GPO cell pays for crossover and DAgger, an InvertedDoublePendulum step is not a
 * Swimmer step), so one assumed steps/s misjudges a plan. A cell is estimated from, in order:
 *
 * <ol>
 *   <li>the stored cells of the same config (config hash: algorithm, preset, task, method,
 *       budget, settings): their mean seconds;
 *   <li>stored cells of the same algorithm, preset, task and method at another budget: their
 *       steps per second, times this cell's steps;
 *   <li>stored cells of the same task and method, any algorithm or preset; then of the same task;
 *   <li>the profile's {@code assumed_steps_per_second}.
 * </ol>
 * The ETA then corrects these by the run itself ({@link ProgressPrinter}): remaining estimates
 * times (measured / estimated) over the cells finished in this session, which takes in the
 * machine's load. Unreadable files are skipped: an estimate is never worth stopping a run for.
 */
public final class Rates {
  private final double assumedStepsPerSecond;
  private final Map<String, Sum> byConfig = new HashMap<>();
  private final Map<String, Sum> byGroup = new HashMap<>();
  private final Map<String, Sum> byTaskMethod = new HashMap<>();
  private final Map<String, Sum> byTask = new HashMap<>();
  private int cells;

  /** Seconds and steps summed over stored cells. */
  private static final class Sum {
    double seconds;
    double steps;
    int n;

    void add(double s, double st) {
      seconds += s;
      steps += st;
      n++;
    }
  }

  Rates(double assumedStepsPerSecond, List<CellRecord> measured) {
    this.assumedStepsPerSecond = assumedStepsPerSecond;
    for (CellRecord r : measured) add(r);
  }

  /** Rates from every {@code expected-results/*}{@code /cells.csv}; none when the folder is absent. */
  public static Rates load(Path expectedResults, double assumedStepsPerSecond) {
    List<CellRecord> rows = new ArrayList<>();
    if (expectedResults != null && Files.isDirectory(expectedResults)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(expectedResults, Files::isDirectory)) {
        for (Path d : dirs) {
          Path f = d.resolve("cells.csv");
          if (!Files.isRegularFile(f)) continue;
          try {
            rows.addAll(CellsCsv.read(f));
          } catch (RuntimeException unreadable) {
            // the comparison reports a damaged baseline of its own profile; here it only costs precision
          }
        }
      } catch (IOException unreadable) {
        // no measured rates: the assumed throughput it is
      }
    }
    return new Rates(assumedStepsPerSecond, rows);
  }

  private void add(CellRecord r) {
    double s = r.wallClock().totalSeconds();
    if (!(s > 0) || r.stepsUsed() <= 0) return;
    cells++;
    byConfig.computeIfAbsent(r.configHash(), k -> new Sum()).add(s, r.stepsUsed());
    byGroup.computeIfAbsent(r.groupId(), k -> new Sum()).add(s, r.stepsUsed());
    byTaskMethod.computeIfAbsent(r.task() + "/" + r.method(), k -> new Sum()).add(s, r.stepsUsed());
    byTask.computeIfAbsent(r.task(), k -> new Sum()).add(s, r.stepsUsed());
  }

  /** The estimated seconds of one cell (see the class comment for the order of sources). */
  public double seconds(CellSpec c) {
    Sum s = byConfig.get(c.configHash());
    if (s != null) return s.seconds / s.n;
    long steps = c.budget().totalSteps();
    for (Sum t : new Sum[] {byGroup.get(c.groupId()), byTaskMethod.get(c.task() + "/" + c.method()),
        byTask.get(c.task())}) {
      if (t != null) return steps * t.seconds / t.steps;
    }
    return steps / assumedStepsPerSecond;
  }

  /** The estimated seconds of a plan's cells. */
  public double seconds(List<CellSpec> plan) {
    double sum = 0;
    for (CellSpec c : plan) sum += seconds(c);
    return sum;
  }

  /** Where the estimate comes from, for the plan's first line. */
  public String source() {
    return cells == 0 ? String.format(java.util.Locale.ROOT, "at the assumed %.0f steps/s (no measured cells)",
        assumedStepsPerSecond)
        : "from the rates of " + cells + " measured cells in expected-results (per config, else per task and method)";
  }
}
