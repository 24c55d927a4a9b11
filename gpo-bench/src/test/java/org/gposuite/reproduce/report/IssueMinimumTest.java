package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.run.Rates;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.WallClock;
import org.junit.jupiter.api.Test;

/** The issues' minimum, counted on the paper profile's plan against hand-counted cells. */
class IssueMinimumTest {
  static CellRecord stored(CellSpec c, double seconds) {
    return new CellRecord(c.algorithm(), c.task(), c.method(), c.seed(), c.settings(), c.configHash(), "paper", 1000,
        c.plannedSteps(), WallClock.totalOnly(seconds), ComparisonTest.HERE, "2026-12-07T00:00:00Z", c.variant());
  }

  @Test
  void eachRequirementCountsItsCellsAndWhatIsStored() throws Exception {
    Profile paper = Findings.paperProfile();
    // nothing stored: Table 1 is 9 tasks x 3 methods x 3 seeds = 81 cells, Fig. 3a 8 probe cells, Fig. 5 8 variants x 2 tasks x 5 seeds = 80
    PaperData tables = PaperData.load(FindingsTest.EXPECTED);
    String none = IssueMinimum.section(paper, List.of(), tables, new Rates("paper", 1000, List.of()));
    assertTrue(none.contains("| 20 | Table 1 (PPO, `tuned`): GPO, Single and Joint, 3 seeds on all nine tasks | 81 | 0 | 81 |"), none);
    assertTrue(none.contains("| 20 | Fig. 3a's probe on HalfCheetah, 8 seeds | 8 | 0 | 8 |"), none);
    assertTrue(none.contains("| 19 | Fig. 5 on Walker2d and Ant, 5 seeds a variant | 80 | 0 | 80 |"), none);

    // one Table 1 cell stored (same id and config hash): 80 left there; a cell with another hash does not count
    IssueMinimum.Requirement table1 = IssueMinimum.REQUIREMENTS.getFirst();
    CellSpec first = Plan.of(paper, table1.selection()).cells().getFirst();
    CellRecord same = stored(first, 600);
    CellRecord otherHash = new CellRecord(first.algorithm(), first.task(), first.method(), 2, first.settings(), "not-its-hash", "paper",
        1000, first.plannedSteps(), WallClock.totalOnly(600), ComparisonTest.HERE, "2026-12-07T00:00:00Z");
    String one = IssueMinimum.section(paper, List.of(same, otherHash), tables);
    assertTrue(one.contains("3 seeds on all nine tasks | 81 | 1 | 80 |"), one);

    // a claim open at 3 seeds a side gets a row of its own: GPO's seeds spread most, so its seeds 4-8 (5 cells, none stored)
    List<CellRecord> open = new java.util.ArrayList<>();
    double[] gpo = {600, 1300, 800}, single = {790, 800, 810};
    for (int seed = 1; seed <= 3; seed++) {
      open.add(FindingsTest.cell("tuned", "HalfCheetah-hilly", "GPO", seed, gpo[seed - 1]));
      open.add(FindingsTest.cell("tuned", "HalfCheetah-hilly", "Single", seed, single[seed - 1]));
    }
    String withOpen = IssueMinimum.section(paper, open, tables);
    assertTrue(withOpen.contains("| 20 | PPO: GPO > Single on HalfCheetah-hilly, open at 3 seeds: GPO to 8 seeds | 5 | 0 | 5 |"), withOpen);
    assertTrue(withOpen.contains("`--tables 1 --presets tuned --methods GPO --tasks HalfCheetah-hilly --seeds 4-8`"), withOpen);

    // shared cells, counted once in the total: Fig. 5's GPO and Single seeds 1-3 on Walker2d and Ant are Table 1's (2 tasks
    // x 2 methods x 3 seeds = 12); Table 1 and the subset share GPO's seeds 1-3 on Walker2d and HalfCheetah (6); Figs. 7
    // and 10 share their population-8 point, GPO on Walker2d seeds 1-2, with Table 1 (2); Fig. 5 and the subset share
    // GPO's Walker2d seeds 4-5 (2)
    int sum = 81 + 81 + 8 + 44 + 80 + 32;
    assertTrue(none.contains("In all, " + (sum - 12 - 6 - 2 - 2) + " cells are left"), none);
  }
}
