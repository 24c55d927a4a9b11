package org.gposuite.reproduce.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
  // Reference p-values from scipy 1.17.1:
  // stats.ttest_ind(a, b, equal_var=False, alternative='less').pvalue
  @Test
  void welchMatchesScipy() {
    assertEquals(0.00503847167399443,
        Stats.welchLowerP(new double[] {1, 2, 3}, new double[] {4, 5, 6, 7}), 1e-9);
    assertEquals(0.320906737873761,
        Stats.welchLowerP(new double[] {10.0, 12.5, 11.0}, new double[] {10.5, 11.0, 13.0, 12.0}), 1e-9);
  }

  @Test
  void welchIsOneSided() {
    double[] low = {1, 2, 3};
    double[] high = {4, 5, 6, 7};
    assertEquals(1.0, Stats.welchLowerP(low, high) + Stats.welchLowerP(high, low), 1e-12);
  }

  @Test
  void welchWithoutSpreadDecidesByTheMeans() {
    assertEquals(0.0, Stats.welchLowerP(new double[] {1, 1}, new double[] {2, 2}));
    assertEquals(1.0, Stats.welchLowerP(new double[] {2, 2}, new double[] {2, 2}));
  }

  @Test
  void welchNeedsTwoValuesPerSide() {
    assertThrows(IllegalArgumentException.class,
        () -> Stats.welchLowerP(new double[] {1}, new double[] {1, 2}));
  }

  @Test
  void stderrIsSampleSdOverRootN() {
    // values 2, 4, 6: sample variance 4, sd 2, se 2/sqrt(3)
    assertEquals(2 / Math.sqrt(3), Stats.stderr(new double[] {2, 4, 6}), 1e-12);
    assertEquals(0.0, Stats.stderr(new double[] {5}));
  }

  @Test
  void medianTakesTheMiddleOrTheMeanOfTheMiddleTwoAndLeavesItsInputAlone() {
    double[] odd = {9, 1, 5};
    assertEquals(5.0, Stats.median(odd));
    assertEquals(9.0, odd[0], "the input is not sorted in place");
    assertEquals(3.5, Stats.median(new double[] {7, 1, 3, 4}));
    assertEquals(Double.NaN, Stats.median(new double[0]));
  }
}
