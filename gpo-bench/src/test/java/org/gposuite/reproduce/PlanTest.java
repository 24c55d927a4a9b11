package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void paperPlanCountsEveryCellOnce() throws Exception {
    Profile paper = ProfileLoader.load("paper");
    Plan plan = Plan.of(paper, Selection.ALL);
    // Tables 1+2: 9 tasks x 3 methods x 2 algorithms; Fig. 5 adds 6 variants beyond GPO/Single
    // on 2 tasks; Fig. 3a one probe; Table 3 and Fig. 4 reuse Table 1. Times 8 seeds.
    int perSeed = 9 * 3 * 2 + 2 * 6 + 1;
    assertEquals(perSeed * 8, plan.cells().size());
    assertEquals(perSeed * 8 * 8_000_000L, plan.plannedSteps());
    CellSpec antGpo = plan.cells().stream().filter(c -> c.id().equals("PPO/Ant/GPO/seed-1")).findFirst().orElseThrow();
    assertEquals(List.of(Experiment.TABLE_1, Experiment.TABLE_3, Experiment.FIGURE_4, Experiment.FIGURE_5), antGpo.usedBy());
  }

  @Test
  void selectionNarrowsThePlan() throws Exception {
    Profile paper = ProfileLoader.load("paper");
    Plan plan = Plan.of(paper, new Selection(Set.of(Experiment.TABLE_2), Set.of("Hopper"), Set.of("GPO", "Joint"),
        Optional.of(List.of(7)), Optional.empty(), new TreeMap<>()));
    assertEquals(List.of("A2C/Hopper/GPO/seed-7", "A2C/Hopper/Joint/seed-7"),
        plan.cells().stream().map(CellSpec::id).toList());
  }

  @Test
  void emptyExperimentsAreWarnedAbout() throws Exception {
    Plan plan = Plan.of(ProfileLoader.load("paper"),
        new Selection(Set.of(Experiment.FIGURE_5), Set.of("Hopper"), Set.of(), Optional.empty(), Optional.empty(),
            new TreeMap<>()));
    assertTrue(plan.cells().isEmpty());
    assertTrue(plan.warnings().get(0).startsWith("Figure 5"), plan.warnings().toString());
  }

  @Test
  void configHashIgnoresSeedAndPurposeButNotBudget() {
    CellSpec a = new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, Budget.PAPER, Settings.DEFAULT, List.of(Experiment.TABLE_1));
    CellSpec b = new CellSpec(Algorithm.PPO, "Ant", "GPO", 2, Budget.PAPER, Settings.DEFAULT, List.of());
    Budget shorter = new Budget(4_000_000, 8, 12, 512, 2048, 16384, 10, 100, 5000, 10, 500, 10);
    CellSpec c = new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, shorter, Settings.DEFAULT, List.of());
    assertEquals(a.configHash(), b.configHash());
    assertTrue(!a.configHash().equals(c.configHash()));
    assertTrue(!a.configHash().equals(new CellSpec(Algorithm.A2C, "Ant", "GPO", 1, Budget.PAPER, Settings.DEFAULT,
        List.of()).configHash()));
  }
}
