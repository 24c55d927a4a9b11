package org.gposuite.reproduce.report;

import java.util.List;
import java.util.Locale;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.store.CellRecord;

/**
 * The critic control at the paper's scale (issue 19). Joint's critic takes 160 Adam steps an
 * iteration on its 16,384 rows, and so does the default GPO's critic on its population's eight
 * batches; the suite's Single takes 20 on its own 2,048 (preset {@code tuned}). A Single that takes
 * Joint's 160 on its own rows (preset {@value #PRESET}) says how much of the leaders' lead over
 * Single is their critic's step count rather than their data: where it closes the gap, "GPO above
 * Single" is a statement about the critic. Its cells are kept beside the tables' ({@value #FILE}), as
 * they belong to no table of the paper's.
 */
final class CriticControl {
  static final String FILE = "critic-control-cells.csv";
  static final String PRESET = "tuned-critic160";

  private CriticControl() {}

  /** The section, or "" while no paper-scale cell of the control is stored: one row per task the control has run. */
  static String section(List<CellRecord> rows, PaperData paper) {
    List<String> tasks = Catalogue.TASKS.stream()
        .filter(t -> !Findings.seeds(rows, Algorithm.PPO, PRESET, t, "Single").isEmpty()).toList();
    if (tasks.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\n### The critic control: Single with Joint's critic steps\n\n")
        .append("PPO at 8M steps. Single as in Table 1 fits its critic in 20 Adam steps an iteration (`tuned`); the control")
        .append(" (`").append(PRESET).append("`, `paper/").append(FILE).append("`) in 160 on the same 2,048 rows, the steps")
        .append(" Joint's critic takes on its 16,384 and GPO's shared critic on its population's batches. Means over seeds (n);")
        .append(" each test is the one-sided Welch test the verdicts use.\n\n")
        .append("| Task | Single (20 steps) | Single (160 steps) | 160 / 20 | GPO | Joint | GPO > 160-step Single | Joint > 160-step Single |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (String task : tasks) {
      int d = Findings.decimals(paper, Algorithm.PPO, task);
      double[] single = returns(rows, "tuned", task, "Single"), control = returns(rows, PRESET, task, "Single");
      double[] gpo = returns(rows, "tuned", task, "GPO"), joint = returns(rows, "tuned", task, "Joint");
      sb.append("| ").append(task).append(" | ").append(mean(single, d)).append(" | ").append(mean(control, d)).append(" | ")
          .append(single.length == 0 ? "—" : String.format(Locale.ROOT, "%.2f", Stats.mean(control) / Stats.mean(single)))
          .append(" | ").append(mean(gpo, d)).append(" | ").append(mean(joint, d)).append(" | ")
          .append(Claims.verdict(gpo, control)).append(" | ").append(Claims.verdict(joint, control)).append(" |\n");
    }
    return sb.toString();
  }

  private static double[] returns(List<CellRecord> rows, String preset, String task, String method) {
    return Findings.returns(Findings.seeds(rows, Algorithm.PPO, preset, task, method));
  }

  private static String mean(double[] xs, int d) {
    return xs.length == 0 ? "—" : Findings.num(Stats.mean(xs), d) + " (" + xs.length + ")";
  }
}
