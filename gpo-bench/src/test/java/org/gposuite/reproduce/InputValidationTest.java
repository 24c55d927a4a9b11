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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
