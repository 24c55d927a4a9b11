package org.gposuite.reproduce.report;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.WallClock;

/**
 * Table 3 at the paper's scale, from the wall-clock columns that every stored row of
 * {@code paper/cells.csv} carries (the run folders the report reads are not kept): per task, GPO's
 * minutes split into mutate / crossover / select, and Joint's total, beside the paper's minutes.
 *
 * <p>Medians over seeds, not means: the cells ran over several sittings on a shared machine, some
 * beside other work, and one slow sitting would move a mean of three. The paper's minutes are on its
 * 12-core machine and ours on 2 cores, so the shares are what compare; the minutes say what a cell
 * costs here.
 */
final class WallClockAtScale {
  private WallClockAtScale() {}

  /** The section, or "" when no PPO GPO or Joint row of either preset carries a wall-clock. */
  static String section(List<CellRecord> rows, PaperData paper) {
    StringBuilder body = new StringBuilder();
    TreeSet<String> machines = new TreeSet<>();
    for (String preset : Findings.PRESETS) {
      StringBuilder table = new StringBuilder();
      for (String task : Catalogue.TASKS) {
        List<CellRecord> gpo = timed(Findings.seeds(rows, Algorithm.PPO, preset, task, "GPO"));
        List<CellRecord> asWritten = timed(Findings.asWritten(rows, preset, task));
        List<CellRecord> joint = timed(Findings.seeds(rows, Algorithm.PPO, preset, task, "Joint"));
        PaperData.PaperWallClock theirs = paper.wallClock().get(task);
        if (!gpo.isEmpty()) table.append(gpoRow(task, "GPO", gpo, theirs));
        if (!asWritten.isEmpty()) table.append(gpoRow(task, Findings.AS_WRITTEN_LABEL, asWritten, theirs));
        if (!joint.isEmpty()) {
          table.append("| ").append(task).append(" | Joint | ").append(joint.size()).append(" | ")
              .append(minutes(joint, WallClock::totalSeconds)).append(" | ").append(range(joint)).append(" | | | | | ")
              .append(theirs == null ? "—" : fmt(theirs.jointTotal())).append(" | | | | |\n");
        }
        for (List<CellRecord> group : List.of(gpo, asWritten, joint)) {
          group.forEach(c -> machines.add(c.provenance().cpu() + ", " + c.provenance().os()));
        }
      }
      if (table.isEmpty()) continue;
      body.append("\n### Preset `").append(preset).append("`\n\n")
          .append("| Task | run | n | total | total's range | mutate | crossover | select | mutate share | paper total | mutate | crossover | select | mutate share |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n").append(table);
    }
    if (body.isEmpty()) return "";
    return "\n## Table 3 at the paper's scale\n\nMinutes per cell, median over the seeds (n) of the rows above, from the"
        + " wall-clock columns of the stored rows; GPO's total also holds its diagnostic evaluations, which the split leaves out."
        + " The paper's minutes are on its 12-core machine, ours on 2 cores (" + String.join("; ", machines)
        + "), some beside other work: compare the shares. The range is the fastest and the slowest seed's total: a"
        + " wide one says the seeds ran on different machines or beside other work, not that a seed costs more.\n" + body;
  }

  /** Rows whose phases were timed (a GPO row with a zero split predates the split's columns). */
  private static List<CellRecord> timed(List<CellRecord> cells) {
    return cells.stream().filter(c -> c.wallClock().totalSeconds() > 0).toList();
  }

  private static String gpoRow(String task, String label, List<CellRecord> cells, PaperData.PaperWallClock theirs) {
    double total = median(cells, WallClock::totalSeconds), mutate = median(cells, WallClock::mutateSeconds);
    String paper = theirs == null ? "— | — | — | — | —" : fmt(theirs.gpoTotal()) + " | " + fmt(theirs.gpoMutate()) + " | "
        + fmt(theirs.gpoCrossover()) + " | " + fmt(theirs.gpoSelect()) + " | " + percent(theirs.gpoMutate() / theirs.gpoTotal());
    return "| " + task + " | " + label + " | " + cells.size() + " | " + fmt(total / 60) + " | " + range(cells) + " | " + fmt(mutate / 60) + " | "
        + minutes(cells, WallClock::crossoverSeconds) + " | " + minutes(cells, WallClock::selectSeconds) + " | "
        + percent(mutate / total) + " | " + paper + " |\n";
  }

  /** The fastest and the slowest cell's total minutes, "4.1-6.0" (one cell: its minutes). */
  private static String range(List<CellRecord> cells) {
    double[] totals = cells.stream().mapToDouble(c -> c.wallClock().totalSeconds() / 60).sorted().toArray();
    return totals.length == 1 ? fmt(totals[0]) : fmt(totals[0]) + "-" + fmt(totals[totals.length - 1]);
  }

  private static String minutes(List<CellRecord> cells, ToDoubleFunction<WallClock> part) {
    return fmt(median(cells, part) / 60);
  }

  /** The median of one wall-clock part over the cells (the mean of the middle two for an even count). */
  static double median(List<CellRecord> cells, ToDoubleFunction<WallClock> part) {
    return Stats.median(cells.stream().mapToDouble(c -> part.applyAsDouble(c.wallClock())).toArray());
  }

  private static String fmt(double minutes) {
    return String.format(Locale.ROOT, "%.1f", minutes);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
