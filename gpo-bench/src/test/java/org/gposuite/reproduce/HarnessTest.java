package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.MethodUnavailableException;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  static Harness.Options options(Profile p, Path tmp, Path expected, boolean compare, boolean rebaseline) {
    return new Harness.Options(p, CellSelection.ALL, tmp.resolve("run"), expected, tmp, compare, rebaseline);
  }

  static final Profile SMALL = TestFiles.profile("Swimmer, Hopper", "Swimmer", 40);

  @Test
  void reportOnlyComputesNothingAndReportsTheFinishedCellsAndListsTheRest(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    // a first sitting finishes part of the selection (here: seed 1 only)
    CellSelection seed1 = new CellSelection(CellSelection.ALL.experiments(), CellSelection.ALL.tasks(), CellSelection.ALL.methods(),
        java.util.Optional.of(List.of(1)), CellSelection.ALL.presets(), CellSelection.ALL.overrides());
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, seed1, tmp.resolve("run"), expected, tmp, false, false)));
    int finished = runner.calls.get();
    int all = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertTrue(finished < all);

    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, CellSelection.ALL, tmp.resolve("run"), expected, tmp, false, false, true)));
    assertEquals(finished, runner.calls.get(), "--report-only computes nothing");
    String report = Files.readString(tmp.resolve("run/report.md"));
    assertTrue(report.contains(all - finished + " not computed yet"), report);
    assertTrue(report.contains("## Not computed yet"));
    assertTrue(report.contains("seed-2`"), "the unfinished seed-2 cells are listed");
    assertEquals(1 + finished, Files.readAllLines(tmp.resolve("run/cells.csv")).size(), "cells.csv holds the finished cells");
  }

  /**
   * --only-missing computes the selection's cells the expected results lack (a paper-scale run adding
   * seeds to the stored ones, as the dry run counts them left) and, with --rebaseline, stores them beside
   * the others. With nothing left it runs nothing; with a comparison it refuses, as nothing would be compared.
   */
  @Test
  void onlyMissingComputesTheCellsTheExpectedResultsLack(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, CellSelection.ALL.withSeeds(List.of(1)), tmp.resolve("first"), expected,
        tmp, false, true)));
    int stored = runner.calls.get(), all = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertTrue(stored > 0 && stored < all);

    Harness.Options rest = onlyMissing(tmp, "rest", expected, false, true);
    assertEquals(all - stored, h.plan(rest).cells().size(), "the plan a dry run prints and a Slurm element indexes");
    assertTrue(h.plan(rest).cells().stream().noneMatch(c -> c.seed() == 1));
    assertEquals(Harness.OK, h.run(rest));
    assertEquals(all, runner.calls.get(), "only the cells not stored were computed");
    assertTrue(log().contains("--only-missing: " + (all - stored) + " of the selection's " + all + " cells are not in "), log());
    assertEquals(1 + all, Files.readAllLines(tmp.resolve("rest/cells.csv")).size() + stored, "the run folder holds the new cells");
    assertEquals(all, CellsCsv.read(Harness.expectedCells(expected, SMALL.name())).size(), "stored beside the first run's");

    Harness.Options again = onlyMissing(tmp, "again", expected, false, true);
    assertEquals(Harness.OK, h.run(again));
    assertEquals(all, runner.calls.get(), "nothing left, nothing computed");
    assertTrue(log().contains("--only-missing: 0 of the selection's " + all + " cells are not in "), log());

    Harness.Options compared = onlyMissing(tmp, "compared", expected, true, false);
    assertEquals(Harness.CANNOT_RUN, h.run(compared));
    assertTrue(log().contains("so there is nothing to compare them with: add --rebaseline"), log());
  }

  /**
   * The expected file is read before the first cell by every run that will use it: a damaged one
   * stops a re-baseline (which would otherwise fail after its last cell) and an --only-missing run
   * before they compute anything, the dry run's plan too; a run with --no-compare that stores nothing
   * never reads it, so it computes as if the file were not there.
   */
  @Test
  void aDamagedExpectedFileStopsTheRunsThatReadItBeforeTheirFirstCell(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    Path file = Harness.expectedCells(expected, SMALL.name());
    Files.createDirectories(file.getParent());
    Files.writeString(file, "algorithm,task\nPPO\n");
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);

    assertThrows(org.gposuite.reproduce.io.InputError.class, () -> h.run(options(SMALL, tmp, expected, false, true)));
    assertThrows(org.gposuite.reproduce.io.InputError.class, () -> h.run(onlyMissing(tmp, "rest", expected, false, true)));
    assertThrows(org.gposuite.reproduce.io.InputError.class, () -> h.plan(onlyMissing(tmp, "rest", expected, false, true)));
    assertEquals(0, runner.calls.get(), "no cell computed");

    assertEquals(Harness.OK, h.run(options(SMALL, tmp, expected, false, false)));
    assertEquals(Plan.of(SMALL, CellSelection.ALL).cells().size(), runner.calls.get(), "--no-compare: every cell, file unread");
    assertEquals("algorithm,task\nPPO\n", Files.readString(file), "and left as it was");
  }

  /** SMALL's whole selection with --only-missing, into run folder {@code out} of {@code tmp}. */
  static Harness.Options onlyMissing(Path tmp, String out, Path expected, boolean compare, boolean rebaseline) {
    return new Harness.Options(SMALL, CellSelection.ALL, tmp.resolve(out), expected, tmp, compare, rebaseline, false,
        new org.gposuite.reproduce.exec.LocalExecutor(1), true);
  }

  /** Issue 21, item 5: a subset run into a folder adds to its report and never shrinks it; no stale plot stays. */
  @Test
  void aSubsetRunKeepsTheFoldersFullReportAndMarksItsCells(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    assertEquals(Harness.OK, h.run(options(SMALL, tmp, expected, false, false)));
    Path run = tmp.resolve("run");
    List<String> fullRows = Files.readAllLines(run.resolve("cells.csv"));
    List<String> fullPlots = plots(run);
    String fullReport = Files.readString(run.resolve("report.md"));
    assertTrue(fullReport.contains("Hopper"), "the full report has Hopper's rows");
    Files.writeString(run.resolve("plots/fig4-PPO-Ant.png"), "a plot of a cell no longer in the folder");
    Files.writeString(run.resolve("plots/other-section.png"), "another section's image");

    CellSelection gpoOnSwimmerSeed1 = new CellSelection(Set.of(), Set.of("Swimmer"), Set.of("GPO"), Optional.of(List.of(1)),
        Optional.empty(), new TreeMap<>());
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, gpoOnSwimmerSeed1, run, expected, tmp, false, false)));
    assertEquals(fullRows.size(), Files.readAllLines(run.resolve("cells.csv")).size(), "cells.csv keeps every finished cell");
    List<String> expectedPlots = new ArrayList<>(fullPlots);
    expectedPlots.add("other-section.png");
    expectedPlots.sort(null);
    assertEquals(expectedPlots, plots(run), "the same figures, the stale one removed, other images left alone");
    String report = Files.readString(run.resolve("report.md"));
    assertTrue(report.contains("Hopper"), "the report still covers Hopper");
    int selected = Plan.of(SMALL, gpoOnSwimmerSeed1).cells().size();
    assertTrue(report.contains("## Scope of this report\n\nThis report covers the run folder's " + (fullRows.size() - 1)
        + " finished cells. The run that wrote it selected " + selected + " of them"), report);
    assertTrue(report.contains("- `PPO/Swimmer/GPO/seed-1`\n"), report);
    assertTrue(log().contains("removed 1 plot(s) of " + run.resolve("plots") + " that the report no longer draws\n"), log());
  }

  static List<String> plots(Path run) throws IOException {
    try (var files = Files.list(run.resolve("plots"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rerunSkipsFinishedCells(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    assertEquals(Harness.OK, h.run(options(SMALL, tmp, expected, false, false)));
    int cells = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertEquals(cells, runner.calls.get());
    byte[] firstCsv = Files.readAllBytes(tmp.resolve("run/cells.csv"));

    assertEquals(Harness.OK, h.run(options(SMALL, tmp, expected, false, false)));
    assertEquals(cells, runner.calls.get(), "a rerun must not recompute finished cells");
    assertArrayEquals(firstCsv, Files.readAllBytes(tmp.resolve("run/cells.csv")));
  }

  @Test
  void interruptedRunResumesAtTheFirstUnfinishedCell(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner killed = new FakeRunner();
    killed.interruptAfter = 5;
    assertThrows(InterruptedException.class,
        () -> new Harness(FakeRunner.registry(killed), log).run(options(SMALL, tmp, expected, false, false)));
    assertEquals(5, killed.calls.get());

    FakeRunner resumed = new FakeRunner();
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(resumed), log)
        .run(options(SMALL, tmp, expected, false, false)));
    int cells = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertEquals(cells - 5, resumed.calls.get());
    assertEquals(cells, CellsCsv.read(tmp.resolve("run/cells.csv")).size());
  }

  @Test
  void changedBudgetRecomputesInsteadOfReusing(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    h.run(options(SMALL, tmp, expected, false, false));
    int cells = runner.calls.get();
    Profile bigger = TestFiles.profile("Swimmer, Hopper", "Swimmer", 80);
    h.run(options(bigger, tmp, expected, false, false));
    assertEquals(2 * cells, runner.calls.get());
  }

  @Test
  void rebaselineThenUnchangedRerunPassesAndPlantedRegressionFails(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    // No baseline yet: refusing is better than passing silently.
    assertEquals(Harness.CANNOT_RUN, h.run(options(SMALL, tmp, expected, true, false)));
    assertTrue(log().contains("--rebaseline"), log());

    assertEquals(Harness.OK, h.run(options(SMALL, tmp, expected, true, true)));
    Path baseline = Harness.expectedCells(expected, "unit");
    assertEquals(CellsCsv.read(tmp.resolve("run/cells.csv")), CellsCsv.read(baseline));

    // Unchanged rerun into a fresh folder: recomputed, bit-identical, passes.
    Harness.Options fresh = new Harness.Options(SMALL, CellSelection.ALL, tmp.resolve("run2"), expected, tmp, true, false);
    assertEquals(Harness.OK, h.run(fresh));
    assertTrue(Files.readString(tmp.resolve("run2/comparison.txt")).contains("all "));

    // Plant a regression in the baseline: GPO on Swimmer used to be 30% better.
    List<CellRecord> planted = new ArrayList<>();
    for (CellRecord r : CellsCsv.read(baseline)) {
      boolean hit = r.groupId().equals("PPO/Swimmer/GPO");
      planted.add(hit ? new CellRecord(r.algorithm(), r.task(), r.method(), r.seed(), r.settings(), r.configHash(), r.profile(),
          r.finalReturn() * 1.3, r.stepsUsed(), r.wallClock(), r.provenance(), r.finishedAt()) : r);
    }
    CellsCsv.write(baseline, planted);
    logBytes.reset();
    assertEquals(Harness.DIFFERS, h.run(fresh));
    assertTrue(log().matches("(?s).*CHANGED\\s+PPO/Swimmer/GPO.*"), log());
    assertTrue(Files.readString(tmp.resolve("run2/report.md")).contains("CHANGED"));
  }

  @Test
  void missingMethodFailsBeforeAnyCellRuns(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    RunnerRegistry partial = new RunnerRegistry().register("Single", runner).register("Joint", runner);
    assertEquals(Harness.CANNOT_RUN, new Harness(partial, log).run(options(SMALL, tmp, expected, false, false)));
    assertEquals(0, runner.calls.get());
    assertTrue(log().contains("method") && log().contains("GPO") && log().contains("not available in this build"), log());
    MethodUnavailableException e = assertThrows(MethodUnavailableException.class, () -> partial.require("GPO"));
    assertTrue(e.getMessage().startsWith("method GPO is not available in this build"), e.getMessage());
  }

  @Test
  void failingCellIsReportedAndTheRestStillRuns(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    RunnerRegistry broken = new RunnerRegistry();
    for (String m : FakeRunner.LEVEL.keySet()) {
      broken.register(m, m.equals("Joint") ? (c, d, p) -> { throw new IllegalStateException("diverged"); } : runner);
    }
    assertEquals(Harness.FAILED, new Harness(broken, log).run(options(SMALL, tmp, expected, false, false)));
    assertTrue(log().contains("diverged"));
    assertTrue(Files.readString(tmp.resolve("run/cells/PPO/Hopper/Joint/seed-1/error.txt")).contains("diverged"));
    assertTrue(Files.readString(tmp.resolve("run/report.md")).contains("## Failed cells"));
    int cells = Plan.of(SMALL, CellSelection.ALL).cells().size();
    // Joint cells: 2 algorithms x 2 tasks x 2 seeds.
    assertEquals(cells - 8, runner.calls.get(), "every cell but the 8 Joint ones still ran");
  }

  @Test
  void reportPaperColumnEqualsThePapersNumbers(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    Profile all = TestFiles.profile(String.join(", ", Catalogue.TASKS), "Swimmer", 40);
    Harness.Options o = new Harness.Options(all, CellSelection.ALL, tmp.resolve("run"), expected, tmp, false, false);
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(new FakeRunner()), log).run(o));

    // The paper's numbers, read independently of PaperData: table,algorithm,env,method,mean,stderr.
    Map<String, double[]> paper = new HashMap<>();
    List<String> lines = Files.readAllLines(TestFiles.REPO_EXPECTED.resolve("paper/tables-1-2.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      paper.put(f[1] + "/" + f[2] + "/" + f[3], new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])});
    }
    assertEquals(54, paper.size());

    String report = Files.readString(tmp.resolve("run/report.md"));
    String algorithm = null;
    int paperColumn = -1;
    Set<String> seen = new java.util.HashSet<>();
    for (String line : report.lines().toList()) {
      if (line.startsWith("## Table 1")) algorithm = "PPO";
      else if (line.startsWith("## ")) algorithm = line.startsWith("## Table 2") ? "A2C" : null;
      else if (line.startsWith("### ")) algorithm = null; // a table's subsection (aggregate scores) has tables of its own
      // The paper's column is found by its heading, so that columns added beside it do not move it.
      if (line.startsWith("| Task")) paperColumn = java.util.Arrays.stream(line.split("\\|")).map(String::strip).toList()
          .indexOf("Paper (mean ± se)");
      if (algorithm == null || !line.startsWith("| ") || line.startsWith("| Task")) continue;
      String[] cols = line.split("\\|");
      String key = algorithm + "/" + cols[1].strip() + "/" + cols[2].strip();
      assertTrue(paperColumn > 0, "no \"Paper (mean ± se)\" column in the table of " + key);
      String[] meanSe = cols[paperColumn].strip().split(" ± ");
      double[] want = paper.get(key);
      assertEquals(want[0], Double.parseDouble(meanSe[0]), 0.0, key);
      assertEquals(want[1], Double.parseDouble(meanSe[1]), 0.0, key);
      seen.add(key);
    }
    assertEquals(paper.keySet(), seen, "every paper cell appears in the report");
    // Table 3's paper columns as well: Walker2d 79.53 | 51.6 | 12.93 | 15 | 47.17.
    assertTrue(report.contains("| 79.53 | 51.6 | 12.93 | 15 | 47.17 |"), report);
  }

  @Test
  void reportJudgesTheClaimsAndDrawsThePlots(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(new FakeRunner()), log)
        .run(options(SMALL, tmp, expected, false, false)));
    String report = Files.readString(tmp.resolve("run/report.md"));
    // The fake runner puts GPO at 1000 and Single at 330 with 2% noise: the claim must hold.
    assertTrue(report.contains("- GPO > Single on Hopper: **holds**"), report);
    // Fake levels follow the paper's Fig. 5 ordering, so every ordering claim holds.
    assertTrue(report.contains("| GPO (all three) is the best variant | **holds** |"), report);
    assertTrue(report.contains("| Data sharing (M) is the most useful single component | **holds** |"), report);
    assertTrue(report.contains("The parameter-space child falls below both parents in most crossovers: **holds** (6 of 6)"), report);
    assertTrue(report.contains("Mutate takes the major chunk of GPO's time on Swimmer: **holds** (mutate 67% of total)"), report);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    // Fig. 6 from the fake's final policies: GPO's four all above Single's four, seed by seed.
    assertTrue(report.contains("- Every final GPO policy above every Single policy on Hopper: **holds** (2 of 2 seeds;"), report);
    for (String f : List.of("fig4-PPO-Swimmer.png", "fig4-PPO-Hopper.png", "fig8-A2C-Swimmer.png", "fig8-A2C-Hopper.png",
        "fig6-PPO-Hopper.png", "fig3a-crossover.png", "fig5-ablations.png")) {
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(tmp.resolve("run/plots").resolve(f)), 4);
      assertArrayEquals(png, head, f);
      assertTrue(report.contains("(plots/" + f + ")"), f);
    }
    // Fig. 3b: one four-panel image per crossover of each probe cell (2 seeds x 3 pairs), linked in the Fig. 3 section.
    List<String> fig3b;
    try (var files = Files.list(tmp.resolve("run/plots"))) {
      fig3b = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("fig3b-states-")).sorted().toList();
    }
    assertEquals(6, fig3b.size(), fig3b.toString());
    assertTrue(fig3b.contains("fig3b-states-Swimmer-seed1-pair0.png"), fig3b.toString());
    int section = report.indexOf("Fig. 3b (the fig3b-states images below, one per crossover)");
    assertTrue(section > 0, report);
    assertTrue(report.contains("t-SNE"), report);
    for (String f : fig3b) {
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(tmp.resolve("run/plots").resolve(f)), 4);
      assertArrayEquals(png, head, f);
      int link = report.indexOf("(plots/" + f + ")");
      assertTrue(link > section, f + " is linked after the Fig. 3b line");
    }
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(tmp.resolve("run/plots").resolve(fig3b.get(0)).toFile());
    assertTrue(img.getWidth() > 2 * img.getHeight(), "four panels and the separation table side by side, two rows (t-SNE, PCA): "
        + img.getWidth() + "x" + img.getHeight());
    // The fake's policies sit 1 sd apart along one dimension in panel order (A 0, B 1, state-space child 2,
    // parameter-space child 3): the state-space child is the nearer to the parents in every crossover.
    assertTrue(report.contains("| Seed | Pair | A / B | state-space child / A |"), report);
    assertTrue(report.contains("than the parameter-space child's (mean separation from the two parents) in most crossovers: **holds** (6 of 6)"), report);
    // The maps are drawn on every core, each from its own crossover: a second report over the same
    // finished cells (drawn in whatever order the threads take them) gives the same bytes.
    assertTrue(log().contains("report: drawing 6 Fig. 3b maps"), log());
    java.util.Map<String, byte[]> first = new java.util.HashMap<>();
    for (String f : fig3b) first.put(f, Files.readAllBytes(tmp.resolve("run/plots").resolve(f)));
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(new FakeRunner()), log).run(options(SMALL, tmp, expected, false, false)));
    for (String f : fig3b) assertArrayEquals(first.get(f), Files.readAllBytes(tmp.resolve("run/plots").resolve(f)), f);
  }

  @Test
  void cellsCarryProvenance(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    new Harness(FakeRunner.registry(new FakeRunner()), log).run(options(SMALL, tmp, expected, false, false));
    for (CellRecord r : CellsCsv.read(tmp.resolve("run/cells.csv"))) {
      assertEquals("2.2.2-fake", r.provenance().mujoco());
      assertTrue(r.provenance().jdk().contains(Runtime.version().toString()));
      assertTrue(r.provenance().libraries().contains("commons-csv=1."), r.provenance().libraries());
      assertEquals(new CellSpec(r.algorithm(), r.task(), r.method(), r.seed(), SMALL.budget(), Settings.DEFAULT,
          List.of()).configHash(),
          r.configHash());
    }
  }

  @Test
  void rebaselineOfASubsetKeepsTheOtherGroups(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("cells.csv");
    CellsCsv.write(file, List.of(ComparisonTest.row("GPO", 1, 10, "h", ComparisonTest.HERE),
        ComparisonTest.row("Joint", 1, 20, "h", ComparisonTest.HERE)));
    assertEquals(1, Harness.rebaseline(file, List.of(ComparisonTest.row("GPO", 1, 11, "h", ComparisonTest.HERE))));
    List<CellRecord> rows = CellsCsv.read(file);
    assertEquals(2, rows.size());
    assertEquals(11, rows.get(0).finalReturn());
    assertEquals(20, rows.get(1).finalReturn());
  }

  /** A cell's id has no settings in it: a --set run re-baselined would replace the defaults' rows, so it is refused. */
  @Test
  void aVariantsCellsMayNotReplaceRowsOfOtherSettings(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("cells.csv");
    CellRecord atDefaults = ComparisonTest.row("GPO", 1, 10, "h", ComparisonTest.HERE);
    CellsCsv.write(file, List.of(atDefaults));
    CellRecord literal = new CellRecord(atDefaults.algorithm(), atDefaults.task(), "GPO", 1,
        new Settings(Settings.DEFAULT.preset(), new TreeMap<>(java.util.Map.of("gpo.sharing", "literal"))), "h2", "unit", 11, 100,
        atDefaults.wallClock(), ComparisonTest.HERE, "2026-01-01T00:00:00Z");
    assertEquals(List.of("PPO/Hopper/GPO/seed-1 (stored: the defaults; this run: gpo.sharing=literal)"), Harness.settingsClashes(file, List.of(literal)));
    assertEquals(List.of(), Harness.settingsClashes(file, List.of(atDefaults)), "the defaults' own rows replace freely");
    CellsCsv.write(file, List.of(literal));
    assertEquals(List.of(), Harness.settingsClashes(file, List.of(literal)), "the same variant again");
    assertEquals(List.of(), Harness.settingsClashes(file, List.of(atDefaults)), "rows at the defaults follow moved defaults");
    assertEquals(List.of(), Harness.settingsClashes(tmp.resolve("absent.csv"), List.of(literal)));
  }

  static final CellSelection BOTH_PRESETS = CellSelection.ALL.withSettings(Optional.of(FakeRunner.PRESETS), new TreeMap<>());

  /** The text of a report section, from its heading to the next one. */
  static String section(String report, String heading) {
    int start = report.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "no section " + heading + " in\n" + report);
    int end = report.indexOf("\n## ", start + 1);
    return report.substring(start, end < 0 ? report.length() : end);
  }

  @Test
  void twoPresetsShareOneRunFolderCellsCsvAndReport(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Harness.Options o = new Harness.Options(SMALL, BOTH_PRESETS, tmp.resolve("run"), expected, tmp, false, false);
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(runner), log).run(o));
    int perPreset = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertEquals(2 * perPreset, runner.calls.get());

    List<CellRecord> rows = CellsCsv.read(tmp.resolve("run/cells.csv"));
    assertEquals(perPreset, rows.stream().filter(r -> r.settings().preset().equals("tuned")).count());
    assertEquals(perPreset, rows.stream().filter(r -> r.settings().preset().equals("paper-calibrated")).count());
    Set<String> ids = new java.util.HashSet<>(rows.stream().map(CellRecord::id).toList());
    assertTrue(ids.contains("PPO/Hopper/GPO/seed-1") && ids.contains("PPO-paper-calibrated/Hopper/GPO/seed-1")
        && ids.contains("A2C-paper-calibrated/Swimmer/Joint/seed-2"), ids.toString());
    assertTrue(Files.isRegularFile(tmp.resolve("run/cells/PPO/Hopper/GPO/seed-1/result.csv")));
    assertTrue(Files.isRegularFile(tmp.resolve("run/cells/PPO-paper-calibrated/Hopper/GPO/seed-1/result.csv")));

    String report = Files.readString(tmp.resolve("run/report.md"));
    assertTrue(report.contains("\n- PPO presets: tuned, paper-calibrated; settings: none\n"), report);
    // Every section once per preset.
    for (Experiment e : SMALL.experiments()) {
      for (String preset : FakeRunner.PRESETS) {
        String heading = "## " + e.title() + ", preset `" + preset + "`";
        assertEquals(1, report.split(java.util.regex.Pattern.quote("\n" + heading + "\n"), -1).length - 1, heading);
      }
    }
    // The fake engine mirrors its levels under paper-calibrated: the same claim, judged on each
    // preset's own cells, holds under one and is contradicted under the other.
    String tuned = section(report, "## Table 1 (PPO), preset `tuned`");
    String calibrated = section(report, "## Table 1 (PPO), preset `paper-calibrated`");
    assertTrue(tuned.contains("- GPO > Single on Hopper: **holds**"), tuned);
    assertTrue(calibrated.contains("- GPO > Single on Hopper: **contradicted**"), calibrated);
    // So do the aggregate scores across tasks (issue 20): every GPO seed above every Single seed on both tasks, then below.
    assertTrue(tuned.contains("\n### Aggregate scores across tasks\n") && tuned.contains("| P(GPO > Single) | 1.00 [1.00, 1.00] (2 tasks)"), tuned);
    assertTrue(calibrated.contains("| P(GPO > Single) | 0.00 [0.00, 0.00] (2 tasks)"), calibrated);
    String fig6 = section(report, "## " + Experiment.FIGURE_6.title() + ", preset `paper-calibrated`");
    assertTrue(fig6.contains("- Every final GPO policy above every Single policy on Hopper: **does not hold** (0 of 2 seeds;"), fig6);
    assertTrue(section(report, "## Table 2 (A2C), preset `paper-calibrated`")
        .contains("Claims (Table 2 (A2C), preset `paper-calibrated`):"), report);
    assertTrue(section(report, "## " + Experiment.FIGURE_5.title() + ", preset `tuned`")
        .contains("| GPO (all three) is the best variant | **holds** |"), report);
    assertTrue(section(report, "## " + Experiment.FIGURE_5.title() + ", preset `paper-calibrated`")
        .contains("| GPO (all three) is the best variant | **contradicted** |"), report);
    for (String f : List.of("fig4-PPO-Hopper.png", "fig4-PPO-paper-calibrated-Hopper.png", "fig5-ablations.png",
        "fig5-ablations-paper-calibrated.png", "fig3a-crossover.png", "fig3a-crossover-paper-calibrated.png",
        "profile-PPO.png", "profile-PPO-paper-calibrated.png", "profile-A2C-paper-calibrated.png")) {
      assertTrue(Files.isRegularFile(tmp.resolve("run/plots").resolve(f)), f);
      assertTrue(report.contains("(plots/" + f + ")"), f);
    }
    assertTrue(section(report, "## " + Experiment.FIGURE_4.title() + ", preset `paper-calibrated`")
        .contains("(plots/fig4-PPO-paper-calibrated-Hopper.png)"), report);

    // Adding nothing, rerunning the same folder: both presets' cells are reused.
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(runner), log).run(o));
    assertEquals(2 * perPreset, runner.calls.get());
  }

  @Test
  void onePresetReportHasNoPresetSections(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    CellSelection calibratedOnly = CellSelection.ALL.withSettings(Optional.of(List.of("paper-calibrated")), new TreeMap<>());
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(new FakeRunner()), log)
        .run(new Harness.Options(SMALL, calibratedOnly, tmp.resolve("run"), expected, tmp, false, false)));
    String report = Files.readString(tmp.resolve("run/report.md"));
    assertTrue(report.contains("\n- PPO presets: paper-calibrated; settings: none\n"), report);
    assertFalse(report.contains(", preset `"), report);
    // ... but its numbers are that preset's: the mirrored levels contradict the claim.
    assertTrue(section(report, "## Table 1 (PPO)").contains("- GPO > Single on Hopper: **contradicted**"), report);
  }

  @Test
  void rebaselineOfTwoPresetsWritesBothAndComparesThemApart(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, BOTH_PRESETS, tmp.resolve("run"), expected, tmp, true, true)));
    Path baseline = Harness.expectedCells(expected, "unit");
    List<CellRecord> written = CellsCsv.read(baseline);
    int perPreset = Plan.of(SMALL, CellSelection.ALL).cells().size();
    assertEquals(2 * perPreset, written.size());
    assertEquals(CellsCsv.read(tmp.resolve("run/cells.csv")), written);
    assertEquals(perPreset, written.stream().filter(r -> r.id().startsWith("PPO-paper-calibrated/")
        || r.id().startsWith("A2C-paper-calibrated/")).count());

    // A fresh run of both presets matches its baseline, group by group.
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, BOTH_PRESETS, tmp.resolve("run2"), expected, tmp, true, false)));
    int groups = (int) written.stream().map(CellRecord::groupId).distinct().count();
    assertTrue(Files.readString(tmp.resolve("run2/comparison.txt"))
        .contains("comparison: all " + groups + " groups match"), Files.readString(tmp.resolve("run2/comparison.txt")));

    // A planted change in one preset's group is flagged there and only there.
    List<CellRecord> planted = new ArrayList<>();
    for (CellRecord r : written) {
      boolean hit = r.groupId().equals("PPO-paper-calibrated/Swimmer/GPO");
      planted.add(hit ? new CellRecord(r.algorithm(), r.task(), r.method(), r.seed(), r.settings(), r.configHash(),
          r.profile(), r.finalReturn() * 1.3, r.stepsUsed(), r.wallClock(), r.provenance(), r.finishedAt()) : r);
    }
    CellsCsv.write(baseline, planted);
    logBytes.reset();
    assertEquals(Harness.DIFFERS, h.run(new Harness.Options(SMALL, BOTH_PRESETS, tmp.resolve("run2"), expected, tmp, true, false)));
    String comparison = Files.readString(tmp.resolve("run2/comparison.txt"));
    assertTrue(comparison.matches("(?s).*CHANGED\\s+PPO-paper-calibrated/Swimmer/GPO .*"), comparison);
    assertTrue(comparison.matches("(?s).*SAME\\s+PPO/Swimmer/GPO .*"), comparison);
    assertTrue(comparison.contains("1 of " + groups + " groups differ"), comparison);

    // Re-baselining the tuned preset alone keeps the other preset's rows as they were.
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, CellSelection.ALL, tmp.resolve("run3"), expected, tmp, true, true)));
    List<CellRecord> after = CellsCsv.read(baseline);
    assertEquals(2 * perPreset, after.size());
    assertEquals(planted.stream().filter(r -> r.settings().preset().equals("paper-calibrated")).toList(),
        after.stream().filter(r -> r.settings().preset().equals("paper-calibrated")).toList());
  }

  @Test
  void overridesReachTheRunnerAndAreRecorded(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    CellSelection gpoOnHopper = new CellSelection(Set.of(Experiment.TABLE_1), Set.of("Hopper"), Set.of("GPO"), Optional.empty(),
        Optional.empty(), new TreeMap<>());
    CellSelection doubled = gpoOnHopper.withSettings(Optional.empty(), new TreeMap<>(Map.of(FakeRunner.SCALE, "2")));
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, gpoOnHopper, tmp.resolve("plain"), expected, tmp, false, false)));
    assertEquals(Harness.OK, h.run(new Harness.Options(SMALL, doubled, tmp.resolve("doubled"), expected, tmp, false, false)));
    List<CellRecord> plain = CellsCsv.read(tmp.resolve("plain/cells.csv"));
    List<CellRecord> twice = CellsCsv.read(tmp.resolve("doubled/cells.csv"));
    assertEquals(2, twice.size());
    for (int i = 0; i < 2; i++) {
      assertEquals(plain.get(i).id(), twice.get(i).id());
      assertEquals(2 * plain.get(i).finalReturn(), twice.get(i).finalReturn(), 1e-9);
      assertEquals(Map.of(FakeRunner.SCALE, "2"), twice.get(i).settings().overrides());
      assertTrue(!plain.get(i).configHash().equals(twice.get(i).configHash()));
    }
    assertTrue(Files.readString(tmp.resolve("doubled/report.md")).contains("\n- PPO presets: tuned; settings: fake.scale=2\n"));
    // Other settings in the same folder: refused, neither reused nor mixed in (issue 21, item 4).
    int before = runner.calls.get();
    assertEquals(Harness.CANNOT_RUN, h.run(new Harness.Options(SMALL, gpoOnHopper, tmp.resolve("doubled"), expected, tmp, false, false)));
    assertEquals(before, runner.calls.get());
  }

  @Test
  void unknownPresetOrSettingFailsBeforeAnyCellRuns(@TempDir Path tmp) throws Exception {
    Path expected = TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Profile fancy = ProfileLoader.parse("unit", "unit.profile", TestFiles.profileText("Swimmer", "Swimmer", 40)
        + "presets = tuned, fancy\n");
    assertEquals(Harness.CANNOT_RUN, new Harness(FakeRunner.registry(runner), log)
        .run(new Harness.Options(fancy, CellSelection.ALL, tmp.resolve("run"), expected, tmp, false, false)));
    assertTrue(log().contains("error: unknown preset \"fancy\"; the engine offers tuned, paper-calibrated"), log());
    Profile badSetting = ProfileLoader.parse("unit", "unit.profile", TestFiles.profileText("Swimmer", "Swimmer", 40)
        + "set.fake.scale = -1\n");
    assertEquals(Harness.CANNOT_RUN, new Harness(FakeRunner.registry(runner), log)
        .run(new Harness.Options(badSetting, CellSelection.ALL, tmp.resolve("run"), expected, tmp, false, false)));
    assertTrue(log().contains("error: setting fake.scale must be a number > 0, got \"-1\""), log());
    assertEquals(0, runner.calls.get());
    assertFalse(Files.exists(tmp.resolve("run")));
  }
}
