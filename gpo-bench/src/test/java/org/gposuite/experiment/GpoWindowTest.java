package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.junit.jupiter.api.Test;

/** A GPO policy's trajectory window must hold complete episodes of tasks that never end early. */
class GpoWindowTest {
  static int window(int horizon, int batch) {
    Budget p = Budget.PAPER;
    Budget b = new Budget(p.totalSteps(), p.population(), p.rounds(), horizon, batch, p.jointBatch(), p.evalEpisodes(),
        p.piSEpochs(), p.daggerInitial(), p.daggerIterations(), p.daggerPerIteration(), p.daggerEpochs());
    return GpoRunner.config(new CellSpec(Algorithm.PPO, "HalfCheetah", "GPO", 1, b, Settings.DEFAULT, List.of()), "GPO", false)
        .mutation().windowBatches();
  }

  @Test
  void windowSpansTwoHorizonsPerEnvCopy() {
    // 2048 steps over 8 copies = 256 per copy and batch: two horizons of 512 fit in the default 5 batches,
    assertEquals(5, window(512, 2048));
    // two of 1024 need 8 batches (5 x 256 = 1,280 steps held no complete 1024-step episode),
    assertEquals(8, window(1024, 2048));
    // and a batch of 1024 (Fig. 10's population 8 at medium) needs 8 for a horizon of 512.
    assertEquals(8, window(512, 1024));
  }
}
