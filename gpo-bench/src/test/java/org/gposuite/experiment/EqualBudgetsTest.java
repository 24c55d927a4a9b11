package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.gpo.StepBudget;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Settings;
import org.junit.jupiter.api.Test;

/**
 * Every method of a task spends its whole budget to within one batch per policy, in every shipped
 * profile (so two methods differ by less than two batches per policy: GPO stops short, Single may overshoot): GPO (whatever share of its DAgger reservation the couples take: none when every couple
 * is a self-couple, all when none is), Single (each policy trains until it has its share, so it may
 * overshoot by less than one batch) and Joint (likewise with its one large batch).
 */
class EqualBudgetsTest {
  @Test
  void gpoSingleAndJointSpendEqualBudgetsInEveryProfile() throws Exception {
    for (String name : List.of("smoke", "medium", "paper")) {
      Budget b = ProfileLoader.load(name).budget();
      long total = b.totalSteps();
      long single = b.population() * ceilToBatch(total / b.population(), b.batchPerPolicy());
      long joint = ceilToBatch(total, b.jointBatch());
      long slack = (long) b.population() * b.batchPerPolicy();
      assertTrue(single >= total && single - total < slack, name + ": Single " + single + " of " + total);
      assertTrue(joint >= total && joint - total < b.jointBatch(), name + ": Joint " + joint + " of " + total);
      for (String variant : List.of("GPO", "Base+C", "Base+M+S"))
        for (double share : new double[] {0, 0.5, 1}) {
          GpoConfig cfg = GpoRunner.config(new CellSpec(Algorithm.PPO, "Swimmer", variant, 1, b, Settings.DEFAULT, List.of()), variant, false);
          long gpo = StepBudget.plannedSteps(cfg, b.horizon(), share);
          assertTrue(gpo <= total && total - gpo < slack,
              name + " " + variant + " with " + share + " of the reservations spent: " + gpo + " of " + total + " (slack " + slack + ")");
        }
    }
  }

  /**
   * The stored smoke reference, computed by the engine: every cell spent what the plan says it
   * plans (what the dry run counts and the progress line divides by) to within one batch per policy:
   * its budget, or one round's for Fig. 3a's probe, which runs GPO's first round alone.
   */
  @Test
  void theSmokeReferenceCellsSpentTheirPlannedSteps() throws Exception {
    // Each cell against its own plan: Figs. 7 and 10 run cells at budgets other than the profile's.
    java.util.Map<String, CellSpec> specs = new java.util.HashMap<>();
    for (CellSpec c : org.gposuite.reproduce.plan.Plan.of(ProfileLoader.load("smoke"), org.gposuite.reproduce.plan.CellSelection.ALL).cells())
      specs.put(c.id(), c);
    java.nio.file.Path file = java.nio.file.Path.of("..", "expected-results", "smoke", "cells.csv");
    int checked = 0, probes = 0;
    for (org.gposuite.reproduce.store.CellRecord r : org.gposuite.reproduce.store.CellsCsv.read(file)) {
      CellSpec c = specs.get(r.id());
      assertTrue(c != null, r.id() + " is not a cell of the smoke profile");
      Budget b = c.budget();
      long slack = r.method().equals("Joint") ? b.jointBatch() : (long) b.population() * b.batchPerPolicy();
      assertTrue(Math.abs(r.stepsUsed() - c.plannedSteps()) < slack, r.id() + " used " + r.stepsUsed() + " of " + c.plannedSteps());
      checked++;
      if (r.method().equals("Crossover")) probes++;
    }
    assertTrue(probes > 0, "the probe is among the checked cells");
    assertTrue(checked >= 30, "only " + checked + " cells checked");
  }

  /** Baseline.run trains a policy while it has fewer steps than its share: whole batches up to or past it. */
  private static long ceilToBatch(long steps, int batch) {
    return (steps + batch - 1) / batch * batch;
  }
}
