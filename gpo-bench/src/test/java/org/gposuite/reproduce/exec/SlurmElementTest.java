package org.gposuite.reproduce.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Slurm element's life cycle without a cluster: Slurm's variables and scontrol are the test's
 * (SlurmClusterTest runs the same code under a real Slurm).
 */
class SlurmElementTest {
  private static final Executor.Cell CELL = new Executor.Cell(0, new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1,
      new Budget(1000, 2, 1, 10, 100, 200, 1, 1, 4, 1, 4, 1), Settings.DEFAULT, List.of()), 1);

  /** Records what the element asked of Slurm; scontrol exits with {@code rc}. */
  private static final class FakeSlurm implements SlurmElement.Control {
    final List<String> calls = new ArrayList<>();
    final int rc;

    FakeSlurm(int rc) {
      this.rc = rc;
    }

    @Override
    public void handleUsr1() {
      calls.add("usr1");
    }

    @Override
    public int requeue(String jobId) {
      calls.add("requeue " + jobId);
      return rc;
    }
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String log() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final Executor.Compute STOPS = c -> {
    throw new Preemption.Stop("after round 2/4");
  };

  @Test
  void aCellStoppedOnUsr1RequeuesItsJobAndCountsTheRestart() throws Exception {
    FakeSlurm slurm = new FakeSlurm(0);
    SlurmElement e = new SlurmElement(log, Map.of("SLURM_JOB_ID", "42", "SLURM_RESTART_COUNT", "1",
        "GPOSUITE_MAX_REQUEUES", "3"), slurm);
    assertEquals(SlurmElement.Outcome.REQUEUED, e.run(CELL, STOPS));
    assertEquals(List.of("usr1", "requeue 42"), slurm.calls);
    assertTrue(log().contains("element: PPO/Swimmer/GPO/seed-1 stopped at a checkpoint (after round 2/4) on Slurm's USR1;"
        + " requeueing job 42 (restart 2 of at most 3)"), log());
  }

  @Test
  void pastTheCapTheElementFailsWithoutRequeueing() throws Exception {
    FakeSlurm slurm = new FakeSlurm(0);
    SlurmElement e = new SlurmElement(log, Map.of("SLURM_JOB_ID", "42", "SLURM_RESTART_COUNT", "5"), slurm);
    assertEquals(SlurmElement.Outcome.FAILED, e.run(CELL, STOPS));
    assertEquals(List.of("usr1"), slurm.calls);
    assertTrue(log().contains("not requeued: restarted 5 times already (cap 5)"), log());
  }

  @Test
  void aFailedScontrolFailsTheElement() throws Exception {
    SlurmElement e = new SlurmElement(log, Map.of("SLURM_JOB_ID", "7"), new FakeSlurm(1));
    assertEquals(SlurmElement.Outcome.FAILED, e.run(CELL, STOPS));
    assertTrue(log().contains("element: scontrol requeue 7 failed (exit 1); the CLI resubmits the cell"), log());
  }

  @Test
  void outsideSlurmNoSignalIsHandledAndTheCellsOutcomeIsTheElements() throws Exception {
    FakeSlurm slurm = new FakeSlurm(0);
    SlurmElement e = new SlurmElement(log, Map.of(), slurm);
    assertEquals(SlurmElement.Outcome.FINISHED, e.run(CELL, c -> Optional.empty()));
    assertEquals(SlurmElement.Outcome.FAILED, e.run(CELL, c -> Optional.of("boom")));
    assertEquals(List.of(), slurm.calls);
    assertTrue(log().contains("element: PPO/Swimmer/GPO/seed-1 FAILED: boom"), log());
  }

  @Test
  void theManifestMustNameTheSameCellAtTheIndex(@TempDir Path run) throws Exception {
    assertEquals(Optional.empty(), SlurmElement.manifestDisagrees(run, 0, "PPO/Swimmer/GPO/seed-1"));
    Files.createDirectories(run.resolve("slurm"));
    Files.writeString(run.resolve("slurm/manifest.tsv"), SlurmJob.manifest(List.of("PPO/Swimmer/GPO/seed-1", "PPO/Swimmer/Single/seed-1")));
    assertEquals(Optional.empty(), SlurmElement.manifestDisagrees(run, 0, "PPO/Swimmer/GPO/seed-1"));
    assertEquals(Optional.of("--run-cell 1 is PPO/Swimmer/GPO/seed-1 in this plan but PPO/Swimmer/Single/seed-1 in "
        + run.resolve("slurm/manifest.tsv")), SlurmElement.manifestDisagrees(run, 1, "PPO/Swimmer/GPO/seed-1"));
  }
}
