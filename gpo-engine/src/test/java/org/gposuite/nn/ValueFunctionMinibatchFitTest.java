package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.Shuffle;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The critic's minibatch fit copies each minibatch's rows into buffers of its own and computes the
 * loss's gradient in one Java pass. Both must leave every bit as nd4j's ops did: the reference below
 * is the fit as it was (nd4j's pullRows of the shuffled epoch, minibatches as views, the loss as nd4j
 * ops, which views still take), and the fitted parameters must be equal to the last bit, FLOAT as
 * the engine runs.
 */
class ValueFunctionMinibatchFitTest {
  private static final int DIM = 11, N = 1000, MINIBATCH = 128, EPOCHS = 4; // 7 full minibatches and one of 104

  private static ValueFunction critic() {
    return new ValueFunction(DIM, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 7, new ObsNormalizer(DIM, false));
  }

  private static INDArray gaussian(int rows, int cols, long seed, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * cols];
    for (int i = 0; i < x.length; i++) x[i] = (float) (scale * r.nextGaussian());
    return Nd4j.create(x, new long[] {rows, cols}, 'c');
  }

  /** 1 for the first quarter (the own batch), a truncated ratio in (0, 1] for the rest (shared rows). */
  private static INDArray weights(int n) {
    SplittableRandom r = new SplittableRandom(5);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) w[i] = i < n / 4 ? 1f : (float) Math.min(1, Math.exp(r.nextGaussian() - 0.5));
    return Nd4j.create(w, new long[] {n, 1}, 'c');
  }

  /** The fit before its minibatches had buffers of their own: nd4j's pullRows and views, nd4j's loss ops. */
  private static void referenceFit(ValueFunction v, INDArray x, INDArray y, INDArray w, AdamOptimizer opt, SplittableRandom rng) {
    int n = (int) x.size(0);
    int[] idx = Shuffle.identity(n);
    for (int e = 0; e < EPOCHS; e++) {
      Shuffle.permute(idx, rng);
      INDArray xs = Nd4j.pullRows(x, 1, idx), ys = Nd4j.pullRows(y, 1, idx), ws = Nd4j.pullRows(w, 1, idx);
      for (int s = 0; s < n; s += MINIBATCH) {
        int end = Math.min(n, s + MINIBATCH);
        // views: the loss takes nd4j's ops on them
        v.weightedLossAndGradientNormalized(xs.get(NDArrayIndex.interval(s, end), NDArrayIndex.all()),
            ys.get(NDArrayIndex.interval(s, end), NDArrayIndex.all()), ws.get(NDArrayIndex.interval(s, end), NDArrayIndex.all()));
        opt.step();
      }
    }
  }

  @Test
  void theWeightedFitLeavesTheBitsOfNd4jsPullsAndOps() {
    INDArray x = gaussian(N, DIM, 1, 1), y = gaussian(N, 1, 2, 30), w = weights(N);
    ValueFunction ours = critic(), reference = critic();
    AdamOptimizer oo = new AdamOptimizer(ours.params(), ours.grads(), 1e-3), or = new AdamOptimizer(reference.params(), reference.grads(), 1e-3);
    ours.fitNormalizedWeighted(x, y, w, new ValueFunction.Fitting(EPOCHS, MINIBATCH, oo, new SplittableRandom(9)));
    referenceFit(reference, x, y, w, or, new SplittableRandom(9));
    assertEquals(EPOCHS * 8, oo.iterations());
    assertArrayEquals(reference.params().toFloatVector(), ours.params().toFloatVector(), 0f);
  }

  /** Unweighted, the old path's sub and scalar mul by 2 / m are the weighted ops with weights of 1. */
  @Test
  void theUnweightedFitLeavesTheBitsOfNd4jsPullsAndOps() {
    INDArray x = gaussian(N, DIM, 3, 1), y = gaussian(N, 1, 4, 30);
    ValueFunction ours = critic(), reference = critic();
    AdamOptimizer oo = new AdamOptimizer(ours.params(), ours.grads(), 1e-3), or = new AdamOptimizer(reference.params(), reference.grads(), 1e-3);
    ours.fitNormalized(x, y, new ValueFunction.Fitting(EPOCHS, MINIBATCH, oo, new SplittableRandom(9)));
    referenceFit(reference, x, y, Nd4j.ones(DataType.FLOAT, N, 1), or, new SplittableRandom(9));
    assertArrayEquals(reference.params().toFloatVector(), ours.params().toFloatVector(), 0f);
  }

  /** The Java pass (plain arrays) against nd4j's ops (the same rows as views): the same gradient bits, the same loss. */
  @Test
  void theJavaPassWritesTheGradientOfNd4jsOps() {
    INDArray x = gaussian(300, DIM, 6, 1), y = gaussian(300, 1, 7, 30), w = weights(300);
    ValueFunction plain = critic(), viewed = critic();
    double lp = plain.weightedLossAndGradientNormalized(x, y, w);
    INDArray padded = Nd4j.vstack(gaussian(1, 1, 8, 1), y), paddedW = Nd4j.vstack(Nd4j.ones(DataType.FLOAT, 1, 1), w);
    double lv = viewed.weightedLossAndGradientNormalized(x, padded.get(NDArrayIndex.interval(1, 301), NDArrayIndex.all()),
        paddedW.get(NDArrayIndex.interval(1, 301), NDArrayIndex.all()));
    assertArrayEquals(viewed.grads().toFloatVector(), plain.grads().toFloatVector(), 0f);
    assertEquals(lv, lp, 1e-6 * lv);
  }

  @Test
  void gatheredRowsAreNd4jsPulledRows() {
    INDArray x = gaussian(50, DIM, 10, 1);
    int[] idx = Shuffle.identity(50);
    Shuffle.permute(idx, new SplittableRandom(1));
    INDArray pulled = Nd4j.pullRows(x, 1, idx);
    INDArray gathered = HostArrays.gatherRows(x, idx, 20, 35, Nd4j.create(DataType.FLOAT, 15, DIM));
    assertEquals(pulled.get(NDArrayIndex.interval(20, 35), NDArrayIndex.all()), gathered);
    assertThrows(IllegalArgumentException.class, () -> HostArrays.gatherRows(x, idx, 0, 10, Nd4j.create(DataType.FLOAT, 9, DIM)));
  }
}
