package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.store.CellRecord;

/**
 * Which cells to run next for the paper's claims that 3 seeds leave open (issue 20's rule): a claim
 * of the paper's (GPO clearly above Single or Joint in its own table, {@link Claims#clear}) whose
 * test under the suite's GPO is neither holds nor contradicted once both sides have at least
 * {@value #FIRST_SEEDS} seeds gets its cheaper side raised to {@value #ENOUGH_SEEDS} seeds. Cheaper
 * is the lower mean wall-clock time of the side's stored cells (a GPO cell under the default costs
 * 2-4x a Single cell); a side already at {@value #ENOUGH_SEEDS} leaves the other. The section says
 * the command that runs them, so the rule turns into a queue without arithmetic.
 */
final class UndecidedClaims {
  static final int FIRST_SEEDS = 3, ENOUGH_SEEDS = 8;

  private UndecidedClaims() {}

  /** One open claim and the cells that would raise its cheaper side. */
  record Next(Algorithm algorithm, String preset, String task, String other, double p, int gpoSeeds, int otherSeeds,
              String method, int fromSeed, int toSeed, double minutesPerCell) {
    String command() {
      return "./reproduce --profile paper --tables " + (algorithm == Algorithm.PPO ? "1 --presets " + preset : "2")
          + " --methods " + method + " --tasks " + task + " --seeds " + fromSeed + "-" + toSeed;
    }
  }

  /** The open claims of every algorithm and preset, in the verdict tables' order. */
  static List<Next> find(List<CellRecord> rows, PaperData paper) {
    List<Next> out = new ArrayList<>();
    for (Algorithm algorithm : Algorithm.values())
      for (String preset : Findings.PRESETS)
        for (String other : List.of("Single", "Joint"))
          for (String task : Catalogue.TASKS) {
            Optional<PaperData.MeanSe> g = paper.table(algorithm, task, "GPO"), o = paper.table(algorithm, task, other);
            if (g.isEmpty() || o.isEmpty() || !Claims.clear(g.get(), o.get()) || g.get().mean() <= o.get().mean()) continue;
            List<CellRecord> gpo = Findings.seeds(rows, algorithm, preset, task, "GPO"), theirs = Findings.seeds(rows, algorithm, preset, task, other);
            if (gpo.size() < FIRST_SEEDS || theirs.size() < FIRST_SEEDS) continue;
            double[] a = returns(gpo), b = returns(theirs);
            if (Claims.decided(a, b)) continue;
            List<List<CellRecord>> sides = List.of(gpo, theirs);
            int cheaper = -1;
            for (int s = 0; s < 2; s++)
              if (sides.get(s).size() < ENOUGH_SEEDS && (cheaper < 0 || minutes(sides.get(s)) < minutes(sides.get(cheaper)))) cheaper = s;
            if (cheaper < 0) continue; // both at 8: undecided with the seeds the rule asks for
            List<CellRecord> side = sides.get(cheaper);
            int from = side.get(side.size() - 1).seed() + 1;
            out.add(new Next(algorithm, preset, task, other, Claims.openP(a, b), gpo.size(), theirs.size(),
                cheaper == 0 ? "GPO" : other, from, from + ENOUGH_SEEDS - side.size() - 1, minutes(side)));
          }
    return out;
  }

  /** The section for FINDINGS.md: empty when no claim is open. */
  static String section(List<CellRecord> rows, PaperData paper) {
    List<Next> open = find(rows, paper);
    if (open.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\n### Claims 3 seeds leave open\n\nA claim of the paper's whose test is neither holds nor"
        + " contradicted once both sides have " + FIRST_SEEDS + " seeds: its cheaper side (mean minutes a stored cell) is raised to "
        + ENOUGH_SEEDS + " seeds by the command beside it.\n\n| Claim | preset | seeds GPO / other | p | cheaper side | cells | command |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (Next n : open)
      sb.append(String.format(Locale.ROOT, "| %s: GPO > %s on %s | `%s` | %d / %d | %.2g | %s, %.0f min a cell | %d | `%s` |%n",
          n.algorithm(), n.other(), n.task(), n.preset(), n.gpoSeeds(), n.otherSeeds(), n.p(), n.method(), n.minutesPerCell(),
          n.toSeed() - n.fromSeed() + 1, n.command()));
    return sb.toString();
  }

  private static double[] returns(List<CellRecord> cells) {
    return cells.stream().mapToDouble(CellRecord::finalReturn).toArray();
  }

  private static double minutes(List<CellRecord> cells) {
    return cells.stream().mapToDouble(c -> c.wallClock().totalSeconds()).average().orElse(0) / 60;
  }
}
