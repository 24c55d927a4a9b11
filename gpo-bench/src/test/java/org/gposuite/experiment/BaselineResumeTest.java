package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.store.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Single cell cut off in its second policy (a killed session, a lost node) resumes after its
 * first, says so, and ends with the result of a cell never cut off. Single and Joint cells once
 * restarted from scratch: up to 20 minutes lost per A2C cell at the paper's scale.
 */
class BaselineResumeTest {
  @Test
  void aSingleCellCutOffInItsSecondPolicyResumesAfterItsFirstWithTheSameResult(@TempDir Path tmp) throws Exception {
    Budget b = new Budget(3 * 2 * 512, 2, 1, 100, 512, 1024, 2, 5, 500, 2, 250, 2);
    CellSpec cell = new CellSpec(Algorithm.PPO, "Swimmer", "Single", 1, b, Settings.DEFAULT, List.of());
    CellResult whole = new BaselineRunner(false).run(cell, Files.createDirectories(tmp.resolve("whole")), Progress.NONE);

    Path dir = Files.createDirectories(tmp.resolve("cut"));
    Progress killInPolicy2 = (steps, phase) -> {
      if (phase.startsWith("Single policy 2/2, iteration 2")) throw new IllegalStateException("killed");
    };
    assertThrows(IllegalStateException.class, () -> new BaselineRunner(false).run(cell, dir, killInPolicy2));
    List<String> said = new ArrayList<>();
    CellResult resumed = new BaselineRunner(false).run(cell, dir, new Progress() {
      @Override public void update(long steps, String phase) { said.add(phase); }
      @Override public void resumed(long steps, String from) { said.add("resumed " + from + " at " + steps); }
    });
    assertEquals("resumed after policy 1/2 at 1536", said.get(1), String.join("\n", said));
    assertTrue(said.stream().noneMatch(s -> s.startsWith("Single policy 1/2")), "policy 1 is not trained again");
    assertEquals(whole.finalReturn(), resumed.finalReturn(), 0.0);
    assertEquals(whole.stepsUsed(), resumed.stepsUsed());
    assertEquals(whole.curve(), resumed.curve());
  }
}
