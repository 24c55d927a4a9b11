package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.gposuite.env.TaskConfig;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.VecEnvAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short seeded GPO run on InvertedDoublePendulum (PPO mutation, all of C, S, M): population 4,
 * 3 rounds of 6 iterations of 2048 steps per policy, crossover shrunk to 20 pi_S epochs and
 * 2000 + 5 x 200 DAgger steps; ~183k steps in all. A fresh policy balances for ~15 steps (return
 * ~150, see pg.LearningTest). Over the same span of steps per policy (12k -> 36k) a single PPO policy with
 * this seed goes from ~250 to ~480 (pg.LearningTest's printout), i.e. ~1.9x; GPO, which also spends steps
 * on DAgger, must raise the population's best fitness return by at least 1.5x from the first round to the
 * last, and the final best policy (pg Evaluation) must beat the first round's best.
 * Prints the per-round rows and the wall-clock split used in the report.
 */
class GpoLearningTest {
  @TempDir Path tmp;

  @Test
  void shortGpoRunImprovesTheBestReturnOverItsFirstRound() {
    GpoConfig cfg = GpoConfig.paperPpo(3)
        .withScale(4, 3, 3 * (4L * 6 * 2048 + 4 * 3000))
        .withCrossover(c -> c.withSizes(20, 2000, 5, 200, 10, 4))
        .withMutation(m -> m.withWindowBatches(2))
        .withEvaluation(new DiagnosticsSection(3, true), 5)
        .withThreads(2);
    GpoResult r = Gpo.run(cfg, VecEnvAdapter.factory(TaskConfig.of("InvertedDoublePendulum"), 1), tmp, new ProgressListener() {
      @Override
      public void roundDone(RoundRow row) { System.out.println(row); }
    });
    r.couples().forEach(System.out::println);
    GpoResult.WallClock w = r.wallClock();
    System.out.printf("wall-clock: mutate %.1fs (%.0f%%), select %.2fs (%.1f%%), crossover %.1fs (%.0f%%), diagnostics %.1fs, steps %d%n",
        w.mutateSeconds(), 100 * w.mutateShare(), w.selectSeconds(), 100 * w.selectShare(), w.crossoverSeconds(), 100 * w.crossoverShare(),
        w.evaluateSeconds(), r.stepsUsed());
    double first = r.rounds().get(0).bestFitnessReturn(), last = r.rounds().get(2).bestFitnessReturn();
    System.out.printf("best fitness return: round 0 %.1f, round 2 %.1f; final best eval %.1f%n", first, last, r.best().report().mean());
    assertTrue(last >= 1.5 * first, "best return went from " + first + " to " + last);
    assertTrue(r.best().report().mean() > first, "final best " + r.best().report().mean() + " vs first round " + first);
    assertTrue(r.stepsUsed() <= cfg.totalSteps());
  }
}
