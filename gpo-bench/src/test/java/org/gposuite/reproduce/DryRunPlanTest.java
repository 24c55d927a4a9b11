package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 8: --dry-run plans exactly the cells the run computes. A run on DL4J's networks is
 * compared statistically, so each group runs the seeds of its reference in smoke/spread.csv (40 for
 * GPO on Swimmer), not the profile's 2; the dry run must say so, not understate the run 20x.
 */
class DryRunPlanTest {
  static final List<String> STATISTICAL = List.of("--profile", "smoke", "--tables", "1", "--tasks", "Swimmer",
      "--methods", "GPO", "--networks", "dl4j", "--expected", TestFiles.REPO_EXPECTED.toString());

  static int plannedCells(String output) {
    Matcher m = Pattern.compile("(?m)^profile smoke: (\\d+) cells").matcher(output);
    assertTrue(m.find(), output);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aDryRunOfAStatisticalRunPlansTheCellsTheRunComputes(@TempDir Path tmp) throws Exception {
    ReproduceMainTest.Outcome dry = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(STATISTICAL, "--dry-run"));
    assertEquals(Harness.OK, dry.exit(), dry.out() + dry.err());

    FakeRunner runner = new FakeRunner();
    ReproduceMainTest.Outcome run = ReproduceMainTest.run(runner,
        ReproduceMainTest.args(STATISTICAL, "--out", tmp.resolve("run").toString()));
    assertTrue(runner.calls.get() > 2, "the run grew to the spread's seeds: " + runner.calls.get());
    assertEquals(runner.calls.get(), plannedCells(run.out()), run.out());
    assertEquals(runner.calls.get(), plannedCells(dry.out()), dry.out());
    assertEquals(runner.calls.get(), dry.out().lines().filter(l -> l.startsWith("  PPO/Swimmer/GPO/seed-")).count(),
        "one line per planned cell");
  }
}
