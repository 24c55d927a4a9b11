package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.WallClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputValidationTest {
  static final String GOOD_PROFILE = """
      # a comment
      description = test
      tasks = Hopper, Swimmer
      seeds = 1, 2
      tables = 1, 2, 3
      figures = 3a, 4, 5
      fig3a_task = HalfCheetah
      fig5_tasks = Ant, Walker2d
      assumed_steps_per_second = 1000
      total_steps = 8_000_000
      population = 8
      rounds = 12
      horizon = 512
      batch_per_policy = 2048
      joint_batch = 16384
      eval_episodes = 10
      pi_s_epochs = 100
      dagger_initial = 5000
      dagger_iterations = 10
      dagger_per_iteration = 500
      dagger_epochs = 10
      """;

  static InputError profileError(String text) {
    return assertThrows(InputError.class, () -> ProfileLoader.parse("p", "p.profile", text));
  }

  static int lineOf(String text, String prefix) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i + 1;
    }
    throw new AssertionError(prefix);
  }

  @Test
  void aGoodProfileReadsBackThePaperBudget() {
    Profile p = ProfileLoader.parse("p", "p.profile", GOOD_PROFILE);
    assertEquals(Budget.PAPER, p.budget());
    assertEquals(List.of("Hopper", "Swimmer"), p.tasks());
  }

  @Test
  void builtInProfilesLoad() throws IOException {
    for (String name : ProfileLoader.BUILT_IN) assertEquals(name, ProfileLoader.load(name).name());
    assertEquals(Budget.PAPER, ProfileLoader.load("paper").budget());
  }

  @Test
  void badValueNamesFileLineAndField() {
    String text = GOOD_PROFILE.replace("rounds = 12", "rounds = twelve");
    InputError e = profileError(text);
    assertEquals("p.profile", e.file());
    assertEquals(lineOf(text, "rounds"), e.line());
    assertEquals("rounds", e.field());
    assertTrue(e.getMessage().startsWith("p.profile line " + lineOf(text, "rounds") + ", field rounds"), e.getMessage());
  }

  @Test
  void outOfRangeValueNamesItsLine() {
    String text = GOOD_PROFILE.replace("population = 8", "population = 0");
    InputError e = profileError(text);
    assertEquals("population", e.field());
    assertEquals(lineOf(text, "population"), e.line());
  }

  @Test
  void unknownTaskIsRejectedOnItsLine() {
    String text = GOOD_PROFILE.replace("tasks = Hopper, Swimmer", "tasks = Hopper, Swimer");
    InputError e = profileError(text);
    assertEquals("tasks", e.field());
    assertEquals(lineOf(text, "tasks"), e.line());
    assertTrue(e.getMessage().contains("Swimer"), e.getMessage());
  }

  @Test
  void unknownRepeatedAndMissingFieldsAreRejected() {
    InputError unknown = profileError(GOOD_PROFILE + "populaton = 4\n");
    assertEquals("populaton", unknown.field());
    assertEquals(GOOD_PROFILE.lines().count() + 1, unknown.line());

    InputError repeated = profileError(GOOD_PROFILE + "rounds = 3\n");
    assertEquals("rounds", repeated.field());
    assertTrue(repeated.getMessage().contains("first set on line " + lineOf(GOOD_PROFILE, "rounds")));

    InputError missing = profileError(GOOD_PROFILE.replace("horizon = 512\n", ""));
    assertEquals("horizon", missing.field());

    InputError noEquals = profileError(GOOD_PROFILE.replace("horizon = 512", "horizon 512"));
    assertEquals(lineOf(GOOD_PROFILE, "horizon"), noEquals.line());
  }

  static Stream<Arguments> profilesThatCannotRun() {
    return Stream.of(
        // The paper's population 8 x batch 2048 = 16384 steps is one batch per policy.
        Arguments.of("total_steps = 8_000_000", "total_steps = 16_383", "total_steps",
            "total_steps must be at least population x batch_per_policy = 16384 (one batch per policy), got 16383"),
        Arguments.of("joint_batch = 16384", "joint_batch = 16_000_000", "total_steps",
            "total_steps must be at least joint_batch = 16000000 (one batch of Joint), got 8000000"),
        Arguments.of("population = 8", "population = 1", "population",
            "population must be >= 2 (GPO crosses pairs of policies), got 1"),
        Arguments.of("assumed_steps_per_second = 1000", "assumed_steps_per_second = Infinity",
            "assumed_steps_per_second", "must be a finite number > 0, got Infinity"),
        Arguments.of("assumed_steps_per_second = 1000", "assumed_steps_per_second = 1e999",
            "assumed_steps_per_second", "must be a finite number > 0, got 1e999"),
        Arguments.of("assumed_steps_per_second = 1000", "assumed_steps_per_second = NaN",
            "assumed_steps_per_second", "must be a finite number > 0, got NaN"),
        Arguments.of("rounds = 12", "rounds = NaN", "rounds", "\"NaN\" is not valid"),
        Arguments.of("seeds = 1, 2", "seeds = 0, 1", "seeds", "item \"0\" is not valid: seed 0 is not allowed; seeds count from 1"),
        Arguments.of("seeds = 1, 2", "seeds = 1, -2", "seeds", "item \"-2\" is not valid: seed -2 is not allowed"),
        Arguments.of("seeds = 1, 2", "seeds = 1, two", "seeds", "item \"two\" is not valid: seed \"two\" is not a whole number"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("profilesThatCannotRun")
  void aProfileThatCannotRunIsRejectedAtLoadNamingTheField(String good, String bad, String field, String problem) {
    String text = GOOD_PROFILE.replace(good, bad);
    assertTrue(text.contains(bad), bad);
    InputError e = profileError(text);
    assertEquals(field, e.field(), e.getMessage());
    assertEquals(lineOf(text, field), e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("p.profile line " + lineOf(text, field) + ", field " + field + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void theSmallestRunnableBudgetLoads() {
    Profile p = ProfileLoader.parse("p", "p.profile", GOOD_PROFILE.replace("total_steps = 8_000_000", "total_steps = 16_384")
        .replace("population = 8", "population = 2").replace("batch_per_policy = 2048", "batch_per_policy = 8192"));
    assertEquals(16_384, p.budget().totalSteps());
    assertEquals(2, p.budget().population());
  }

  @Test
  void aNonUtf8ProfileNamesFileAndLineAndAByteOrderMarkIsAccepted(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("latin1.profile");
    String text = GOOD_PROFILE.replace("description = test", "description = r\u00e9sum\u00e9 run");
    Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputError e = assertThrows(InputError.class, () -> ProfileLoader.load(file.toString()));
    assertEquals(file.toString(), e.file());
    assertEquals(lineOf(text, "description"), e.line());
    assertTrue(e.getMessage().contains("is not UTF-8 text (byte 0xE9"), e.getMessage());

    Files.write(file, ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("r\u00e9sum\u00e9 run", ProfileLoader.load(file.toString()).description());
  }

  static String expectedCsv() throws IOException {
    StringWriter w = new StringWriter();
    CellsCsv.write(w, List.of(ComparisonTest.row("GPO", 1, 900.5, "h1", ComparisonTest.HERE),
        ComparisonTest.row("GPO", 2, 880.25, "h1", ComparisonTest.HERE),
        ComparisonTest.row("Joint", 1, 700, "h1", ComparisonTest.HERE)));
    return w.toString();
  }

  @Test
  void expectedResultsRoundTrip() throws IOException {
    List<CellRecord> rows = CellsCsv.read("cells.csv", new StringReader(expectedCsv()));
    assertEquals(3, rows.size());
    assertEquals(880.25, rows.get(1).finalReturn());
    assertEquals(ComparisonTest.HERE, rows.get(0).provenance());
  }

  @Test
  void malformedNumberInExpectedResultsNamesLineAndField() throws IOException {
    List<String> lines = new java.util.ArrayList<>(expectedCsv().lines().toList());
    // Row 2 of the data is line 3 of the file; break its final_return.
    lines.set(2, lines.get(2).replace("880.25", "88o.25"));
    InputError e = assertThrows(InputError.class,
        () -> CellsCsv.read("expected-results/smoke/cells.csv", new StringReader(String.join("\n", lines))));
    assertEquals("expected-results/smoke/cells.csv", e.file());
    assertEquals(3, e.line());
    assertEquals("final_return", e.field());
    assertTrue(e.getMessage().contains("88o.25"), e.getMessage());
  }

  @Test
  void missingColumnInExpectedResultsIsNamed() throws IOException {
    String text = expectedCsv().replaceFirst("config_hash", "confighash");
    InputError e = assertThrows(InputError.class, () -> CellsCsv.read("cells.csv", new StringReader(text)));
    assertEquals(1, e.line());
    assertEquals("config_hash", e.field());
  }

  @Test
  void shortRowInExpectedResultsIsRejected() throws IOException {
    List<String> lines = new java.util.ArrayList<>(expectedCsv().lines().toList());
    lines.set(3, "PPO,Hopper,Joint,1");
    InputError e = assertThrows(InputError.class,
        () -> CellsCsv.read("cells.csv", new StringReader(String.join("\n", lines))));
    assertEquals(4, e.line());
  }

  @Test
  void aCellsFileCutAnywhereInItsLastRowIsAnErrorOnThatLine() throws IOException {
    String whole = expectedCsv();
    int lastRow = whole.lastIndexOf('\n', whole.length() - 2) + 1;
    // Every cut from the first character of the last row to its final line break: fewer fields,
    // or all fields but the last one shortened, or only the line break missing.
    for (int cut = lastRow + 1; cut < whole.length(); cut++) {
      String text = whole.substring(0, cut);
      InputError e = assertThrows(InputError.class, () -> CellsCsv.read("expected-results/smoke/cells.csv",
          new StringReader(text)), "cut at " + cut + ": " + text.substring(lastRow));
      assertEquals("expected-results/smoke/cells.csv", e.file());
      assertEquals(4, e.line(), e.getMessage());
      assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }
    assertEquals(3, CellsCsv.read("cells.csv", new StringReader(whole)).size());
  }

  @Test
  void aRepeatedCellNamesBothLines() throws IOException {
    List<String> lines = new java.util.ArrayList<>(expectedCsv().lines().toList());
    lines.add(lines.get(1));
    InputError e = assertThrows(InputError.class,
        () -> CellsCsv.read("cells.csv", new StringReader(String.join("\n", lines) + "\n")));
    assertEquals(5, e.line());
    assertTrue(e.getMessage().startsWith("cells.csv line 5: repeats cell PPO/Hopper/GPO/seed-1 of line 2;"), e.getMessage());
  }

  @Test
  void blankLinesDoNotShiftTheLineNumbers() throws IOException {
    List<String> lines = new java.util.ArrayList<>(expectedCsv().lines().toList());
    lines.add(2, "");
    lines.set(3, lines.get(3).replace("880.25", "88o.25"));
    InputError e = assertThrows(InputError.class,
        () -> CellsCsv.read("cells.csv", new StringReader(String.join("\n", lines) + "\n")));
    assertEquals(4, e.line());
    assertEquals("final_return", e.field());
  }

  @Test
  void anEmptyOrNonUtf8CellsFileIsNamedWithItsLine(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("cells.csv");
    Files.writeString(file, "");
    InputError empty = assertThrows(InputError.class, () -> CellsCsv.read(file));
    assertTrue(empty.getMessage().startsWith(file + ": is empty"), empty.getMessage());

    // Saved as Latin-1: é is the lone byte 0xE9, first in row 1 (line 2).
    Files.write(file, expectedCsv().replace("cpu A", "cpu \u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputError e = assertThrows(InputError.class, () -> CellsCsv.read(file));
    assertEquals(file.toString(), e.file());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("is not UTF-8 text (byte 0xE9"), e.getMessage());
  }

  @Test
  void theShippedBaselinesPassTheIntegrityChecks() throws IOException {
    try (var dirs = Files.list(TestFiles.REPO_EXPECTED)) {
      List<Path> files = dirs.map(d -> d.resolve("cells.csv")).filter(Files::isRegularFile).toList();
      assertTrue(files.size() >= 2, "smoke and medium at least: " + files);
      for (Path f : files) assertTrue(CellsCsv.read(f).size() > 0, f.toString());
    }
  }

  @Test
  void malformedPaperTableNamesLineAndField(@TempDir Path tmp) throws IOException {
    Path expected = TestFiles.scratchExpected(tmp);
    Path table = expected.resolve(PaperData.TABLES);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table));
    lines.set(5, lines.get(5).replace("HalfCheetah", "HalfCheeta"));
    Files.write(table, lines);
    InputError e = assertThrows(InputError.class, () -> PaperData.load(expected));
    assertEquals(table.toString(), e.file());
    assertEquals(6, e.line());
    assertEquals("env", e.field());
  }

  @Test
  void presetsAndSetLinesAreReadAndOptional() throws IOException {
    Profile p = ProfileLoader.parse("p", "p.profile", GOOD_PROFILE
        + "presets = tuned, paper-calibrated\nset.gpo.child_init = first-parent\nset.fake.scale = 2\n");
    assertEquals(List.of("tuned", "paper-calibrated"), p.presets());
    assertEquals(List.of("fake.scale", "gpo.child_init"), List.copyOf(p.overrides().keySet()));
    assertEquals("first-parent", p.overrides().get("gpo.child_init"));
    // The shipped profiles run as before: the default preset and no overrides.
    for (String name : ProfileLoader.BUILT_IN) {
      Profile shipped = ProfileLoader.load(name);
      assertEquals(List.of("tuned"), shipped.presets(), name);
      assertTrue(shipped.overrides().isEmpty(), name);
    }
  }

  @Test
  void badPresetsAndSetLinesNameTheirLine() {
    String noKey = GOOD_PROFILE + "set. = 1\n";
    InputError e = profileError(noKey);
    assertEquals(lineOf(noKey, "set."), e.line());
    assertTrue(e.getMessage().contains("set.<key>"), e.getMessage());

    String twice = GOOD_PROFILE + "set.a = 1\nset.a = 2\n";
    e = profileError(twice);
    assertEquals("set.a", e.field());
    assertTrue(e.getMessage().contains("first set on line " + lineOf(twice, "set.a")), e.getMessage());

    String spaced = GOOD_PROFILE + "set.a b = 1\n";
    e = profileError(spaced);
    assertEquals("set.a b", e.field());
    assertEquals(lineOf(spaced, "set.a b"), e.line());

    String slash = GOOD_PROFILE + "presets = tuned, paper/calibrated\n";
    e = profileError(slash);
    assertEquals("presets", e.field());
    assertTrue(e.getMessage().contains("paper/calibrated"), e.getMessage());

    e = profileError(GOOD_PROFILE + "presets = tuned, tuned\n");
    assertTrue(e.getMessage().contains("twice"), e.getMessage());

    e = profileError(GOOD_PROFILE + "preset = tuned\n");
    assertEquals("preset", e.field());
    assertTrue(e.getMessage().contains("optionally presets, stat_seeds and set.<key>"), e.getMessage());
  }

  /** Two rows as expected-results/smoke/cells.csv held them before presets (no preset or settings column). */
  static final String CELLS_CSV_BEFORE_PRESETS = """
      algorithm,task,method,seed,config_hash,profile,final_return,steps_used,wall_total_s,wall_mutate_s,wall_select_s,wall_crossover_s,git_commit,mujoco,jdk,os,cpu,libraries,finished_at
      A2C,InvertedDoublePendulum,GPO,1,87a074a787b3c6cb,smoke,155.64033456555973,18000,0.334104492,0.22973907300000002,0.003208424,0.094492517,35bb9a17b7ba708b8bc108337a4b5c3081570b7e-dirty,2.2.2,Eclipse Adoptium 25.0.3+9-LTS,Linux 6.18.44-fc-v769 amd64,Intel(R) Xeon(R) Processor,commons-csv=1.14.1 commons-math3=3.6.1 nd4j-api=1.0.0-M2.1 nd4j-native=1.0.0-M2.1 xchart=3.8.8,2026-11-24T11:55:38Z
      PPO,Swimmer,Joint,2,0123456789abcdef,smoke,31.5,18000,1.0,0.0,0.0,0.0,35bb9a17b7ba708b8bc108337a4b5c3081570b7e,2.2.2,Eclipse Adoptium 25.0.3+9-LTS,Linux amd64,cpu,libs,2026-11-24T11:56:00Z
      """;

  @Test
  void cellsCsvFromBeforePresetsReadsAsTunedWithoutSettings() throws IOException {
    List<CellRecord> rows = CellsCsv.read("expected-results/smoke/cells.csv", new StringReader(CELLS_CSV_BEFORE_PRESETS));
    assertEquals(2, rows.size());
    assertEquals(Settings.DEFAULT, rows.get(0).settings());
    assertEquals(Settings.DEFAULT, rows.get(1).settings());
    assertEquals("A2C/InvertedDoublePendulum/GPO/seed-1", rows.get(0).id());
    assertEquals("PPO/Swimmer/Joint", rows.get(1).groupId());
    assertEquals("87a074a787b3c6cb", rows.get(0).configHash());
    assertEquals(155.64033456555973, rows.get(0).finalReturn());
    // Written back, such a file gains the two columns and keeps its numbers.
    StringWriter w = new StringWriter();
    CellsCsv.write(w, rows);
    assertTrue(w.toString().startsWith("algorithm,task,method,seed,preset,settings,config_hash,"), w.toString());
    assertEquals(rows, CellsCsv.read("again", new StringReader(w.toString())));
  }

  @Test
  void presetAndSettingsColumnsRoundTrip() throws IOException {
    Settings s = new Settings("paper-calibrated", new java.util.TreeMap<>(java.util.Map.of(
        "gpo.child_init", "first-parent", "fake.scale", "2")));
    CellRecord r = new CellRecord(Algorithm.PPO, "Walker2d", "GPO", 3, s, "h1", "paper", 1.5, 100,
        WallClock.totalOnly(1), ComparisonTest.HERE, "2026-01-01T00:00:00Z");
    StringWriter w = new StringWriter();
    CellsCsv.write(w, List.of(r));
    assertTrue(w.toString().contains("\nPPO,Walker2d,GPO,3,paper-calibrated,fake.scale=2;gpo.child_init=first-parent,h1,"),
        w.toString());
    List<CellRecord> back = CellsCsv.read("cells.csv", new StringReader(w.toString()));
    assertEquals(List.of(r), back);
    assertEquals("PPO-paper-calibrated/Walker2d/GPO/seed-3", back.get(0).id());
  }

  @Test
  void malformedSettingsInCellsCsvNamesLineAndField() throws IOException {
    CellRecord r = new CellRecord(Algorithm.PPO, "Walker2d", "GPO", 3, Settings.DEFAULT, "h1", "paper", 1.5, 100,
        WallClock.totalOnly(1), ComparisonTest.HERE, "2026-01-01T00:00:00Z");
    StringWriter w = new StringWriter();
    CellsCsv.write(w, List.of(r, r));
    List<String> lines = new java.util.ArrayList<>(w.toString().lines().toList());
    lines.set(2, lines.get(2).replace(",tuned,,", ",tuned,child_init,"));
    InputError e = assertThrows(InputError.class,
        () -> CellsCsv.read("cells.csv", new StringReader(String.join("\n", lines))));
    assertEquals(3, e.line());
    assertEquals("settings", e.field());
    assertTrue(e.getMessage().contains("child_init"), e.getMessage());
  }
}
