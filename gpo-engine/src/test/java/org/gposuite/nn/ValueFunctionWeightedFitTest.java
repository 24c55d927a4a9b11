package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weighted critic fit (a GPO critic that also learns from its sharing set's batches, issue 19):
 * it must fit exactly as the unweighted one does (same epochs, minibatches and shuffle) and let an
 * integer weight count a row that many times.
 */
class ValueFunctionWeightedFitTest {
  private static final int DIM = 3, N = 40;

  private static ValueFunction critic() {
    return new ValueFunction(DIM, new int[] {8}, DataType.DOUBLE, 7, new ObsNormalizer(DIM, false));
  }

  private static INDArray obs(int n) {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n * DIM];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    return Nd4j.create(x, new long[] {n, DIM}, DataType.DOUBLE);
  }

  private static INDArray targets(INDArray obs) {
    return obs.getColumn(0, true).mul(2).addi(obs.getColumn(1, true).mul(obs.getColumn(2, true))).reshape(obs.size(0), 1);
  }

  @Test
  void weightsOfOneFitAsTheUnweightedFitStepForStep() {
    INDArray x = obs(N), y = targets(x);
    ValueFunction a = critic(), b = critic();
    AdamOptimizer oa = new AdamOptimizer(a.params(), a.grads(), 1e-2), ob = new AdamOptimizer(b.params(), b.grads(), 1e-2);
    a.fitNormalized(x, y, new ValueFunction.Fitting(5, 16, oa, new SplittableRandom(11)));
    b.fitNormalizedWeighted(x, y, Nd4j.ones(DataType.DOUBLE, N, 1), new ValueFunction.Fitting(5, 16, ob, new SplittableRandom(11)));
    // 5 epochs of 40 rows in minibatches of 16: 3 Adam steps each (16, 16, 8)
    assertEquals(15, oa.iterations());
    assertEquals(15, ob.iterations());
    assertArrayEquals(a.params().toDoubleVector(), b.params().toDoubleVector(), 1e-12);
  }

  @Test
  void anIntegerWeightCountsARowThatManyTimes() {
    INDArray x = obs(5), y = targets(x);
    INDArray w = Nd4j.create(new double[] {2, 1, 1, 3, 1}, new long[] {5, 1}, DataType.DOUBLE);
    int[] repeated = {0, 0, 1, 2, 3, 3, 3, 4};
    INDArray xr = Nd4j.pullRows(x, 1, repeated), yr = Nd4j.pullRows(y, 1, repeated);
    ValueFunction a = critic(), b = critic();
    double weighted = a.weightedLossAndGradientNormalized(x, y, w);
    double plain = b.weightedLossAndGradientNormalized(xr, yr, Nd4j.ones(DataType.DOUBLE, repeated.length, 1));
    assertEquals(plain, weighted, 1e-12);
    assertArrayEquals(b.grads().toDoubleVector(), a.grads().toDoubleVector(), 1e-12);
  }
}
