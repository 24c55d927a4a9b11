package org.gposuite.reproduce.report.aggregate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.Algorithm;
import org.junit.jupiter.api.Test;

/** Scores: 0 at the random policy's return, 1 at the paper's Single of the same table. */
class NormalisationTest {
  static final Path EXPECTED = Path.of("..", "expected-results");

  static RandomReturns random(double walker, double cheetah) {
    return new RandomReturns(Map.of(
        "Walker2d", new RandomReturns.Row("Walker2d", 100, walker, 5, 512, 20),
        "HalfCheetah", new RandomReturns.Row("HalfCheetah", 100, cheetah, 20, 512, 20)));
  }

  @Test
  void zeroAtRandomOneAtThePapersSingleOfTheSameTable() throws Exception {
    PaperData paper = PaperData.load(EXPECTED);
    Normalisation ppo = new Normalisation(Algorithm.PPO, paper, random(-2, -100));
    // Table 1 Walker2d Single 540.93: (540.93 + 2) / (540.93 + 2) = 1; GPO 1464.6: (1464.6 + 2) / 542.93
    assertEquals(1.0, ppo.score("Walker2d", 540.93).getAsDouble(), 1e-12);
    assertEquals(0.0, ppo.score("Walker2d", -2).getAsDouble(), 1e-12);
    assertEquals(1466.6 / 542.93, ppo.score("Walker2d", 1464.6).getAsDouble(), 1e-12);
    // Table 2 (A2C) has its own Single: HalfCheetah 956.84
    Normalisation a2c = new Normalisation(Algorithm.A2C, paper, random(-2, -100));
    assertEquals(0.5, a2c.score("HalfCheetah", (956.84 - 100) / 2).getAsDouble(), 1e-12);
    assertTrue(ppo.score("Hopper", 100).isEmpty(), "no random return measured for Hopper here: no score");
  }

  @Test
  void scoresPerTaskAndThePapersMeansAsOneRunPerTask() throws Exception {
    Normalisation ppo = new Normalisation(Algorithm.PPO, PaperData.load(EXPECTED), random(0, 0));
    TaskScores ours = ppo.scores(List.of("Walker2d", "Hopper", "HalfCheetah"), "GPO",
        (task, method) -> task.equals("Walker2d") ? new double[] {540.93, 1081.86} : new double[] {1523.52});
    assertEquals(List.of("Walker2d", "HalfCheetah"), List.copyOf(ours.byTask().keySet()), "Hopper has no random reference");
    assertArrayEquals(new double[] {1, 2}, ours.byTask().get("Walker2d"), 1e-12);
    assertArrayEquals(new double[] {1}, ours.byTask().get("HalfCheetah"), 1e-12);
    TaskScores paperSingle = ppo.paperScores(List.of("Walker2d", "HalfCheetah"), "Single");
    assertArrayEquals(new double[] {1, 1}, paperSingle.pooled(), 1e-12, "the paper's Single is 1 by construction");
    assertTrue(paperSingle.oneRunPerTask());
  }
}
