package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.DiagGaussianGradients;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.kernel.Shuffle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The all-nd4j reference of {@link Dagger#train}: the same training with every step in nd4j ops
 * (row gather per epoch, slices, {@link DiagGaussianGradients#klGradFirst}), what the fast path
 * replaced. Test scope: {@code CrossoverFastPathTest} checks the fast path against it and
 * gpo-bench's {@code CrossoverBench} measures it beside the fast path (through gpo-engine's test jar).
 */
public final class DaggerReference {
  private DaggerReference() {}

  /** {@link Dagger#train}'s arguments, draws and minibatches. */
  public static void train(GaussianPolicy child, Dagger.Labelled data, int epochs, int minibatch, AdamOptimizer opt, SplittableRandom rng) {
    Dagger.checkTrainArgs(child, data, minibatch);
    INDArray obs = data.obs(), labelMean = data.mean(), labelLogStd = data.logStd();
    int n = (int) obs.size(0);
    int[] idx = Shuffle.identity(n);
    for (int e = 0; e < epochs; e++) {
      Shuffle.permute(idx, rng);
      INDArray xs = Nd4j.pullRows(obs, 1, idx), ms = Nd4j.pullRows(labelMean, 1, idx), ls = Nd4j.pullRows(labelLogStd, 1, idx);
      for (int b = 0; b < n; b += minibatch) {
        int end = Math.min(n, b + minibatch);
        step(child, slice(xs, b, end), slice(ms, b, end), slice(ls, b, end), opt);
      }
    }
  }

  /** One Adam step on the mean over the minibatch of KL[child(.|s) || N(labelMean, exp(labelLogStd))]. */
  static void step(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, AdamOptimizer opt) {
    long b = obs.size(0);
    INDArray mean = child.mean(obs);
    INDArray up = Nd4j.valueArrayOf(new long[] {b, 1}, 1.0 / b, mean.dataType());
    DiagGaussianGradients.Grad g = DiagGaussianGradients.klGradFirst(mean, child.logStd(), labelMean, labelLogStd, up);
    child.backward(g.dMean(), g.dLogStd().sum(true, 0));
    opt.step();
  }

  private static INDArray slice(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }
}
