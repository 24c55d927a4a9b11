package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figs. 7, 9 and 10 through the harness with the fake engine: the cells run at their budgets,
 * the figures are drawn one per file, the report has their tables, and resume, --tasks and
 * re-baselining work for the variant cells as for any other.
 */
class VariantFiguresHarnessTest {
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  static final Profile FIGS = ProfileLoader.parse("unit", "unit.profile",
      TestFiles.profileText("Swimmer", "Swimmer", 40).replace("figures = 3a, 4, 5, 6, 8", "figures = 7, 9, 10")
          .replace("tables = 1, 2, 3", "tables = 1").replace("horizon = 10", "horizon = 5")
          .replace("batch_per_policy = 10", "batch_per_policy = 16")
          + "fig7_task = Swimmer\nfig7_populations = 2, 4\nfig9_tasks = Hopper-v1\nfig9_horizons = 5, 8\n");

  @Test
  void theFiguresAreDrawnReportedResumedAndRebaselined(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    Harness.Options first = new Harness.Options(FIGS, CellSelection.ALL, tmp.resolve("run"), expected, tmp, false, true);
    assertEquals(Harness.OK, h.run(first), logBytes.toString(StandardCharsets.UTF_8));
    // Table 1: 3 methods x 2 seeds; Fig. 7: +pop4; Fig. 10: +pop4-eqsteps (pop 2 is Table 1's GPO); Fig. 9: 2 horizons x 2 methods
    int cells = 2 * (3 + 1 + 1 + 4);
    assertEquals(cells, runner.calls.get());
    Path run = tmp.resolve("run");
    assertTrue(Files.isRegularFile(run.resolve("cells/PPO/Swimmer@pop4/GPO/seed-2/result.csv")));
    assertTrue(Files.isRegularFile(run.resolve("cells/PPO/Hopper-v1@T8/Joint/seed-1/result.csv")));
    for (String plot : List.of("fig7-PPO-Swimmer.png", "fig10-PPO-Swimmer.png", "fig9-PPO-Hopper-v1-T5.png",
        "fig9-PPO-Hopper-v1-T8.png")) {
      assertTrue(Files.size(run.resolve("plots").resolve(plot)) > 1000, plot);
    }
    String report = Files.readString(run.resolve("report.md"));
    String fig7 = HarnessTest.section(report, "## " + Experiment.FIGURE_7.title());
    assertTrue(fig7.contains("| 2 (m0) | 40 | 16 | 40 | "), fig7);
    assertTrue(fig7.contains("| 4 | 80 | 16 | 80 | "), fig7);
    assertTrue(fig7.contains("(2)"), "n = 2 seeds: " + fig7);
    assertTrue(fig7.contains("Performance improves with the population size"), fig7);
    assertTrue(fig7.contains("![plots/fig7-PPO-Swimmer.png]"), fig7);
    String fig10 = HarnessTest.section(report, "## " + Experiment.FIGURE_10.title());
    assertTrue(fig10.contains("| 4 | 10 + 1 x 10 | 40 | 8 | 40 | "), fig10);
    assertTrue(fig10.contains("competitive with m0 = 2"), fig10);
    String fig9 = HarnessTest.section(report, "## " + Experiment.FIGURE_9.title());
    assertTrue(fig9.contains("| Hopper-v1 | 5 | ") && fig9.contains("| Hopper-v1 | 8 | "), fig9);
    assertTrue(fig9.contains("![plots/fig9-PPO-Hopper-v1-T8.png]"), fig9);

    // the baseline holds the variant cells with their labels, and a rerun resumes all of them and compares equal
    List<CellRecord> baseline = CellsCsv.read(Harness.expectedCells(expected, "unit"));
    assertTrue(baseline.stream().anyMatch(r -> r.id().equals("PPO/Swimmer@pop4-eqsteps/GPO/seed-1")));
    assertEquals(cells, baseline.size());
    Harness.Options again = new Harness.Options(FIGS, CellSelection.ALL, run, expected, tmp, true, false);
    assertEquals(Harness.OK, h.run(again), logBytes.toString(StandardCharsets.UTF_8));
    assertEquals(cells, runner.calls.get(), "every cell resumed");

    // --tasks Hopper-v1 in a fresh folder: only Fig. 9's cells run
    CellSelection gym = new CellSelection(Set.of(), Set.of("Hopper-v1"), Set.of(), Optional.empty(), Optional.empty(), new TreeMap<>());
    assertEquals(Harness.OK, h.run(new Harness.Options(FIGS, gym, tmp.resolve("gym"), expected, tmp, false, false)));
    assertEquals(cells + 8, runner.calls.get());
  }
}
