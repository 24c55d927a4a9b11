package org.gposuite.reproduce.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.store.StateVisitation;

/**
 * What each experiment of a plan costs, for the dry run: its cells and their steps, and how many
 * of them no other experiment of the plan uses (what leaving the experiment out would save, one
 * cell after another, priced as every other line of the dry run prices a cell).
 * Figs. 7, 9 and 10 run at budgets of their own, so their steps differ from cells x budget.
 */
public final class PlanCosts {
  private PlanCosts() {}

  /** @param seconds a cell's estimated seconds, the one estimate the dry run's other lines use */
  public static List<String> lines(Plan plan, ToDoubleFunction<CellSpec> seconds) {
    List<String> out = new ArrayList<>();
    for (Experiment e : plan.experiments()) {
      long cells = 0, steps = 0, ownCells = 0, ownSteps = 0;
      double ownSeconds = 0;
      for (CellSpec c : plan.cells()) {
        if (!c.usedBy().contains(e)) continue;
        cells++;
        steps += c.plannedSteps();
        if (c.usedBy().size() == 1) {
          ownCells++;
          ownSteps += c.plannedSteps();
          ownSeconds += seconds.applyAsDouble(c);
        }
      }
      out.add(String.format(Locale.ROOT, "  %-10s %4d cells, %,15d steps (its own: %d cells, %,d steps, about %s)",
          (e.isTable() ? "Table " : "Figure ") + e.number(), cells, steps, ownCells, ownSteps, ProgressPrinter.clock(ownSeconds)));
      if (e == Experiment.FIGURE_3A) {
        // Fig. 3b's rollouts in each probe cell, at most: every parent and both children of every couple, to the horizon.
        long rollout = 0;
        for (CellSpec c : plan.cells()) {
          if (!c.usedBy().contains(e)) continue;
          Budget b = c.budget();
          rollout += (long) StateVisitation.rollouts(b.evalEpisodes()) * b.horizon() * 3L * b.population();
        }
        out.add(String.format(Locale.ROOT, "  %-10s in the Figure 3a cells: at most %,d rollout steps, not charged to the budget (about %s)",
            "Figure 3b", rollout, ProgressPrinter.clock(rollout / plan.profile().assumedStepsPerSecond())));
      }
    }
    return out;
  }
}
