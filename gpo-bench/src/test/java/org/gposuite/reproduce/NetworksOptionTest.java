package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --networks ours|dl4j} with the fake engine: the one way to choose the networks, checked
 * like every option; a DL4J cell has a config hash of its own while ours keep the hashes the
 * expected results hold; the choice reaches Slurm's elements, the plan and cells.csv; and a DL4J
 * run is compared with the expected results statistically, never bit for bit, and never re-baselined.
 */
class NetworksOptionTest {
  static final List<String> NARROW = ReproduceMainTest.NARROW;

  static String configOf(String planOutput, String cellId) {
    return planOutput.lines().filter(l -> l.startsWith("  " + cellId + "  config ")).findFirst().orElseThrow()
        .split("\\s+")[3];
  }

  @Test
  void dl4jCellsHaveTheirOwnHashAndOursKeepTheStoredOnes() throws Exception {
    ReproduceMainTest.Outcome byDefault = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(NARROW, "--dry-run"));
    ReproduceMainTest.Outcome ours = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(NARROW, "--networks", "ours", "--dry-run"));
    ReproduceMainTest.Outcome dl4j = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(NARROW, "--networks", "DL4J", "--dry-run"));
    for (ReproduceMainTest.Outcome o : List.of(byDefault, ours, dl4j)) assertEquals(Harness.OK, o.exit(), o.err());
    String id = "PPO/Swimmer/GPO/seed-1";
    String stored = CellsCsv.read(TestFiles.REPO_EXPECTED.resolve("smoke/cells.csv")).stream()
        .filter(r -> r.id().equals(id)).findFirst().orElseThrow().configHash();
    assertEquals(stored, configOf(byDefault.out(), id), "the default cell keeps the hash expected-results/smoke holds");
    assertEquals(stored, configOf(ours.out(), id), "--networks ours is the default");
    assertNotEquals(stored, configOf(dl4j.out(), id), "a DL4J cell is another configuration");
    assertTrue(dl4j.out().contains("; networks: DL4J's MultiLayerNetwork (--networks dl4j)\n"), dl4j.out());
    assertFalse(ours.out().contains("networks"), ours.out());
  }

  @Test
  void badValuesAndTheOtherWaysAreRefusedNamingTheOption() throws Exception {
    Map<List<String>, String> bad = Map.of(
        List.of("--networks", "foo"), "error: --networks is ours or dl4j, got \"foo\"",
        List.of("--networks"), "error: --networks needs a value",
        List.of("--set", "networks=dl4j"), "error: \"networks\" is not a setting: choose the networks with --networks ours|dl4j",
        List.of("--networks", "dl4j", "--rebaseline"), "error: --rebaseline writes the expected results, which are our"
            + " networks' bits; a --networks dl4j run is compared with them, never written into them");
    for (Map.Entry<List<String>, String> e : bad.entrySet()) {
      ReproduceMainTest.Outcome o = ReproduceMainTest.run(new FakeRunner(),
          ReproduceMainTest.args(ReproduceMainTest.args(NARROW, e.getKey().toArray(String[]::new)), "--dry-run"));
      assertEquals(Harness.CANNOT_RUN, o.exit(), o.err());
      assertEquals(e.getValue(), o.firstErrorLine(), o.err());
    }
  }

  @Test
  void aProfileCannotChooseTheNetworks(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("p.profile");
    Files.writeString(file, TestFiles.profileText("Swimmer", "Swimmer", 40) + "set.networks = dl4j\n");
    ReproduceMainTest.Outcome o = ReproduceMainTest.run(new FakeRunner(), List.of("--profile", file.toString(), "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit(), o.err());
    assertTrue(o.firstErrorLine().contains("choose the networks with --networks ours|dl4j"), o.err());
  }

  @Test
  void slurmElementsRunOnTheChosenNetworks() {
    List<String> element = ReproduceMain.elementCommand(CommandLine.parse(ReproduceMainTest.args(NARROW, "--networks", "dl4j",
        "--executor", "slurm", "--jobs", "2").toArray(String[]::new), Path.of("/caller"), FakeRunner.registry(new FakeRunner())));
    int at = element.indexOf("--networks");
    assertTrue(at > 0 && element.get(at + 1).equals("dl4j"), "each element plans the CLI's cells, on DL4J: " + element);
  }

  @Test
  void aDl4jRunIsComparedStatisticallyNeverBitForBit(@TempDir Path tmp) throws Exception {
    TestFiles.scratchExpected(tmp);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    FakeRunner runner = new FakeRunner();
    Harness h = new Harness(FakeRunner.registry(runner), log);
    Profile profile = RegressionGateTest.FOUR_SEEDS;
    CellSelection ours = RegressionGateTest.TABLE_1;
    CellSelection dl4j = new CellSelection(ours.experiments(), ours.tasks(), ours.methods(), ours.seeds(), ours.presets(),
        ours.overrides(), NetworkBackend.DL4J);
    assertEquals(Harness.OK, h.run(new Harness.Options(profile, ours, tmp.resolve("baseline-run"), tmp.resolve("expected-results"),
        tmp, true, true)), bytes.toString(StandardCharsets.UTF_8));
    int oursCells = runner.calls.get();

    // A run folder has one identity (issue 21, item 4): DL4J cells never go into ours' folder.
    assertEquals(Harness.CANNOT_RUN, h.run(new Harness.Options(profile, dl4j, tmp.resolve("baseline-run"),
        tmp.resolve("expected-results"), tmp, true, false)), bytes.toString(StandardCharsets.UTF_8));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("computed under other settings ("), bytes.toString(StandardCharsets.UTF_8));
    assertEquals(oursCells, runner.calls.get());

    // The fake engine's numbers do not depend on the networks: exactly what the statistical path must accept.
    bytes.reset();
    assertEquals(Harness.OK, h.run(new Harness.Options(profile, dl4j, tmp.resolve("dl4j-run"), tmp.resolve("expected-results"),
        tmp, true, false)), bytes.toString(StandardCharsets.UTF_8));
    assertEquals(2 * oursCells, runner.calls.get(), "no cell of ours is reused as a DL4J cell");
    String diff = Files.readString(tmp.resolve("dl4j-run/comparison.txt"));
    assertTrue(diff.startsWith("comparison: the run's cells ran on " + Harness.DL4J_NOT_BIT_COMPARABLE
        + "; every group is judged statistically"), diff);
    assertEquals(RegressionGateTest.GROUPS, diff.lines().filter(l -> l.startsWith("WITHIN ") && l.contains(" on DL4J's networks")).count(), diff);
    assertTrue(Files.readString(tmp.resolve("dl4j-run/report.md")).contains("DL4J's networks"));

    List<CellRecord> rows = CellsCsv.read(tmp.resolve("dl4j-run/cells.csv"));
    List<CellRecord> expected = CellsCsv.read(Harness.expectedCells(tmp.resolve("expected-results"), "unit"));
    assertEquals(expected.size(), rows.size());
    for (CellRecord r : rows) {
      assertEquals(NetworkBackend.DL4J, r.settings().networks(), "cells.csv keeps the networks: " + r.id());
      CellRecord twin = expected.stream().filter(e -> e.id().equals(r.id())).findFirst().orElseThrow();
      assertEquals(NetworkBackend.OURS, twin.settings().networks());
      assertNotEquals(twin.configHash(), r.configHash(), r.id());
    }
  }
}
