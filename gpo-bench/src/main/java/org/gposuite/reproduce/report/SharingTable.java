package org.gposuite.reproduce.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.store.SharingSummary;
import org.gposuite.reproduce.store.StoredCell;

/**
 * The report's "Data sharing" part of a table: for every GPO cell with a sharing.csv, how much it read
 * of the other policies' batches and how off-policy those batches were when it read them (issue 19:
 * the literal Eq. 5 keeps batches in use for a whole ~36-iteration round while the policies drift
 * apart). One row per cell; each cell's gpo/sharing.png draws the same numbers per iteration.
 */
final class SharingTable {
  private SharingTable() {}

  static String render(Results results, Map<String, SharingSummary> summaries, String preset, Algorithm algorithm, List<String> tasks) {
    StringBuilder md = new StringBuilder();
    for (String task : tasks)
      for (StoredCell c : results.group(preset, algorithm, task, "GPO")) {
        SharingSummary s = summaries.get(c.record().id());
        if (s == null) continue;
        if (md.isEmpty()) {
          md.append("\n### Data sharing in the GPO cells\n\n")
              .append("Per cell, over every policy update of the run: shared batches read per update (of the population's m - 1),")
              .append(" batches the rechecked rule left out, and of the batches read: the median KL[pi_i || pi_j_old] at the time of")
              .append(" use, the median ESS / n of their importance weights, the share with ESS / n below 0.1, the largest weight;")
              .append(" the KL-penalty coefficient's range. Per iteration: each cell's `gpo/sharing.png`; per row: `gpo/sharing.csv`.\n\n")
              .append("| Task | Seed | Settings | Read per update | Left out | Median KL at use | Median ESS/n | ESS/n < 0.1 | Largest weight | Beta | Return |\n")
              .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        }
        String settings = c.record().settings().overrides().isEmpty() ? "defaults" : c.record().settings().storedText();
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %d | %s | %s | %s | %s | %s | %,.0f |%n", task, c.record().seed(),
            settings, s.usedPerUpdate(), s.sharedDropped(), sig(s.medianKl()), sig(s.medianEss()), percent(s.lowEssShare()),
            sig(s.maxWeight()), sig(s.betaMin()) + " - " + sig(s.betaMax()), c.record().finalReturn()));
      }
    return md.toString();
  }

  private static String sig(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
