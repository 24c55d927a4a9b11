package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GaeTest {
  @Test
  void handComputedExampleWithTerminationAndTruncationBootstrap() {
    // Two env copies, three steps, time-major rows t*2+e.
    // Copy 0: steps r = 1, 2, 3; truncated after step 1 (bootstrap V(final) = 10), continues to step 2 (bootstrap V(s_3) = 4).
    // Copy 1: r = 0.5, 1, -1; terminated after step 2 (next value 0), then a new episode's step 3 (bootstrap V(s_3) = 2).
    double g = 0.9, l = 0.5;
    double[] r = {1, 0.5, 2, 1, 3, -1};
    double[] v = {5, 1, 6, 2, 7, 3};
    double[] next = {6, 2, 10, 0, 4, 2};
    boolean[] ended = {false, false, true, true, false, false};
    double[] a = Gae.advantages(r, v, next, ended, 2, new Gae.Discount(g, l));
    // Copy 0 by hand: t=2 last step: 3 + .9*4 - 7 = -0.4; t=1 truncated: 2 + .9*10 - 6 = 5 (no carry); t=0: 1 + .9*6 - 5 = 1.4, plus .45*5.
    assertEquals(-0.4, a[4], 1e-12);
    assertEquals(5.0, a[2], 1e-12);
    assertEquals(1.4 + 0.45 * 5.0, a[0], 1e-12);
    // Copy 1:
    assertEquals(-1 + 0.9 * 2 - 3, a[5], 1e-12);                 // -2.2
    assertEquals(1 - 2, a[3], 1e-12);                            // terminated: next value 0 -> -1
    assertEquals((0.5 + 0.9 * 2 - 1) + 0.45 * (-1), a[1], 1e-12); // 1.3 - 0.45
  }

  @Test
  void lambdaOneGivesDiscountedReturnMinusBaseline() {
    double[] r = {1, 2, 3, 4};
    double[] v = {0.3, -0.2, 0.7, 1.1};
    double[] next = {-0.2, 0.7, 1.1, 0.0};
    boolean[] ended = {false, false, false, true};
    double[] a = Gae.advantages(r, v, next, ended, 1, new Gae.Discount(0.9, 1.0));
    double ret = 0;
    for (int t = 3; t >= 0; t--) {
      ret = r[t] + 0.9 * ret;
      assertEquals(ret - v[t], a[t], 1e-12);
    }
  }

  @Test
  void rejectsBadLengths() {
    assertThrows(IllegalArgumentException.class, () -> Gae.advantages(new double[3], new double[3], new double[3], new boolean[3], 2, new Gae.Discount(0.9, 0.9)));
  }
}
