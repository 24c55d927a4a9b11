package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The plain-Java Adam step against nd4j's Adam updater, the path it replaces. */
class AdamOptimizerTest {
  /** Runs both optimisers for {@code steps} steps on the same gradient sequence; returns the largest parameter difference. */
  private static double maxDifference(DataType dt, int n, int steps, double lr, boolean resetHalfway) {
    SplittableRandom r = new SplittableRandom(11);
    INDArray p0 = MlpTest.randn(r, dt, 1, n);
    INDArray pj = p0.dup(), pn = p0.dup(), gj = Nd4j.create(dt, 1, n), gn = Nd4j.create(dt, 1, n);
    AdamOptimizer java = new AdamOptimizer(pj, gj, lr), ref = AdamOptimizer.nd4jReference(pn, gn, lr);
    double max = 0;
    for (int t = 0; t < steps; t++) {
      // gradients of a quadratic around a moving target plus noise: realistic signs and scales,
      // including near-zero entries where Adam's epsilon matters
      INDArray g = MlpTest.randn(r, dt, 1, n).muli(t % 7 == 0 ? 1e-6 : 0.3).addi(pj.mul(2.0));
      gj.assign(g);
      gn.assign(g);
      java.step();
      ref.step();
      assertEquals(g, gj, "the Java step must leave the gradient unchanged");
      if (resetHalfway && t == steps / 2) { java.reset(); ref.reset(); }
      for (long i = 0; i < n; i++) max = Math.max(max, Math.abs(pj.getDouble(i) - pn.getDouble(i)));
    }
    assertEquals(steps - (resetHalfway ? steps / 2 + 1 : 0), java.iterations());
    return max;
  }

  @Test
  void floatStepsMatchNd4jAdam() {
    // 200 steps at lr 1e-2 move parameters by ~1; float rounding of the two formulations may
    // drift apart by a few ulps per step
    double d = maxDifference(DataType.FLOAT, 5702, 200, 1e-2, false);
    assertTrue(d < 2e-5, "max |java - nd4j| = " + d);
  }

  @Test
  void doubleStepsMatchNd4jAdam() {
    double d = maxDifference(DataType.DOUBLE, 1153, 200, 1e-2, false);
    assertTrue(d < 1e-12, "max |java - nd4j| = " + d);
  }

  @Test
  void resetRestartsBothLikeFreshOptimisers() {
    double d = maxDifference(DataType.FLOAT, 300, 40, 1e-3, true);
    assertTrue(d < 1e-5, "max |java - nd4j| = " + d);
  }

  @Test
  void stepsAViewAtAnOffsetAndLeavesTheRestOfItsBufferAlone() {
    INDArray flat = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f).reshape(1, 10);
    INDArray gflat = Nd4j.ones(DataType.FLOAT, 1, 10);
    INDArray p = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(4, 8));
    INDArray g = gflat.get(NDArrayIndex.point(0), NDArrayIndex.interval(4, 8));
    new AdamOptimizer(p, g, 0.5).step();
    // first step with a constant gradient: m_hat / sqrt(v_hat) = 1, so each entry moves by lr
    for (int i = 0; i < 10; i++) assertEquals(i >= 4 && i < 8 ? i + 1 - 0.5 : i + 1, flat.getDouble(i), 1e-6, "entry " + i);
  }

  @Test
  void rejectsStridedParameters() {
    INDArray m = Nd4j.create(DataType.FLOAT, 4, 4);
    INDArray column = m.getColumn(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdamOptimizer(column, column.dup(), 1e-3));
    assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
  }
}
