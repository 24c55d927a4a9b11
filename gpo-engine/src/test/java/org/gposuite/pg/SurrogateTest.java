package org.gposuite.pg;

import org.gposuite.testing.PointMassEnv;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class SurrogateTest {
  static GaussianPolicy policy(DataType t, long seed) {
    GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(2, 2, new int[] {8, 8}, t, true), seed, -0.5);
    p.normalizer().update(new double[] {0.1, -0.2, 0.5, 0.3, -0.4, 0.2}, 3);
    return p;
  }

  static Batch collect(GaussianPolicy p, long seed, int steps) {
    ValueFunction v = new ValueFunction(2, new int[] {8}, p.dataType(), seed, p.normalizer());
    return Collector.collect(p, v, new PointMassEnv(PointMassEnv.Spec.PG, 4, 10, seed), steps, new Gae.Discount(0.99, 0.95), new SplittableRandom(seed));
  }

  /** Independent computation of L: per-state log-densities from DiagGaussian, ratio and KL in plain Java. */
  static double referenceLoss(GaussianPolicy pi, List<Batch> batches, List<INDArray> adv, double beta) {
    double surr = 0;
    for (int j = 0; j < batches.size(); j++) {
      Batch b = batches.get(j);
      INDArray logp = DiagGaussian.logProb(pi.mean(b.obs()).dup(), pi.logStd(), b.actions());
      double s = 0;
      for (int r = 0; r < b.size(); r++) s += Math.exp(logp.getDouble(r, 0) - b.oldLogProb().getDouble(r, 0)) * adv.get(j).getDouble(r, 0);
      surr += s / b.size();
    }
    surr /= batches.size();
    Batch own = batches.get(0);
    INDArray m = pi.mean(own.obs()).dup();
    double kl = 0;
    for (int r = 0; r < own.size(); r++)
      for (int d = 0; d < 2; d++) {
        double lo = own.oldLogStd().getDouble(0, d), ln = pi.logStd().getDouble(0, d);
        double diff = own.oldMean().getDouble(r, d) - m.getDouble(r, d);
        kl += ln - lo + (Math.exp(2 * lo) + diff * diff) / (2 * Math.exp(2 * ln)) - 0.5;
      }
    return -surr + beta * kl / own.size();
  }

  void checkGradient(boolean sharing, double beta) {
    GaussianPolicy pi = policy(DataType.DOUBLE, 1);
    List<Batch> batches = new ArrayList<>();
    batches.add(collect(pi, 10, 40));
    if (sharing) {
      batches.add(collect(policy(DataType.DOUBLE, 2), 20, 40));
      batches.add(collect(policy(DataType.DOUBLE, 3), 30, 24));
    }
    List<INDArray> adv = Surrogate.advantages(batches, true);
    // move away from the collecting parameters so ratios and the KL are not trivial
    pi.params().addi(org.gposuite.nn.MlpTest.randn(new SplittableRandom(4), DataType.DOUBLE, 1, (int) pi.params().length()).muli(0.05));
    Surrogate.Result res = Surrogate.lossAndGradient(pi, batches, adv, beta);
    assertEquals(referenceLoss(pi, batches, adv, beta), res.loss(), 1e-10);
    double[] g = pi.grads().toDoubleVector();
    for (int k = 0; k < g.length; k++) {
      double old = pi.params().getDouble(k), h = 1e-6;
      pi.params().putScalar(k, old + h);
      double lp = referenceLoss(pi, batches, adv, beta);
      pi.params().putScalar(k, old - h);
      double lm = referenceLoss(pi, batches, adv, beta);
      pi.params().putScalar(k, old);
      assertEquals((lp - lm) / (2 * h), g[k], 1e-6 * Math.max(1, Math.abs(g[k])), "param " + k);
    }
  }

  @Test void ppoGradientWithoutSharing() { checkGradient(false, 0.7); }
  @Test void ppoGradientWithSharing() { checkGradient(true, 0.7); }
  @Test void a2cGradientWithoutSharing() { checkGradient(false, 0.0); }
  @Test void a2cGradientWithSharing() { checkGradient(true, 0.0); }

  @Test
  void importanceWeightsAreExactlyOneOnOwnDataAndTheDensityRatioOnOthers() {
    GaussianPolicy pi = policy(DataType.FLOAT, 7), other = policy(DataType.FLOAT, 8);
    Batch own = collect(pi, 70, 64), theirs = collect(other, 80, 64);
    INDArray w = Surrogate.importanceWeights(pi, own);
    for (int r = 0; r < own.size(); r++) assertEquals(1.0, w.getDouble(r, 0), 0.0, "row " + r);
    INDArray w2 = Surrogate.importanceWeights(pi, theirs);
    INDArray mine = DiagGaussian.logProb(pi.mean(theirs.obs()).dup(), pi.logStd(), theirs.actions());
    INDArray expected = Transforms.exp(mine.sub(DiagGaussian.logProb(other.mean(theirs.obs()).dup(), other.logStd(), theirs.actions())), false);
    double maxDev = 0;
    for (int r = 0; r < theirs.size(); r++) {
      assertEquals(expected.getDouble(r, 0), w2.getDouble(r, 0), 1e-4 * expected.getDouble(r, 0));
      maxDev = Math.max(maxDev, Math.abs(w2.getDouble(r, 0) - 1));
    }
    assertTrue(maxDev > 1e-3, "another policy's data should not have unit weights");
  }

}
