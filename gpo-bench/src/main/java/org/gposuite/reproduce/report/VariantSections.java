package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.BudgetVariant;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.VariantFigures;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.StoredCell;

/**
 * The report's sections of Figs. 7, 9 and 10 ({@link VariantFigures}): each budget variant's
 * budget, the final returns over seeds, and the paper's claims judged by the report's rules.
 * A figure's cells are the plan's cells used by that figure, so a group shared with the tables
 * (the profile's own population or horizon) counts only the figure's seeds.
 */
final class VariantSections {
  private VariantSections() {}

  /** The finished cells of one group of a figure, restricted to the cells the plan made for it. */
  static List<StoredCell> cells(Plan plan, Results results, String preset, Experiment e, VariantFigures.Group g) {
    Set<String> ids = plan.cells().stream()
        .filter(c -> c.usedBy().contains(e) && c.settings().preset().equals(preset))
        .map(CellSpec::id).collect(Collectors.toSet());
    return results.group(preset, Plan.algorithmOf(e), g.task(), g.variant().label(), g.method()).stream()
        .filter(c -> ids.contains(c.record().id())).toList();
  }

  static double[] returns(List<CellRecord> cells) {
    return cells.stream().mapToDouble(CellRecord::finalReturn).toArray();
  }

  /** The section of a figure in a run's report, heading excluded, as Markdown lines. */
  static String render(Plan plan, Results results, String preset, Experiment e) {
    String curves = (e == Experiment.FIGURE_9 ? "Curves: fig9-*.png. "
        : "Curves: fig" + e.number() + "-*.png (no paper markers: the paper gives these curves as pictures, without numbers). ")
        + Plots.WHERE_CURVES_END;
    return render(plan.profile(), e, g -> cells(plan, results, preset, e, g).stream().map(StoredCell::record).toList(), curves);
  }

  /**
   * The section of a figure of {@code profile}, heading excluded, as Markdown lines, over the finished
   * cells {@code cellsOf} gives for each of its groups (a run's report: the run's cells; FINDINGS.md:
   * the stored rows), {@code curves} saying where their curves are drawn (empty: nowhere).
   */
  static String render(Profile profile, Experiment e, Function<VariantFigures.Group, List<CellRecord>> cellsOf, String curves) {
    String intro = curves.isEmpty() ? "\n\n" : " " + curves + "\n\n";
    return e == Experiment.FIGURE_9 ? gym(profile, cellsOf, intro) : scaling(profile, e, cellsOf, intro);
  }

  private static String scaling(Profile profile, Experiment e, Function<VariantFigures.Group, List<CellRecord>> cellsOf, String intro) {
    Budget base = profile.budget();
    VariantFigures v = profile.variantFigures();
    boolean fig10 = e == Experiment.FIGURE_10;
    StringBuilder md = new StringBuilder();
    md.append("Task ").append(v.fig7Task()).append(", GPO (PPO). m0 = ").append(base.population())
        .append(", the profile's population (the paper's default: 8). ")
        .append(e == Experiment.FIGURE_7
            ? "Every policy takes the same batch and the same number of PPO iterations as at m0, so total steps"
                + " = profile total x m / m0 and grow with the population (paper: \"same batch-size and number of"
                + " gradient steps\")."
            : "Total steps stay the profile's; the batch per policy is batch x m0 / m (floored, at least one horizon),"
                + " so every population takes the same PPO iterations per policy (paper: \"reduce the batch-size"
                + " ... in proportion\"). " + daggerReadings(v))
        .append(" Rounds: ").append(base.rounds()).append('.').append(intro);
    md.append(fig10 ? "| Population m | DAgger per child | Total steps (budget) | Batch per policy | Steps used (mean) | Final return (mean ± se, n) |\n"
        + "|---|---|---|---|---|---|\n"
        : "| Population m | Total steps (budget) | Batch per policy | Steps used (mean) | Final return (mean ± se, n) |\n|---|---|---|---|---|\n");
    List<Point> all = new ArrayList<>();
    Map<VariantFigures.Fig10Dagger, List<Point>> byReading = new EnumMap<>(VariantFigures.Fig10Dagger.class);
    for (VariantFigures.Group g : v.groups(e, base)) {
      Budget b = g.variant().budget();
      List<CellRecord> cells = cellsOf.apply(g);
      double[] r = returns(cells);
      double used = cells.stream().mapToLong(CellRecord::stepsUsed).average().orElse(Double.NaN);
      md.append(String.format(Locale.ROOT, "| %d%s |%s %,d | %d | %s | %s |%n", b.population(),
          b.population() == base.population() ? " (m0)" : "", fig10 ? " " + daggerPerChild(b) + " |" : "", b.totalSteps(),
          b.batchPerPolicy(), cells.isEmpty() ? "—" : String.format(Locale.ROOT, "%,.0f", used), meanSe(r)));
      if (r.length == 0) continue;
      all.add(new Point(b.population(), r));
      // Fig. 10: the m0 cell is a point of every reading; another point belongs to the reading its DAgger sizes say
      for (VariantFigures.Fig10Dagger d : v.fig10Dagger())
        if (b.population() == base.population() || VariantFigures.Fig10Dagger.of(b, base) == d) byReading.computeIfAbsent(d, k -> new ArrayList<>()).add(new Point(b.population(), r));
    }
    md.append('\n');
    if (e == Experiment.FIGURE_7) {
      if (all.size() < 2) return md.append("Fewer than two populations finished, so the claim is not judged.\n").toString();
      Point largest = all.getLast(), smallest = all.getFirst();
      md.append("- Performance improves with the population size (paper, Fig. 7), population ")
          .append(largest.population()).append(" > ").append(smallest.population()).append(": ")
          .append(Claims.verdict(largest.returns(), smallest.returns())).append('\n');
      boolean monotone = true;
      for (int i = 1; i < all.size(); i++) monotone &= Stats.mean(all.get(i).returns()) > Stats.mean(all.get(i - 1).returns());
      md.append("- Means rise with every step in population: ").append(monotone ? "yes" : "no").append('\n');
      return md.toString();
    }
    for (VariantFigures.Fig10Dagger d : v.fig10Dagger()) {
      List<Point> points = byReading.getOrDefault(d, List.of());
      String which = v.fig10Dagger().size() > 1 ? " (DAgger " + d.key + ")" : "";
      if (points.size() < 2) {
        md.append("- Fewer than two populations finished").append(which).append(", so the claim is not judged.\n");
        continue;
      }
      Point largest = points.getLast();
      double[] reference = points.stream().filter(p -> p.population() == base.population()).findFirst().map(Point::returns)
          .orElse(new double[0]);
      if (reference.length < 2 || largest.returns().length < 2) {
        md.append("- Population ").append(largest.population()).append(" competitive with m0 = ").append(base.population())
            .append(" at equal steps").append(which).append(" (paper: 32 \"quite competitive\" with 8): untested, fewer than 2 seeds\n");
      } else if (largest.population() != base.population()) {
        // "quite competitive": not clearly below, i.e. within 2 combined standard errors or above
        double referenceMean = Stats.mean(reference); // also sets the decimals, as the table's rows take theirs
        double diff = Stats.mean(largest.returns()) - referenceMean;
        double tolerance = 2 * Math.hypot(Stats.stderr(largest.returns()), Stats.stderr(reference));
        md.append(String.format(Locale.ROOT, "- Population %d is competitive with m0 = %d at equal steps%s (paper: 32"
                + " \"quite competitive\" with 8; here: not more than 2 combined standard errors below): %s"
                + " (difference %s, tolerance %s)%n", largest.population(), base.population(), which,
            diff >= -tolerance ? "**holds**" : "**fails**", number(diff, referenceMean), number(tolerance, referenceMean)));
      }
    }
    return md.toString();
  }

  /** One population's finished seeds. */
  private record Point(int population, double[] returns) {}

  /** Each child's DAgger transitions, as the profile gives them: initial + iterations x per iteration. */
  static String daggerPerChild(Budget b) {
    return String.format(Locale.ROOT, "%,d + %d x %,d", b.daggerInitial(), b.daggerIterations(), b.daggerPerIteration());
  }

  private static String daggerReadings(VariantFigures v) {
    List<String> out = new ArrayList<>();
    for (VariantFigures.Fig10Dagger d : v.fig10Dagger())
      out.add(d == VariantFigures.Fig10Dagger.PER_CHILD
          ? "DAgger per child as at m0 (`per-child`: crossover's share of the budget grows with m)"
          : "DAgger per round as at m0 (`per-round`: each child's transitions x m0 / m, so crossover's share stays as at m0)");
    return "The paper is silent on DAgger's size here; read as " + String.join(", and as ", out) + ".";
  }

  private static String gym(Profile profile, Function<VariantFigures.Group, List<CellRecord>> cellsOf, String intro) {
    Budget base = profile.budget();
    VariantFigures v = profile.variantFigures();
    StringBuilder md = new StringBuilder();
    md.append("Gym's -v1 tasks, PPO, the profile's budget at each horizon T (total ")
        .append(String.format(Locale.ROOT, "%,d", base.totalSteps()))
        .append(" steps per cell). The paper shows curves only (no numbers), so the claim checked is the direction"
            + " of GPO vs Joint.").append(intro);
    md.append("| Task | Horizon T | GPO (mean ± se, n) | Joint (mean ± se, n) | GPO > Joint |\n");
    md.append("|---|---|---|---|---|\n");
    for (String task : v.fig9Tasks()) {
      for (int h : v.fig9Horizons()) {
        BudgetVariant variant = BudgetVariant.horizon(base, h);
        double[] gpo = returns(cellsOf.apply(new VariantFigures.Group(task, "GPO", variant)));
        double[] joint = returns(cellsOf.apply(new VariantFigures.Group(task, "Joint", variant)));
        if (gpo.length == 0 && joint.length == 0) continue;
        md.append("| ").append(task).append(" | ").append(h).append(" | ").append(meanSe(gpo)).append(" | ")
            .append(meanSe(joint)).append(" | ").append(Claims.verdict(gpo, joint)).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String meanSe(double[] xs) {
    if (xs.length == 0) return "—";
    double mean = Stats.mean(xs);
    // one seed has no spread to show: "± 0" would read as a measured zero
    return xs.length == 1 ? number(mean, mean) + " (1)" : number(mean, mean) + " ± " + number(Stats.stderr(xs), mean) + " (" + xs.length + ")";
  }

  /**
   * A return, or a spread of returns, as FINDINGS.md's tables print them: thousands grouped, whole
   * numbers, one decimal where the returns it describes ({@code scale}) are below 150 (a Swimmer-like
   * task, whose methods differ by a few units). These sections carry no paper numbers, so the paper's
   * two-decimal style ({@link Report#fmt}) has nothing to match here.
   */
  static String number(double x, double scale) {
    return Findings.num(x, Math.abs(scale) < 150 ? 1 : 0);
  }
}
