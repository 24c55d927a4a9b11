package org.gposuite.reproduce.report.aggregate;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregate metrics against small cases worked by hand. */
class AggregateScoresTest {
  static TaskScores scores(Object... taskThenRuns) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < taskThenRuns.length; i += 2) m.put((String) taskThenRuns[i], (double[]) taskThenRuns[i + 1]);
    return new TaskScores(m);
  }

  @Test
  void iqmCutsAQuarterOfTheRunsFromEachEndInWholeRuns() {
    // n = 8: cut 2 a side, mean of 3, 4, 5, 6
    assertEquals(4.5, AggregateScores.iqm(new double[] {8, 1, 7, 2, 6, 3, 5, 4}), 1e-12);
    // n = 9: floor(9 / 4) = 2 a side (scipy's trim_mean(x, 0.25)), mean of the middle five 3, 4, 6, 7, 8 = 28 / 5;
    // the outlier 100 does not count
    assertEquals(5.6, AggregateScores.iqm(new double[] {9, 1, 8, 2, 7, 3, 6, 4, 100}), 1e-12);
    // n = 5: cut 1 a side: (1 + 2 + 3) / 3
    assertEquals(2.0, AggregateScores.iqm(new double[] {10, 0, 1, 2, 3}), 1e-12);
    // n = 3: floor(0.75) = 0, nothing cut: the plain mean
    assertEquals(11.0, AggregateScores.iqm(new double[] {1, 2, 30}), 1e-12);
  }

  @Test
  void medianMeanGapAndProfileByHand() {
    assertEquals(2.0, AggregateScores.median(new double[] {3, 1, 2}), 0);
    assertEquals(2.5, AggregateScores.median(new double[] {4, 1, 3, 2}), 0);
    assertEquals(2.5, AggregateScores.mean(new double[] {4, 1, 3, 2}), 0);
    // max(0, 1 - x): 0.5, 0, 1, 0
    assertEquals(0.375, AggregateScores.optimalityGap(new double[] {0.5, 1.2, 0.0, 1}), 1e-12);
    // strictly above: only 2 is above 1
    assertEquals(0.25, AggregateScores.fractionAbove(new double[] {0, 1, 1, 2}, 1.0), 0);
    assertEquals(0.75, AggregateScores.fractionAbove(new double[] {0, 1, 1, 2}, 0.5), 0);
    assertThrows(IllegalArgumentException.class, () -> AggregateScores.iqm(new double[0]));
  }

  @Test
  void mannWhitneyCountsTiesAsHalf() {
    double[] x = {1, 2, 3}, y = {2, 2, 4};
    // x = 1 beats nothing; x = 2 ties twice (1/2 + 1/2); x = 3 beats both 2s: U = 3 of 9 pairs
    assertEquals(1.0 / 3, AggregateScores.probabilityGreater(x, y), 1e-12);
    assertEquals(1.0, AggregateScores.probabilityGreater(x, y) + AggregateScores.probabilityGreater(y, x), 1e-12,
        "P(X > Y) + P(Y > X) = 1 with ties split");
    assertEquals(0.5, AggregateScores.probabilityGreater(new double[] {7, 7}, new double[] {7}), 0, "all tied");
  }

  @Test
  void probabilityOfImprovementAveragesTasksBothRanOnEqually() {
    TaskScores x = scores("A", new double[] {1, 2, 3}, "B", new double[] {5}, "C", new double[] {9, 9});
    TaskScores y = scores("A", new double[] {2, 2, 4}, "B", new double[] {1, 1, 1, 1});
    // A: 1/3, B: 1 (one run of X against four: the task still weighs one); C: Y has no runs there, left out
    assertEquals((1.0 / 3 + 1) / 2, AggregateScores.probabilityOfImprovement(x, y), 1e-12);
    assertTrue(Double.isNaN(AggregateScores.probabilityOfImprovement(x, scores("D", new double[] {1}))), "no common task");
  }

  @Test
  void tasksWithoutRunsAreNotStrataAndPoolingFollowsTaskOrder() {
    TaskScores s = scores("A", new double[] {1, 2}, "B", new double[0], "C", new double[] {3});
    assertEquals(java.util.List.of("A", "C"), java.util.List.copyOf(s.byTask().keySet()));
    assertArrayEquals(new double[] {1, 2, 3}, s.pooled(), 0);
    assertEquals(3, s.runs());
    assertFalse(s.oneRunPerTask());
  }
}
