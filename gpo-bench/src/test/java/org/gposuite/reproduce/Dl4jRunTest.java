package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.gposuite.reproduce.store.StoredCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke cell on DL4J's networks end to end, with the real engine: {@code ./reproduce --networks dl4j}
 * runs the smoke profile's PPO/Swimmer/GPO seed 1 (mutation, selection, crossover with pi_S and
 * DAgger, evaluation: every network DL4J's), stores it under its own config hash, and compares it
 * with expected-results/smoke statistically. Its first iteration starts where ours does: the same
 * initial parameters, the same seeds, networks equal to float rounding, so the population's mean
 * return of iteration 1 agrees to a relative 1e-5 (measured: 1.5e-8) and that of iteration 2 to 1%
 * (measured: 1e-5); later iterations drift apart as rollouts amplify the last-digit differences
 * (iteration 3: 1e-3, iteration 4: 2.5e-2).
 */
class Dl4jRunTest {
  @Test
  void aSmokeGpoCellRunsOnDl4jAndStartsWhereOursDoes(@TempDir Path tmp) throws Exception {
    RunnerRegistry engine = RunnerRegistry.fromServiceLoader();
    Budget smoke = ProfileLoader.load("smoke").budget();
    CellSpec oursCell = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, smoke, Settings.DEFAULT, List.of());
    CellResult ours = engine.require("GPO").run(oursCell, Files.createDirectories(tmp.resolve("ours")), Progress.NONE);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path run = tmp.resolve("dl4j");
    int exit = ReproduceMain.run(new String[] {"--profile", "smoke", "--tables", "1", "--tasks", "Swimmer", "--methods", "GPO",
        "--seeds", "1", "--networks", "dl4j", "--out", run.toString(), "--expected", TestFiles.REPO_EXPECTED.toAbsolutePath().toString()},
        Path.of("").toAbsolutePath(), engine, log, log);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(exit == Harness.OK || exit == Harness.DIFFERS, "the DL4J cell ran and was compared (exit " + exit + "):\n" + out);

    CellSpec dl4jCell = new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, smoke, Settings.DEFAULT.withNetworks(NetworkBackend.DL4J), List.of());
    StoredCell stored = new CellStore(run).load(dl4jCell).orElseThrow(() -> new AssertionError("no DL4J result:\n" + out));
    assertEquals(NetworkBackend.DL4J, stored.record().settings().networks());
    assertNotEquals(oursCell.configHash(), stored.record().configHash());
    assertTrue(out.contains("comparison: the run's cells ran on DL4J's networks"), out);
    assertTrue(out.lines().anyMatch(l -> l.contains("PPO/Swimmer/GPO") && l.contains("on DL4J's networks")
        && !l.startsWith("CONFIG_CHANGED") && !l.startsWith("SAME")), out);

    assertEquals(ours.stepsUsed(), stored.record().stepsUsed(), "the same budget spent the same way");
    assertTrue(Double.isFinite(stored.record().finalReturn()));
    List<CurvePoint> a = ours.curve(), b = stored.curve();
    assertEquals(a.size(), b.size(), "the same iterations");
    for (int i = 0; i < 2; i++) {
      double tolerance = (i == 0 ? 1e-5 : 1e-2) * Math.abs(a.get(i).averageReturn());
      assertEquals(a.get(i).steps(), b.get(i).steps());
      assertEquals(a.get(i).averageReturn(), b.get(i).averageReturn(), tolerance, "iteration " + (i + 1) + "'s mean return");
    }
  }
}
