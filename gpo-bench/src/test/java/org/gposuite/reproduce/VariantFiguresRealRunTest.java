package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figs. 7, 10 and 9 end to end on the real engine, one seed and tiny budgets (82k steps in all,
 * seconds on 2 cores): GPO at populations 2 and 4 on Swimmer at the same steps per policy and at
 * equal total steps, GPO and Joint on Hopper-v1 at horizons 50 and 100. (Swimmer never ends an episode early: at
 * population 4 and equal steps, a policy's batches in a round must add up to one horizon per env
 * copy for its fitness, hence the short horizon and small DAgger.) Checks that every
 * variant's budget reaches the engine (steps used per cell) and that figures and report come out.
 */
class VariantFiguresRealRunTest {
  static final String PROFILE = """
      description = Figs. 7, 9, 10 on the real engine, tiny
      tasks = Swimmer
      seeds = 1
      tables = 1
      figures = 7, 9, 10
      fig3a_task = Swimmer
      fig5_tasks = Swimmer
      fig7_task = Swimmer
      fig7_populations = 2, 4
      fig9_tasks = Hopper-v1
      fig9_horizons = 50, 100
      assumed_steps_per_second = 15000
      total_steps = 10_240
      population = 2
      rounds = 2
      horizon = 50
      batch_per_policy = 512
      joint_batch = 1024
      eval_episodes = 2
      pi_s_epochs = 5
      dagger_initial = 200
      dagger_iterations = 1
      dagger_per_iteration = 100
      dagger_epochs = 2
      """;

  @Test
  void eachFigureRunsOnTheEngine(@TempDir Path tmp) throws Exception {
    Profile p = ProfileLoader.parse("tiny-figs", "tiny-figs.profile", PROFILE);
    CellSelection figuresOnly = new CellSelection(java.util.Set.of(Experiment.FIGURE_7, Experiment.FIGURE_9, Experiment.FIGURE_10),
        java.util.Set.of(), java.util.Set.of(), java.util.Optional.empty(), java.util.Optional.empty(), new java.util.TreeMap<>());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Harness h = new Harness(RunnerRegistry.fromServiceLoader(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Path run = tmp.resolve("run");
    int exit = h.run(new Harness.Options(p, figuresOnly, run, TestFiles.scratchExpected(tmp), tmp, false, false));
    String log = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(log);
    assertEquals(Harness.OK, exit, log);
    List<CellRecord> rows = CellsCsv.read(run.resolve("cells.csv"));
    assertEquals(7, rows.size(), rows.toString());
    for (CellRecord r : rows) {
      long budget = r.id().contains("@pop4/") ? 20_480 : 10_240;
      assertTrue(r.stepsUsed() > 0.5 * budget && r.stepsUsed() <= budget + 4 * 512, r.id() + " used " + r.stepsUsed());
      assertTrue(Double.isFinite(r.finalReturn()), r.id());
    }
    for (String plot : List.of("fig7-PPO-Swimmer.png", "fig10-PPO-Swimmer.png", "fig9-PPO-Hopper-v1-T50.png",
        "fig9-PPO-Hopper-v1-T100.png")) {
      assertTrue(Files.isRegularFile(run.resolve("plots").resolve(plot)), plot);
    }
    String report = Files.readString(run.resolve("report.md"));
    assertTrue(report.contains("## " + Experiment.FIGURE_7.title()) && report.contains("## " + Experiment.FIGURE_10.title())
        && report.contains("## " + Experiment.FIGURE_9.title()), report);
  }
}
