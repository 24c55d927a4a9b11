package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.plan.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gym's -v1 tasks (Fig. 9) through the harness's names and the engine's runners: the names
 * resolve whatever their case, the harness and the engine agree on them, and GPO and Joint cells
 * run on one at the paper's longer horizon (1024) with a smoke-sized budget.
 */
class GymTasksRunTest {
  @Test
  void namesResolveCaseInsensitivelyAndMatchTheEngine() {
    assertEquals(org.gposuite.env.Tasks.gymNames(), Catalogue.GYM_TASKS);
    assertEquals(org.gposuite.env.Tasks.names(), Catalogue.TASKS);
    assertEquals("HalfCheetah-v1", Catalogue.requireTask("halfcheetah-V1"));
    assertEquals("Hopper-v1", Catalogue.requireTask(" HOPPER-v1 "));
    assertEquals("Walker2d-v1", Catalogue.requireTask("walker2d-v1"));
    assertEquals("Walker2d", Catalogue.requireTask("walker2d"), "the rllab names are unchanged");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.requireTask("Hopper-v2"));
    assertTrue(e.getMessage().contains("Hopper-v2") && e.getMessage().contains("Walker2d-v1")
        && e.getMessage().contains("Swimmer"), e.getMessage());
  }

  @Test
  void gpoAndJointRunOnAGymTaskAtHorizon1024(@TempDir Path tmp) throws Exception {
    String task = Catalogue.requireTask("hopper-v1");
    // The smoke profile's budget, halved, at Fig. 9's longer horizon.
    Budget b = new Budget(10_000, 2, 2, 1024, 1000, 2000, 2, 5, 500, 2, 250, 2);
    for (String method : List.of("GPO", "Joint")) {
      CellSpec cell = new CellSpec(Algorithm.PPO, task, method, 1, b, Settings.DEFAULT, List.of());
      Path dir = Files.createDirectories(tmp.resolve(method));
      CellResult r = method.equals("GPO")
          ? GpoRunner.variant("GPO").run(cell, dir, Progress.NONE)
          : new BaselineRunner(true).run(cell, dir, Progress.NONE);
      System.out.printf("%s on %s, horizon %d: return %.1f, %d steps%n", method, task, b.horizon(),
          r.finalReturn(), r.stepsUsed());
      assertTrue(Double.isFinite(r.finalReturn()), method + " return");
      assertTrue(r.stepsUsed() > 0.5 * b.totalSteps() && r.stepsUsed() < 2 * b.totalSteps(),
          method + " steps " + r.stepsUsed());
    }
  }
}
