package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gposuite.reproduce.ReproduceMainTest.Outcome;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.compare.Spread;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression gate end to end with the fake engine: a baseline written by --rebaseline, then
 * changed the way a real regression or a damaged baseline would change it, then a fresh run
 * compared with it. The exact path is a rerun on the same platform; the statistical path is the
 * same baseline with another CPU in its provenance, as a baseline made on another machine.
 */
class RegressionGateTest {
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** Table 1 on two tasks: 6 groups. Four seeds, so that Welch's test has the power to see a 25% drop. */
  static final Profile FOUR_SEEDS = ProfileLoader.parse("unit", "unit.profile",
      TestFiles.profileText("Swimmer, Hopper", "Swimmer", 40).replace("seeds = 1, 2", "seeds = 1, 2, 3, 4"));
  static final CellSelection TABLE_1 = new CellSelection(Set.of(Experiment.TABLE_1), Set.of(), Set.of(), Optional.empty(),
      Optional.empty(), new TreeMap<>());
  static final int GROUPS = 6;

  static CellRecord with(CellRecord r, double finalReturn, String hash, Provenance p) {
    return new CellRecord(r.algorithm(), r.task(), r.method(), r.seed(), r.settings(), hash, r.profile(),
        finalReturn, r.stepsUsed(), r.wallClock(), p, r.finishedAt());
  }

  static CellRecord onAnotherMachine(CellRecord r) {
    Provenance p = r.provenance();
    return with(r, r.finalReturn(), r.configHash(), new Provenance(p.gitCommit(), p.mujoco(), p.jdk(), p.os(),
        "another CPU", p.libraries() + " openblas-core=another"));
  }

  /** Rewrites the baseline's rows with {@code change}. */
  static void plant(Path baseline, UnaryOperator<CellRecord> change) throws IOException {
    List<CellRecord> rows = new ArrayList<>();
    for (CellRecord r : CellsCsv.read(baseline)) rows.add(change.apply(r));
    CellsCsv.write(baseline, rows);
  }

  Harness.Options options(Path tmp, String out, boolean rebaseline) {
    return new Harness.Options(FOUR_SEEDS, TABLE_1, tmp.resolve(out), tmp.resolve("expected-results"), tmp, true,
        rebaseline);
  }

  enum Plant {
    TRIPLED_BASELINE, DROP_OF_25_PERCENT_IN_ONE_GROUP, CHANGED_CONFIG_HASH_IN_ONE_GROUP
  }

  static final String HIT = "PPO/Swimmer/Single";

  static Stream<Arguments> plantedRegressions() {
    List<Arguments> out = new ArrayList<>();
    for (boolean otherPlatform : new boolean[] {false, true}) {
      String path = otherPlatform ? "statistical" : "exact";
      out.add(Arguments.of(path, Plant.TRIPLED_BASELINE, otherPlatform ? "REGRESSED" : "CHANGED", GROUPS));
      out.add(Arguments.of(path, Plant.DROP_OF_25_PERCENT_IN_ONE_GROUP, otherPlatform ? "REGRESSED" : "CHANGED", 1));
      out.add(Arguments.of(path, Plant.CHANGED_CONFIG_HASH_IN_ONE_GROUP, "CONFIG_CHANGED", 1));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} path: {1}")
  @MethodSource("plantedRegressions")
  void aPlantedRegressionFailsWithADiffNamingTheGroup(String path, Plant plant, String status, int failing,
      @TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    assertEquals(Harness.OK, h.run(options(tmp, "baseline-run", true)), log());
    Path baseline = Harness.expectedCells(tmp.resolve("expected-results"), "unit");
    boolean otherPlatform = path.equals("statistical");
    plant(baseline, r -> {
      CellRecord moved = otherPlatform ? onAnotherMachine(r) : r;
      boolean hit = r.groupId().equals(HIT);
      return switch (plant) {
        case TRIPLED_BASELINE -> with(moved, 3 * r.finalReturn(), r.configHash(), moved.provenance());
        // The run comes out 25% below the baseline: the baseline is the run's value / 0.75.
        case DROP_OF_25_PERCENT_IN_ONE_GROUP -> hit ? with(moved, r.finalReturn() / 0.75, r.configHash(),
            moved.provenance()) : moved;
        case CHANGED_CONFIG_HASH_IN_ONE_GROUP -> hit ? with(moved, r.finalReturn(), "0123456789abcdef",
            moved.provenance()) : moved;
      };
    });

    logBytes.reset();
    assertEquals(Harness.DIFFERS, h.run(options(tmp, "run", false)), log());
    String diff = Files.readString(tmp.resolve("run/comparison.txt"));
    assertTrue(log().contains(diff), "the diff is printed as well as written:\n" + log());
    assertTrue(diff.contains("comparison: " + failing + " of " + GROUPS + " groups differ"), diff);
    // One line per failing group, naming it, with the numbers that failed it.
    String detail = switch (plant) {
      case CHANGED_CONFIG_HASH_IN_ONE_GROUP -> "config hash \\w+ vs expected 0123456789abcdef \\(seed 1\\)";
      default -> otherPlatform ? "expected \\S+ ± \\S+ \\(n=4\\), got \\S+ ± \\S+ \\(n=4\\) on another platform; Welch"
          : "same config and platform but different numbers \\(seed 1: expected \\S+, got \\S+; seed 2";
    };
    assertTrue(diff.lines().anyMatch(l -> l.matches(status + "\\s+" + HIT + "\\s+" + detail + ".*")), diff);
    assertEquals(failing, diff.lines().filter(l -> l.startsWith(status + " ")).count(), diff);
    assertTrue(Files.readString(tmp.resolve("run/report.md")).contains(status), "the report shows the verdict");
  }

  @Test
  void anUnchangedBaselinePassesOnBothPaths(@TempDir Path tmp) throws Exception {
    // The counterpart of the planted regressions: without the plant, the same runs pass.
    TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    assertEquals(Harness.OK, h.run(options(tmp, "baseline-run", true)));
    assertEquals(Harness.OK, h.run(options(tmp, "run", false)), log());
    assertTrue(Files.readString(tmp.resolve("run/comparison.txt")).contains("all " + GROUPS + " groups match"));
    plant(Harness.expectedCells(tmp.resolve("expected-results"), "unit"), RegressionGateTest::onAnotherMachine);
    assertEquals(Harness.OK, h.run(options(tmp, "run2", false)), log());
    String diff = Files.readString(tmp.resolve("run2/comparison.txt"));
    assertEquals(GROUPS, diff.lines().filter(l -> l.startsWith("WITHIN ")).count(), diff);
  }

  /** FOUR_SEEDS with 2 seeds and stat_seeds 1-4: the run grows to 4 seeds when the comparison is statistical. */
  static final Profile STAT_SEEDS = ProfileLoader.parse("unit", "unit.profile",
      TestFiles.profileText("Swimmer, Hopper", "Swimmer", 40) + "stat_seeds = 1, 2, 3, 4\n");

  enum SpreadPlant {
    NONE, TRIPLED_BASELINE, DROP_OF_25_PERCENT_IN_ONE_GROUP
  }

  /** Rewrites the spread file's values of the groups {@code hit} selects with {@code change}. */
  static void plantSpread(Path file, java.util.function.Predicate<String> hit,
      java.util.function.BiFunction<Spread.Group, Double, Double> change) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] c = line.split(",", -1);
      if (line.startsWith("#") || line.equals(Spread.HEADER) || !hit.test(c[0])) {
        out.add(line);
        continue;
      }
      Spread.Group g = new Spread.Group(c[0], c[1], java.util.Arrays.stream(c[6].split(" "))
          .mapToDouble(Double::parseDouble).toArray(), Double.parseDouble(c[5]));
      c[6] = String.join(" ", java.util.Arrays.stream(g.values()).mapToObj(v -> Double.toString(change.apply(g, v))).toList());
      out.add(String.join(",", c));
    }
    Files.write(file, out);
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(SpreadPlant.class)
  void theStatisticalPathWithASpreadFileTakesStatSeedsAndCatchesPlantedRegressions(SpreadPlant plant,
      @TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    Harness h = new Harness(FakeRunner.registry(new FakeRunner()), log);
    CellSelection fourSeeds = TABLE_1.withSeeds(List.of(1, 2, 3, 4));
    assertEquals(Harness.OK, h.run(new Harness.Options(STAT_SEEDS, fourSeeds, tmp.resolve("baseline-run"),
        tmp.resolve("expected-results"), tmp, true, true)), log());
    // the HIT group's reference holds 6 seeds (as a group sized for more power would): the run takes 6 there
    CellSelection hitSeeds5And6 = new CellSelection(Set.of(Experiment.TABLE_1), Set.of("Swimmer"), Set.of("Single"),
        Optional.of(List.of(5, 6)), Optional.empty(), new TreeMap<>());
    assertEquals(Harness.OK, h.run(new Harness.Options(STAT_SEEDS, hitSeeds5And6, tmp.resolve("baseline-run"),
        tmp.resolve("expected-results"), tmp, true, true)), log());
    Path spread = tmp.resolve("expected-results/unit/spread.csv");
    Spread.write(tmp.resolve("baseline-run"), spread, List.of("made by the test from 4 seeds, 6 for " + HIT));
    assertEquals(6, Spread.read(spread).group(HIT).orElseThrow().n());
    plant(Harness.expectedCells(tmp.resolve("expected-results"), "unit"), RegressionGateTest::onAnotherMachine);
    switch (plant) {
      case NONE -> { }
      case TRIPLED_BASELINE -> plantSpread(spread, group -> true, (g, v) -> 3 * v);
      // raise the reference by a third of its gap above the floor: the run is then 25% of the new gap below it
      case DROP_OF_25_PERCENT_IN_ONE_GROUP -> plantSpread(spread, HIT::equals, (g, v) -> v + (g.mean() - g.floor()) / 3);
    }

    logBytes.reset();
    int exit = h.run(new Harness.Options(STAT_SEEDS, TABLE_1, tmp.resolve("run"), tmp.resolve("expected-results"),
        tmp, true, false));
    String diff = Files.readString(tmp.resolve("run/comparison.txt"));
    assertTrue(log().contains("the comparison is statistical, so each group runs the seeds of its reference in spread.csv"
        + " (4 to 6 seeds; 26 cells instead of 12; --seeds chooses others)"), log());
    int failing = switch (plant) {
      case NONE -> 0;
      case TRIPLED_BASELINE -> GROUPS;
      case DROP_OF_25_PERCENT_IN_ONE_GROUP -> 1;
    };
    assertEquals(failing == 0 ? Harness.OK : Harness.DIFFERS, exit, log());
    assertEquals(failing, diff.lines().filter(l -> l.startsWith("REGRESSED ")).count(), diff);
    assertEquals(GROUPS - failing, diff.lines().filter(l -> l.startsWith("WITHIN ")).count(), diff);
    if (failing > 0) {
      // readable: the group, both numbers, the change as a share of a 25% drop, z and the threshold
      assertTrue(diff.lines().anyMatch(l -> l.matches("REGRESSED\\s+" + HIT + "\\s+curve's second half: expected \\S+"
          + " \\(sd \\S+ over 6 seeds of spread.csv\\), got \\S+ \\(n=6, seeds 1, 2, 3, 4, 5, 6\\) on another platform:"
          + " -\\S+, \\d+% of a 25% drop \\(\\S+\\); t = -\\S+, threshold ±\\S+ \\(a 25% drop is caught with"
          + " probability \\S+ at these seeds\\)")), diff);
    }
  }

  /** The issue's command, through the command line: --seeds 1 of a group whose baseline has seeds 1 and 2. */
  static List<String> issueCommand(Path tmp, String out, String... more) throws IOException {
    Path profile = tmp.resolve("unit.profile");
    if (!Files.exists(profile)) Files.writeString(profile, TestFiles.profileText("Swimmer, Hopper", "Swimmer", 40));
    List<String> args = new ArrayList<>(List.of("--profile", profile.toString(), "--tables", "1", "--tasks", "Swimmer",
        "--methods", "GPO", "--out", tmp.resolve(out).toString(), "--expected", tmp.resolve("expected-results").toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void oneSeedOfATwoSeedGroupIsComparedWithThatSeedOnly(@TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    Outcome made = ReproduceMainTest.run(runner, issueCommand(tmp, "baseline-run", "--rebaseline"));
    assertEquals(Harness.OK, made.exit(), made.err());
    Path baseline = Harness.expectedCells(tmp.resolve("expected-results"), "unit");
    // Seed 2 of the baseline far above seed 1: the two-seed mean would fail seed 1 on any path.
    plant(baseline, r -> r.seed() == 2 ? with(r, 3 * r.finalReturn(), r.configHash(), r.provenance()) : r);

    Outcome exact = ReproduceMainTest.run(runner, issueCommand(tmp, "run", "--seeds", "1"));
    assertEquals(Harness.OK, exact.exit(), exact.out() + exact.err());
    assertTrue(exact.out().matches("(?s).*SAME\\s+PPO/Swimmer/GPO\\s+bit-identical on 1 seed\\(s\\), same platform;"
        + " compared on seed\\(s\\) 1 of the baseline's 1, 2\n.*"), exact.out());

    plant(baseline, RegressionGateTest::onAnotherMachine);
    Outcome statistical = ReproduceMainTest.run(runner, issueCommand(tmp, "run", "--seeds", "1"));
    assertEquals(Harness.OK, statistical.exit(), statistical.out() + statistical.err());
    assertTrue(statistical.out().matches("(?s).*WITHIN\\s+PPO/Swimmer/GPO\\s+expected (\\S+) ± 0\\.0 \\(n=1\\), got \\1 ± 0\\.0"
        + " \\(n=1\\) on another platform; .*"), statistical.out());
  }

  @Test
  void rebaselineOfOneSeedReplacesThatSeedsRowOnly(@TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    assertEquals(Harness.OK, ReproduceMainTest.run(runner, issueCommand(tmp, "baseline-run", "--rebaseline")).exit());
    Path baseline = Harness.expectedCells(tmp.resolve("expected-results"), "unit");
    // Mark both rows, to see which one the subset rewrites.
    plant(baseline, r -> with(r, -r.seed(), r.configHash(), r.provenance()));

    Outcome o = ReproduceMainTest.run(runner, issueCommand(tmp, "run", "--seeds", "1", "--rebaseline"));
    assertEquals(Harness.OK, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("1 cells written, 1 earlier rows of the same cells replaced, other rows kept"), o.out());
    List<CellRecord> after = CellsCsv.read(baseline);
    assertEquals(List.of("PPO/Swimmer/GPO/seed-1", "PPO/Swimmer/GPO/seed-2"), after.stream().map(CellRecord::id).toList());
    assertEquals(CellsCsv.read(tmp.resolve("run/cells.csv")).get(0), after.get(0), "seed 1 is the new run's");
    assertEquals(-2.0, after.get(1).finalReturn(), "seed 2 is kept as it was");
  }

  @Test
  void rebaselineReplacesRowsByCellId(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("cells.csv");
    CellsCsv.write(file, List.of(ComparisonTest.row("GPO", 1, 10, "h", ComparisonTest.HERE),
        ComparisonTest.row("GPO", 2, 20, "h", ComparisonTest.HERE), ComparisonTest.row("Joint", 1, 30, "h", ComparisonTest.HERE)));
    assertEquals(1, Harness.rebaseline(file, List.of(ComparisonTest.row("GPO", 2, 21, "h", ComparisonTest.HERE))));
    assertEquals(List.of(10.0, 21.0, 30.0), CellsCsv.read(file).stream().map(CellRecord::finalReturn).toList());
  }

  enum Damage {
    CUT_INSIDE_THE_LAST_ROW, LAST_LINE_BREAK_MISSING, ROW_REPEATED, NO_ROWS_LEFT
  }

  static Stream<Arguments> damagedBaselines() {
    return Stream.of(Arguments.of(Damage.CUT_INSIDE_THE_LAST_ROW, 3, "has 9 fields, the header has 22; the file ends"
        + " inside this row: it was cut short"),
        Arguments.of(Damage.LAST_LINE_BREAK_MISSING, 3, "ends without a line break: the file was cut short"),
        Arguments.of(Damage.ROW_REPEATED, 4, "repeats cell PPO/Swimmer/GPO/seed-1 of line 2"),
        Arguments.of(Damage.NO_ROWS_LEFT, 0, "holds no cells, so nothing would be compared"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedBaselines")
  void aDamagedBaselineIsBadInputNamingFileAndLineBeforeAnyCellRuns(Damage damage, int line, String problem,
      @TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    FakeRunner runner = new FakeRunner();
    assertEquals(Harness.OK, ReproduceMainTest.run(runner, issueCommand(tmp, "baseline-run", "--rebaseline")).exit());
    Path baseline = Harness.expectedCells(tmp.resolve("expected-results"), "unit");
    String text = Files.readString(baseline);
    List<String> lines = text.lines().toList();
    Files.writeString(baseline, switch (damage) {
      // The row stops inside final_return, as an interrupted copy or a full disk would stop it.
      case CUT_INSIDE_THE_LAST_ROW -> text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1)
          + String.join(",", List.of(lines.get(2).split(",")).subList(0, 8)) + "," + lines.get(2).split(",")[8].substring(0, 3);
      case LAST_LINE_BREAK_MISSING -> text.substring(0, text.length() - 1);
      case ROW_REPEATED -> text + lines.get(1) + "\n";
      case NO_ROWS_LEFT -> lines.get(0) + "\n";
    });
    int calls = runner.calls.get();

    for (String mode : List.of("--seeds", "--rebaseline")) {
      List<String> args = mode.equals("--seeds") ? issueCommand(tmp, "run", "--seeds", "1")
          : issueCommand(tmp, "run", "--rebaseline");
      if (damage == Damage.NO_ROWS_LEFT && mode.equals("--rebaseline")) continue;  // an empty baseline may be re-made
      Outcome o = ReproduceMainTest.run(runner, args);
      assertEquals(Harness.CANNOT_RUN, o.exit(), mode + ": " + o.out() + o.err());
      String where = baseline + (line > 0 ? " line " + line : "") + ": ";
      assertTrue(o.err().startsWith("error: " + where + problem), o.err());
      assertEquals(1, o.err().lines().count(), "one line, no stack trace: " + o.err());
      assertEquals(calls, runner.calls.get(), "no cell ran");
    }
  }
}
