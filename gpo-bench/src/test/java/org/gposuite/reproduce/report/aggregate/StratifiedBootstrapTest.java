package org.gposuite.reproduce.report.aggregate;

import static org.gposuite.reproduce.report.aggregate.AggregateScoresTest.scores;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stratified bootstrap: resamples stay inside their task, intervals are percentiles, and a seed fixes them. */
class StratifiedBootstrapTest {
  static final StratifiedBootstrap BOOT = StratifiedBootstrap.DEFAULT;

  @Test
  void aResampleNeverMixesTasksAndKeepsTheirRunCounts() {
    // Task A's runs are all 1, so any resample of A is [1, 1, 1]; B's runs are 0 and 10.
    TaskScores s = scores("A", new double[] {1, 1, 1}, "B", new double[] {0, 10});
    SplittableRandom rng = new SplittableRandom(1);
    Set<Double> means = new HashSet<>();
    for (int r = 0; r < 500; r++) {
      TaskScores drawn = StratifiedBootstrap.resample(s, rng);
      assertArrayEquals(new double[] {1, 1, 1}, drawn.byTask().get("A"), 0, "A's resample is fixed");
      double[] b = drawn.byTask().get("B");
      assertEquals(2, b.length);
      for (double v : b) assertTrue(v == 0 || v == 10, "B draws only B's runs: " + v);
      means.add(AggregateScores.mean(drawn.pooled()));
    }
    // pooled mean = (3 + b1 + b2) / 5 with b1, b2 in {0, 10}: only 0.6, 2.6, 4.6 (a mixed resample would give others)
    assertEquals(Set.of(0.6, 2.6, 4.6), means);
    // each of 0.6 and 4.6 comes with probability 1/4, so the 2.5% and 97.5% percentiles are exactly those
    Estimate e = BOOT.pooled(s, AggregateScores::mean);
    assertEquals(2.6, e.point(), 1e-12);
    assertEquals(0.6, e.low(), 1e-12);
    assertEquals(4.6, e.high(), 1e-12);
  }

  @Test
  void oneRunPerTaskLeavesNothingToRedraw() {
    TaskScores paperLike = scores("A", new double[] {0.8}, "B", new double[] {1.7}, "C", new double[] {1.1});
    assertTrue(paperLike.oneRunPerTask());
    Estimate iqm = BOOT.pooled(paperLike, AggregateScores::iqm);
    assertEquals(new Estimate(iqm.point(), iqm.point(), iqm.point()), iqm);
    assertFalse(iqm.hasSpread());
    Estimate p = BOOT.improvement(paperLike, scores("A", new double[] {1.0}, "B", new double[] {1.0}));
    assertEquals(0.5, p.point(), 0, "A lost, B won, C not shared");
    assertFalse(p.hasSpread());
  }

  @Test
  void intervalsContainTheirPointEstimates() {
    TaskScores x = scores("A", new double[] {0.2, 0.9, 1.4, 1.1, 0.7, 2.3, 1.0, 0.5},
        "B", new double[] {1.5, 1.2, 0.3, 2.0, 1.7, 0.9, 1.1, 1.3});
    TaskScores y = scores("A", new double[] {0.8, 1.0, 1.2, 0.6, 0.9, 1.1, 1.0, 0.95},
        "B", new double[] {1.0, 0.7, 1.1, 1.3, 0.8, 1.2, 0.9, 1.0});
    for (AggregateScores.Metric m : AggregateScores.Metric.values()) {
      Estimate e = BOOT.pooled(x, m::of);
      assertEquals(m.of(x.pooled()), e.point(), 0, m.label());
      assertTrue(e.low() <= e.point() && e.point() <= e.high(), m.label() + ": " + e);
      assertTrue(e.hasSpread(), m.label() + " varies over resamples: " + e);
    }
    Estimate p = BOOT.improvement(x, y);
    assertTrue(p.low() <= p.point() && p.point() <= p.high() && p.hasSpread(), p.toString());
    assertTrue(p.low() >= 0 && p.high() <= 1, p.toString());
  }

  @Test
  void aFixedSeedGivesTheSameIntervalAndAnotherSeedAnother() {
    TaskScores x = scores("A", new double[] {0.2, 0.9, 1.4, 1.1, 0.7}, "B", new double[] {1.5, 1.2, 0.3});
    Estimate first = BOOT.pooled(x, AggregateScores::iqm);
    assertEquals(first, BOOT.pooled(x, AggregateScores::iqm), "same seed, same interval");
    assertEquals(first, new StratifiedBootstrap(2_000, 2021).pooled(x, AggregateScores::iqm), "a fresh bootstrap too");
    assertNotEquals(first, new StratifiedBootstrap(2_000, 7).pooled(x, AggregateScores::iqm), "another seed, other draws");
    Estimate[] band = BOOT.profile(x, new double[] {0.5, 1.0});
    assertArrayEquals(band, BOOT.profile(x, new double[] {0.5, 1.0}));
  }

  @Test
  void percentilesInterpolateBetweenRanksAsNumpy() {
    double[] sorted = {1, 2, 3, 4, 5};
    // numpy.percentile([1..5], 2.5) = 1 + 0.1, (97.5) = 4.9, (50) = 3
    assertEquals(1.1, StratifiedBootstrap.percentile(sorted, 0.025), 1e-12);
    assertEquals(4.9, StratifiedBootstrap.percentile(sorted, 0.975), 1e-12);
    assertEquals(3.0, StratifiedBootstrap.percentile(sorted, 0.5), 0);
    assertEquals(5.0, StratifiedBootstrap.percentile(new double[] {5}, 0.975), 0);
  }

  @Test
  void theProfileBandFollowsThePooledFractionAbove() {
    TaskScores s = scores("A", new double[] {0, 1, 2, 3}, "B", new double[] {1, 1});
    double[] taus = {-1, 0.5, 1, 5};
    Estimate[] band = BOOT.profile(s, taus);
    assertEquals(1.0, band[0].point(), 0);
    assertEquals(5.0 / 6, band[1].point(), 1e-12, "0.5 < 1, 2, 3, 1, 1: five of six runs");
    assertEquals(2.0 / 6, band[2].point(), 1e-12, "only 2 and 3 are strictly above 1");
    assertEquals(new Estimate(0, 0, 0), band[3]);
    for (Estimate e : band) assertTrue(e.low() <= e.point() && e.point() <= e.high(), e.toString());
  }
}
