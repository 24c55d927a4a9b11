package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Holm's correction on hand-worked families. */
class ClaimsTest {
  /**
   * Four p-values at 5%: sorted 0.005 < 0.05 / 4, 0.01 < 0.05 / 3, then 0.03 is not below 0.05 / 2 = 0.025, so it
   * and everything after it stand unrejected, 0.04 included although it is below 0.05 on its own.
   */
  @Test
  void holmStepsDownAndStopsAtTheFirstFailure() {
    assertArrayEquals(new boolean[] {true, false, false, true}, Claims.holm(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05));
  }

  /** One test is its own family: Holm is the single test. A family all below alpha / m is rejected whole. */
  @Test
  void oneTestOrAllSmallPValues() {
    assertArrayEquals(new boolean[] {true}, Claims.holm(new double[] {0.049}, 0.05));
    assertArrayEquals(new boolean[] {false}, Claims.holm(new double[] {0.05}, 0.05));
    assertArrayEquals(new boolean[] {true, true, true}, Claims.holm(new double[] {0.016, 0.001, 0.02}, 0.05));
    assertArrayEquals(new boolean[0], Claims.holm(new double[0], 0.05));
  }
}
