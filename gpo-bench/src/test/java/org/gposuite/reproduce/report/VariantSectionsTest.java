package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.store.CellRecord;
import org.junit.jupiter.api.Test;

/** Fig. 10's section under both readings of DAgger's size, on a hand-worked case. */
class VariantSectionsTest {
  @Test
  void fig10JudgesPopulation32AgainstM0UnderEachDaggerReading() throws Exception {
    // m0 = 8: 2,800 and 2,780 (se 10); population 32 with DAgger per child: 2,390 and 2,330 (se 30), 430 below against
    // a tolerance of 2 x hypot(10, 30) = 63: fails; with DAgger per round: 2,750 and 2,790 (se 20), 20 below: holds
    Map<String, double[]> byLabel = Map.of("", new double[] {2800, 2780}, "pop32-eqsteps", new double[] {2390, 2330},
        "pop32-eqsteps-dagger-per-round", new double[] {2750, 2790});
    String md = VariantSections.render(ProfileLoader.load("paper"), Experiment.FIGURE_10, g -> {
      double[] r = byLabel.getOrDefault(g.variant().label(), new double[0]);
      List<CellRecord> cells = new java.util.ArrayList<>();
      for (int s = 0; s < r.length; s++) cells.add(FindingsTest.cell("tuned", g.task(), g.method(), s + 1, r[s]));
      return cells;
    }, "");
    assertTrue(md.contains("| 32 | 1,248 + 10 x 124 | 8,000,000 | 512 |"), md);
    assertTrue(md.contains("| 32 | 5,000 + 10 x 500 | 8,000,000 | 512 |"), md);
    // returns as FINDINGS.md's tables print them: grouped, whole numbers at this scale
    assertTrue(md.contains("| 2,790 ± 10 (2) |") && md.contains("| 2,360 ± 30 (2) |"), md);
    assertTrue(md.contains("at equal steps (DAgger per-child) (paper: 32") && md.matches("(?s).*per-child\\) \\(paper.*\\*\\*fails\\*\\* \\(difference -430, tolerance 63\\).*"), md);
    assertTrue(md.matches("(?s).*per-round\\) \\(paper.*\\*\\*holds\\*\\* \\(difference -20.*"), md);
  }
}
