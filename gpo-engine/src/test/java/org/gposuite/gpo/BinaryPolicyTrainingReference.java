package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.kernel.Shuffle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The all-nd4j reference of {@link BinaryPolicyTraining#epoch}: row gather, slices and
 * {@link BinaryPolicy#weightedNllAndGradient} on nd4j arrays, what the prepared path replaced.
 * Test scope: {@code CrossoverFastPathTest} checks the prepared path against it and gpo-bench's
 * {@code CrossoverBench} measures it beside that path (through gpo-engine's test jar).
 */
public final class BinaryPolicyTrainingReference {
  private BinaryPolicyTrainingReference() {}

  /** One epoch of Eq. 1: shuffle {@code idx} (kept across epochs) with the prepared path's draws, then a pass in minibatches. */
  public static double epoch(BinaryPolicy pis, AdamOptimizer opt, BinaryPolicyTraining.Data d, int[] idx, int minibatch, SplittableRandom shuffle) {
    Shuffle.permute(idx, shuffle);
    return pass(pis, opt, Nd4j.pullRows(d.states(), 1, idx), Nd4j.pullRows(d.oneHot(), 1, idx), Nd4j.pullRows(d.weights(), 1, idx), minibatch);
  }

  /** One pass over (already shuffled) data in minibatches, an Adam step each; returns the sample-weighted mean minibatch loss. */
  static double pass(BinaryPolicy pis, AdamOptimizer opt, INDArray states, INDArray oneHot, INDArray weights, int minibatch) {
    int n = (int) states.size(0);
    double sum = 0;
    for (int b = 0; b < n; b += minibatch) {
      int end = Math.min(n, b + minibatch);
      double l = pis.weightedNllAndGradient(slice(states, b, end), slice(oneHot, b, end), slice(weights, b, end));
      opt.step();
      sum += l * (end - b);
    }
    return sum / n;
  }

  private static INDArray slice(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }
}
