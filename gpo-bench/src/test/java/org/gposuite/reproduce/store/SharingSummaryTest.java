package org.gposuite.reproduce.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SharingSummary} of a small hand-written cell: every number worked out by hand below. */
class SharingSummaryTest {
  @TempDir Path cell;

  @Test
  void summarisesAHandCheckedCell() throws Exception {
    Files.createDirectories(cell.resolve("gpo"));
    // 3 policies, iterations 0 and 1: 6 updates
    Files.writeString(cell.resolve("gpo/curve.csv"), """
        policy,iteration,timesteps,mean_episode_return,episodes,kl,beta,entropy,value_error,wall_seconds
        0,0,10,1,1,0,1,0,0,0
        1,0,10,1,1,0,1,0,0,0
        2,0,10,1,1,0,1,0,0,0
        0,1,20,1,1,0,1,0,0,0
        1,1,20,1,1,0,1,0,0,0
        2,1,20,1,1,0,1,0,0,0
        """);
    // iteration 0: policy 0 reads 1 and 2, policy 1 reads 0; iteration 1: policy 0 reads 1, leaves 2 out
    Files.writeString(cell.resolve("gpo/sharing.csv"), """
        round,iteration,policy,source,used,kl,ess_fraction,max_weight,beta
        0,0,0,1,true,0.01,0.9,1.5,1.0
        0,0,0,2,true,0.03,0.5,3.0,1.0
        0,0,1,0,true,0.02,0.05,40.0,0.5
        0,1,0,1,true,0.2,0.08,12.0,2.0
        0,1,0,2,false,0.9,0.01,900.0,2.0
        """);
    SharingSummary s = SharingSummary.read(cell).orElseThrow();
    assertEquals(6, s.updates());
    assertEquals(4, s.sharedUsed());
    assertEquals(1, s.sharedDropped());
    assertEquals(4 / 6.0, s.usedPerUpdate(), 1e-15);
    assertEquals((0.02 + 0.03) / 2, s.medianKl(), 1e-15);       // used KLs 0.01, 0.02, 0.03, 0.2
    assertEquals((0.08 + 0.5) / 2, s.medianEss(), 1e-15);       // used ESS 0.05, 0.08, 0.5, 0.9
    assertEquals(0.5, s.lowEssShare(), 1e-15);                  // 0.05 and 0.08 of four
    assertEquals(40.0, s.maxWeight(), 0.0);                     // 900 was left out
    assertEquals(0.5, s.betaMin(), 0.0);
    assertEquals(2.0, s.betaMax(), 0.0);
    assertEquals(2, s.iterations().size());
    SharingSummary.Iteration first = s.iterations().get(0), second = s.iterations().get(1);
    assertEquals(0.02, first.meanKl(), 1e-15);
    assertEquals((0.9 + 0.5 + 0.05) / 3, first.meanEss(), 1e-15);
    assertEquals(1.0, first.usedPerPolicy(), 1e-15);            // 3 batches read by 3 policies
    assertEquals(0.2, second.meanKl(), 1e-15);
    assertEquals(1 / 3.0, second.usedPerPolicy(), 1e-15);
  }

  @Test
  void aCellWithoutSharingCsvHasNoSummary() throws Exception {
    assertTrue(SharingSummary.read(cell).isEmpty());
  }
}
