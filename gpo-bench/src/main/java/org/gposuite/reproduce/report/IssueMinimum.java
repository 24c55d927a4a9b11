package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.run.ComputePlan;
import org.gposuite.reproduce.run.Rates;
import org.gposuite.reproduce.store.CellRecord;

/**
 * What the two paper-scale issues ask for at least (their "done when", issue 19 on data sharing and
 * issue 20 on the whole paper), as selections of the paper profile, and how much of each the stored
 * cells already hold: the dry run's arithmetic ({@link ComputePlan}: a cell is stored when its id and
 * config hash are; the hours are the measured cells' walls, {@link Rates}) on the machine kind the cells
 * are computed on, 2 cores, and on 16 Slurm nodes like it. Generated, so the list of what is left cannot
 * go stale as cells land. The open claims' extra seeds are rows of their own ({@link UndecidedClaims}).
 */
final class IssueMinimum {
  /** The cores of the machine kind the paper-scale cells run on (not this JVM's machine: the text must not depend on it). */
  static final int CORES = 2;
  static final int NODES = 16;

  /** One requirement: its issue, what it asks in words, and the reproduce options that select its cells. */
  record Requirement(int issue, String what, String options, CellSelection selection) {}

  static final List<Requirement> REQUIREMENTS = List.of(
      new Requirement(20, "Table 1 (PPO, `tuned`): GPO, Single and Joint, 3 seeds on all nine tasks", "--tables 1 --seeds 1-3",
          select(Set.of(Experiment.TABLE_1), Set.of(), Set.of(), 3, "tuned")),
      new Requirement(20, "Table 2 (A2C): GPO, Single and Joint, 3 seeds on all nine tasks", "--tables 2 --seeds 1-3",
          select(Set.of(Experiment.TABLE_2), Set.of(), Set.of(), 3, "tuned")),
      new Requirement(20, "Fig. 3a's probe on HalfCheetah, 8 seeds", "--figures 3a --seeds 1-8",
          select(Set.of(Experiment.FIGURE_3A), Set.of(), Set.of(), 8, "tuned")),
      new Requirement(20, "Figs. 7, 9 and 10, 2 seeds a point", "--figures 7,9,10 --seeds 1-2",
          select(Set.of(Experiment.FIGURE_7, Experiment.FIGURE_9, Experiment.FIGURE_10), Set.of(), Set.of(), 2, "tuned")),
      new Requirement(19, "Fig. 5 on Walker2d and Ant, 5 seeds a variant", "--figures 5 --seeds 1-5",
          select(Set.of(Experiment.FIGURE_5), Set.of(), Set.of(), 5, "tuned")),
      new Requirement(19, "The subset under the data-sharing default: GPO on Walker2d and HalfCheetah, both presets, 8 seeds",
          "--tables 1 --methods GPO --tasks Walker2d,HalfCheetah --presets tuned,paper-calibrated --seeds 1-8",
          new CellSelection(Set.of(Experiment.TABLE_1), Set.of("Walker2d", "HalfCheetah"), Set.of("GPO"), seeds(8),
              Optional.of(List.of("tuned", "paper-calibrated")), new TreeMap<>())));

  private IssueMinimum() {}

  private static CellSelection select(Set<Experiment> experiments, Set<String> tasks, Set<String> methods, int seeds, String preset) {
    return new CellSelection(experiments, tasks, methods, seeds(seeds), Optional.of(List.of(preset)), new TreeMap<>());
  }

  private static Optional<List<Integer>> seeds(int n) {
    return Optional.of(IntStream.rangeClosed(1, n).boxed().toList());
  }

  /**
   * The requirements: the fixed ones, then issue 20's rule for the claims 3 seeds leave open (one row per
   * open claim, its side raised to 8 seeds: {@link UndecidedClaims}).
   */
  static List<Requirement> requirements(List<CellRecord> stored, PaperData paper) {
    List<Requirement> out = new ArrayList<>(REQUIREMENTS);
    for (UndecidedClaims.Next n : UndecidedClaims.find(stored, paper))
      out.add(new Requirement(20, n.algorithm() + ": GPO > " + n.other() + " on " + n.task() + ", open at 3 seeds: " + n.method()
          + " to " + UndecidedClaims.ENOUGH_SEEDS + " seeds", n.options(), n.selection()));
    return out;
  }

  /** The section, from the paper profile, its stored cells ({@code paper/cells.csv}) and the rates of every stored cell. */
  static String section(Profile paper, List<CellRecord> stored, PaperData paperData, Rates rates) {
    StringBuilder sb = new StringBuilder("\n### The issues' minimum: what is left\n\n")
        .append("Each requirement is one selection of the paper profile (`./reproduce --profile paper OPTIONS`; add `--dry-run`")
        .append(" for its cells, and `--only-missing --rebaseline` to compute and store only the cells left); a cell counts as")
        .append(" stored when `paper/cells.csv` has its id and config hash. Hours are the dry")
        .append(" run's, from the measured cells, on ").append(CORES).append(" cores and on ").append(NODES)
        .append(" Slurm nodes like them.\n\n")
        .append("| Issue | Requirement | Cells | Stored | Left | Hours here | Hours on ").append(NODES).append(" nodes | Options |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    Map<String, Double> union = new LinkedHashMap<>();
    for (Requirement r : requirements(stored, paperData)) {
      ComputePlan plan = new ComputePlan(Plan.of(paper, r.selection()), stored, rates::seconds, CORES);
      int cells = plan.storedCount() + plan.left().size();
      sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %.1f | %.1f | `%s` |%n", r.issue(), r.what(), cells,
          plan.storedCount(), plan.left().size(), plan.hereSeconds() / 3600, plan.clusterSeconds(NODES) / 3600, r.options()));
      for (CellSpec c : plan.left()) union.putIfAbsent(c.id() + " " + c.configHash(), plan.machineSeconds(c));
    }
    double hours = union.values().stream().mapToDouble(Double::doubleValue).sum() / 3600;
    return sb.append(String.format(Locale.ROOT, "%nIn all, %d cells are left (a cell two requirements share counted once): about %.0f"
        + " hours here.%n", union.size(), hours)).toString();
  }

  /**
   * The section for the paper profile's stored rows, priced from them alone ({@link Rates} over one file:
   * the paper profile's own fit), so it is the same text on any machine.
   */
  static String section(Profile paper, List<CellRecord> stored, PaperData paperData) {
    return section(paper, stored, paperData, new Rates(paper.name(), paper.assumedStepsPerSecond(), stored));
  }
}
