package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, small items: a GPO cell that resumes from its checkpoint knows the rounds and steps behind it, to say so;
 * and its progress line names the phase it is in.
 */
class GpoResumePointTest {
  @Test
  void theResumePointIsTheCheckpointsLastRound(@TempDir Path gpo) throws Exception {
    Files.writeString(gpo.resolve("rounds.csv"), "round,config_hash,steps_used\n0,abc,5000\n1,abc,10240\n");
    assertEquals(Optional.empty(), GpoRunner.resumePoint(gpo), "no checkpoint: the cell starts fresh");
    Files.write(gpo.resolve("checkpoint.bin"), new byte[] {1, 2, 3});
    assertEquals(Optional.of(new GpoRunner.ResumePoint(2, 10240)), GpoRunner.resumePoint(gpo));
    Files.writeString(gpo.resolve("rounds.csv"), "round,config_hash,steps_used\n0,abc,not a number\n");
    assertEquals(Optional.empty(), GpoRunner.resumePoint(gpo), "unreadable: no message, no failure");
  }

  /** Gpo.run records the children's final mutation as round k: the progress line read "round 13/12 mutate". */
  @Test
  void theFinalMutationIsNamedAsSuchNotAsARoundBeyondTheLast() {
    assertEquals("round 1/12 mutate, iteration 1", GpoRunner.mutatePhase(0, 12, 0));
    assertEquals("round 12/12 mutate, iteration 36", GpoRunner.mutatePhase(11, 12, 35));
    assertEquals("final mutate, iteration 2", GpoRunner.mutatePhase(12, 12, 1));
  }
}
