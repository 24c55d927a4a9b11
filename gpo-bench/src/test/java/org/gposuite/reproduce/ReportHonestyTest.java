package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.report.Report;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.run.ProgressPrinter;
import org.gposuite.reproduce.run.Rates;
import org.gposuite.reproduce.store.WallClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 5 of issue 10: a report that does not overclaim, an ETA from measured rates, files others can read. */
class ReportHonestyTest {
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  Path run(Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    Profile p = TestFiles.profile("Swimmer, Hopper", "Swimmer", 40);
    assertEquals(Harness.OK, h.run(new Harness.Options(p, CellSelection.ALL, tmp.resolve("run"), tmp.resolve("expected-results"),
        tmp, false, true)), logBytes.toString(StandardCharsets.UTF_8));
    return tmp.resolve("run");
  }

  @Test
  void aReducedBudgetIsSaidAtTheTopAndTablesShowSeedsAndIntervals(@TempDir Path tmp) throws Exception {
    String md = Files.readString(run(tmp).resolve("report.md"));
    List<String> lines = md.lines().toList();
    assertTrue(lines.get(2).equals("> **This profile runs 0.00050% of the paper's budget (40 of 8,000,000 environment steps"
        + " per cell, population 2 of 8, 2 of 12 rounds): claim verdicts describe this run, they cannot confirm or refute"
        + " the paper.**"), "banner right under the title:\n" + md);
    assertTrue(md.contains("| Task | Method | Ours (mean ± se, n) | 95% CI (t) | Per seed |"), md);
    // a Table 1 row: mean ± se (n), its t interval, then each seed's value
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\| Swimmer \\| GPO \\| \\S+ ± \\S+ \\(2\\) \\| \\[\\S+, \\S+\\] \\|"
        + " s1: \\S+, s2: \\S+ \\|.*")), md);
    assertTrue(md.contains("95% confidence interval of the mean by Student's t"), md);
  }

  @Test
  void theIntervalIsStudentsT() {
    // mean 2, se 1/sqrt(3); t(0.975, 2) = 4.302653
    double[] ci = Stats.tInterval(new double[] {1, 2, 3}, 0.95);
    assertEquals(2 - 4.302653 / Math.sqrt(3), ci[0], 1e-5);
    assertEquals(2 + 4.302653 / Math.sqrt(3), ci[1], 1e-5);
    assertEquals("—", Report.interval(new double[] {5}));
  }

  @Test
  void thePapersBudgetHasNoBanner() {
    assertTrue(Report.budgetBanner(Budget.PAPER).isEmpty());
  }

  @Test
  void everyFileTheHarnessWritesIsReadableByOthers(@TempDir Path tmp) throws Exception {
    Path out = run(tmp);
    List<Path> files;
    try (Stream<Path> s = Stream.concat(Files.walk(out), Files.walk(tmp.resolve("expected-results/unit")))) {
      files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("reproduce.lock")).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".png")), "plots among them: " + files);
    assertTrue(files.stream().anyMatch(f -> f.endsWith("report.md")) && files.stream().anyMatch(f -> f.endsWith("result.csv")));
    for (Path f : files) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
      assertTrue(mode.contains(PosixFilePermission.GROUP_READ) && mode.contains(PosixFilePermission.OTHERS_READ),
          f + " is " + java.nio.file.attribute.PosixFilePermissions.toString(mode));
      assertFalse(mode.contains(PosixFilePermission.OTHERS_WRITE), f.toString());
    }
  }

  static CellSpec spec(String task, String method, long steps) {
    Budget b = TestFiles.profile("Swimmer", "Swimmer", steps).budget();
    return new CellSpec(Algorithm.PPO, task, method, 1, b, Settings.DEFAULT, List.of(Experiment.TABLE_1));
  }

  static CellRecord measured(CellSpec c, double seconds) {
    return new CellRecord(c.algorithm(), c.task(), c.method(), c.seed(), c.settings(), c.configHash(), "unit", 0,
        c.budget().totalSteps(), WallClock.totalOnly(seconds), ComparisonTest.HERE, "2026-01-01T00:00:00Z");
  }

  @Test
  void theEstimateComesFromMeasuredRatesPerConfigThenTaskAndMethod() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec single = spec("Swimmer", "Single", 40);
    // stored under another profile: the run's own profile has nothing to fit
    Rates rates = new Rates("other", 1000, List.of(measured(gpo, 12), measured(single, 2)));
    assertEquals(12, rates.seconds(gpo), 1e-9, "same config: its measured seconds");
    // another budget: the profile's assumed steps/s times GPO's cost relative to its file (12/40 s/step vs 14/80)
    assertEquals((12.0 / 40) / (14.0 / 80) * 80 / 1000, rates.seconds(spec("Swimmer", "GPO", 80)), 1e-9);
    assertEquals(80 / 1000.0, rates.seconds(spec("Hopper", "GPO", 80)), 1e-9, "nothing measured: assumed steps/s");
  }

  /**
   * A kind that has not run on a task is priced from the run's own profile by task x kind: GPO on
   * Hopper from GPO over Single and Joint on Swimmer and Hopper's cost over Swimmer's. Hand-worked:
   * Hopper / Swimmer is 4/2 for Single and 8/3 for Joint, geometric mean sqrt(16/3); GPO's effect
   * is fixed by its one cell, so GPO on Hopper is 12 s x sqrt(16/3).
   */
  @Test
  void aKindNewToATaskIsPricedByTheTaskTimesKindFitOfItsOwnProfile() {
    CellSpec gpoSwimmer = spec("Swimmer", "GPO", 40);
    Rates rates = new Rates("unit", 1000, List.of(measured(spec("Swimmer", "Single", 40), 2),
        measured(spec("Swimmer", "Joint", 40), 3), measured(gpoSwimmer, 12),
        measured(spec("Hopper", "Single", 40), 4), measured(spec("Hopper", "Joint", 40), 8)));
    assertEquals(12 * Math.sqrt(16.0 / 3), rates.seconds(spec("Hopper", "GPO", 40)), 1e-9);
    assertEquals(12, rates.seconds(gpoSwimmer), 1e-9, "a measured config keeps its own seconds");
    assertEquals(40 / 1000.0, rates.seconds(spec("Ant", "GPO", 40)), 1e-9, "a task nothing has run on: assumed steps/s");
  }

  /**
   * Fig. 7's population 32 is four times the steps of the paper's GPO cell and would otherwise fall to
   * the file-wide fallback (measured: 21 min against the 46 of GPO's own per-step cost); priced per
   * step as GPO at the profile's budget, it is 12 s / 40 steps x its 80 steps.
   */
  @Test
  void aVariantNotRunYetIsPricedPerStepAsItsMethod() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    Rates rates = new Rates("unit", 1000, List.of(measured(gpo, 12), measured(spec("Swimmer", "Single", 40), 2)));
    CellSpec pop16 = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, spec("Swimmer", "GPO", 80).budget(), Settings.DEFAULT,
        List.of(Experiment.FIGURE_7), "pop16");
    assertEquals(12.0 / 40 * 80, rates.seconds(pop16), 1e-9);
  }

  /**
   * A Fig. 5 ablation that has not run is priced per step as GPO when it shares data (M) and as Single
   * when it does not: sharing's update and critic fit are most of a GPO cell's cost. Hand-worked: GPO
   * costs 12 s and Single 2 s for 40 steps on Swimmer, so Base+M+S costs 12 s and Base+C+S 2 s for 40.
   */
  @Test
  void aFig5AblationNotRunYetIsPricedAsGpoWithSharingAndAsSingleWithout() {
    Rates rates = new Rates("unit", 1000, List.of(measured(spec("Swimmer", "GPO", 40), 12), measured(spec("Swimmer", "Single", 40), 2)));
    assertEquals(12, rates.seconds(spec("Swimmer", "Base+M+S", 40)), 1e-9);
    assertEquals(12.0 / 40 * 80, rates.seconds(spec("Swimmer", "Base+M", 80)), 1e-9, "per step, at any budget");
    assertEquals(2, rates.seconds(spec("Swimmer", "Base+C+S", 40)), 1e-9);
    assertEquals(2, rates.seconds(spec("Swimmer", "Base+S", 40)), 1e-9);
    assertEquals(12, rates.seconds(spec("Swimmer", "Base+M+C", 40)), 1e-9);
  }

  /**
   * A kind under another preset that has not run is priced as the same kind under the default preset:
   * GPO under paper-calibrated as GPO under tuned (12 s for 40 steps), not from a GPO of other settings
   * (here one with --set, 4 s) that happens to have run under paper-calibrated.
   */
  @Test
  void aPresetNotRunYetIsPricedAsTheSameKindUnderTheDefault() {
    Settings calibrated = new Settings("paper-calibrated", new java.util.TreeMap<>());
    Settings otherSettings = new Settings("paper-calibrated", new java.util.TreeMap<>(java.util.Map.of("gpo.sharing", "literal")));
    Budget b = spec("Swimmer", "GPO", 40).budget();
    CellSpec asWritten = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, b, otherSettings, List.of(Experiment.TABLE_1));
    Rates rates = new Rates("unit", 1000, List.of(measured(spec("Swimmer", "GPO", 40), 12), measured(asWritten, 4)));
    assertEquals(12, rates.seconds(new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, b, calibrated, List.of(Experiment.TABLE_1))), 1e-9);
  }

  /**
   * Fig. 7's population 32, not run yet, is priced per step as Fig. 10's population 32 that has run:
   * under data sharing a step at population m costs about m rows of update in both figures, so the
   * method's cost per step at population 8 would price it 3x too cheap (the default's time split).
   */
  @Test
  void aPopulationNotRunInOneFigureIsPricedPerStepAsTheOtherFiguresPointOfThatPopulation() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec eq32 = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, spec("Swimmer", "GPO", 48).budget(), Settings.DEFAULT,
        List.of(Experiment.FIGURE_10), "pop32-eqsteps");
    CellRecord eq32Measured = new CellRecord(eq32.algorithm(), eq32.task(), eq32.method(), 1, eq32.settings(), eq32.configHash(), "unit", 0,
        48, WallClock.totalOnly(36), ComparisonTest.HERE, "2026-01-01T00:00:00Z", "pop32-eqsteps");
    Rates rates = new Rates("unit", 1000, List.of(measured(gpo, 12), eq32Measured));
    CellSpec pop32 = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, spec("Swimmer", "GPO", 160).budget(), Settings.DEFAULT,
        List.of(Experiment.FIGURE_7), "pop32");
    assertEquals(36.0 / 48 * 160, rates.seconds(pop32), 1e-9, "Fig. 10's 0.75 s a step, not GPO's 0.3");
    CellSpec perRound = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, spec("Swimmer", "GPO", 48).budget(), Settings.DEFAULT,
        List.of(Experiment.FIGURE_10), "pop32-eqsteps-dagger-per-round");
    assertEquals(36, rates.seconds(perRound), 1e-9, "Fig. 10's other DAgger reading: its population's cost per step");
    CellSpec t1024 = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, spec("Swimmer", "GPO", 80).budget(), Settings.DEFAULT,
        List.of(Experiment.FIGURE_9), "T1024");
    assertEquals(12.0 / 40 * 80, rates.seconds(t1024), 1e-9, "a horizon has no such sibling: priced per step as its method");
  }

  /**
   * The cells stored beside a profile's cells.csv (the paper's critic-control-cells.csv, ...) are
   * measured costs too: a config found only there is priced by its own seconds, and a folder's files
   * are one file for relative costs (GPO 12 s and Single 2 s for 40 steps, each in a file of its own:
   * GPO at 80 steps is 0.3 / (14 / 80) of the assumed pace, not 1x its own file's mean).
   */
  @Test
  void everyCellsFileOfAFolderPricesItsConfigs(@TempDir Path tmp) throws Exception {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec single = spec("Swimmer", "Single", 40);
    Path folder = Files.createDirectories(tmp.resolve("expected-results/other"));
    org.gposuite.reproduce.store.CellsCsv.write(folder.resolve("cells.csv"), List.of(measured(single, 2)));
    org.gposuite.reproduce.store.CellsCsv.write(folder.resolve("critic-control-cells.csv"), List.of(measured(gpo, 12)));
    Files.writeString(folder.resolve("sharing-screen.csv"), "not,a,cells,file\n");
    Rates rates = Rates.load(tmp.resolve("expected-results"), "another", 1000);  // no own-profile fit
    assertEquals(12, rates.seconds(gpo), 1e-9, "the config stored beside cells.csv");
    assertEquals(2, rates.seconds(single), 1e-9);
    assertEquals((12.0 / 40) / (14.0 / 80) * 80 / 1000, rates.seconds(spec("Swimmer", "GPO", 80)), 1e-9);
  }

  @Test
  void theEtaFollowsTheRunsOwnPace() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec single = spec("Swimmer", "Single", 40);
    Rates rates = new Rates("unit", 1000, List.of(measured(gpo, 12), measured(single, 2)));
    ProgressPrinter p = new ProgressPrinter(log, List.of(gpo, single, gpo), rates);
    assertEquals(26, p.eta(null, 0), 1e-9, "before anything ran: the stored rates");
    assertEquals(26 - 6, p.eta(gpo, 20), 1e-9, "half of the current cell is done");
    p.finished(1, gpo, 24, false);  // this machine runs at half the stored pace
    assertEquals(2 * 14, p.eta(null, 0), 1e-9);
  }

  /**
   * With --jobs 2 on 2 cores two one-core cells run side by side, so each holds half the machine's wall
   * time; a GPO cell holds all of it. And each kind keeps its own pace: a GPO cell twice as slow as
   * its rate says nothing about a Joint cell, which here runs at half its rate's time.
   */
  @Test
  void theEtaCountsCellsThatShareTheCoresAndEachKindsOwnPace() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec joint = spec("Swimmer", "Joint", 40);
    Rates rates = new Rates("unit", 1000, List.of(measured(gpo, 12), measured(joint, 2)));
    ProgressPrinter p = new ProgressPrinter(log, List.of(gpo, joint, joint, joint), rates, 2, 2);
    assertEquals(12 + 3 * 2 * 0.5, p.eta(null, 0), 1e-9, "three Joint cells, two at a time");
    assertEquals(12 + 3 * 2 * 1.0, new ProgressPrinter(log, List.of(gpo, joint, joint, joint), rates, 2, 1).eta(null, 0), 1e-9,
        "--jobs 1: one after another");
    p.finished(1, gpo, 24, false);  // GPO at half its stored pace
    assertEquals(3 * 2 * 0.5 * 2, p.eta(null, 0), 1e-9, "no Joint cell measured yet: the run's pace so far");
    p.finished(2, joint, 1, false);  // Joint at twice its stored pace
    assertEquals(2 * 2 * 0.5 * 0.5, p.eta(null, 0), 1e-9, "the Joint cells left at Joint's own pace");
  }

  /**
   * Issue 21, small items: a failed cell (seconds of a fraction of a cell) and a resumed cell (a
   * whole cell's steps in the seconds of its last rounds) made the pace nonsense (1,113,076 steps/s)
   * and the ETA jump. Only what this session computed counts; a resumption is said at once.
   */
  @Test
  void failedAndResumedCellsDoNotSetThePaceAndAResumptionIsSaid() {
    CellSpec gpo = spec("Swimmer", "GPO", 40);
    CellSpec single = spec("Swimmer", "Single", 40);
    Rates rates = new Rates("unit", 1000, List.of(measured(gpo, 12), measured(single, 2)));
    ProgressPrinter p = new ProgressPrinter(log, List.of(gpo, single, gpo), rates);
    p.starting(1, gpo);
    p.finished(1, gpo, 0.01, true);
    assertEquals(14, p.eta(null, 0), 1e-9, "a failed cell leaves the stored rates' pace");
    assertEquals("no cells computed in this session", p.measured());

    org.gposuite.reproduce.run.Progress resumed = p.starting(3, gpo);
    resumed.resumed(30, "after round 3/4");
    assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains(
        "[3/3] PPO/Swimmer/GPO/seed-1 resumed from its checkpoint after round 3/4 (30 of 40 steps done earlier)\n"),
        logBytes.toString(StandardCharsets.UTF_8));
    p.finished(3, gpo, 6, false);  // its last 10 steps, a quarter of its estimate (3 s), took 6 s: half the pace
    assertEquals(2 * 2, p.eta(null, 0), 1e-9, "the single cell left, at this run's pace");
    assertTrue(p.measured().startsWith("measured 2 planned steps/s over 0:00:06"), p.measured());
  }
}
