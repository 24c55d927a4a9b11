package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.gposuite.nn.DiagGaussian;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** {@link GaussianKl}'s value against nd4j's closed form, its gradients against finite differences of it. */
class GaussianKlTest {
  static final int D = 4;

  /** KL[P || Q] summed over D dimensions by {@link GaussianKl#term}. */
  static double kl(double[] mP, double[] lsP, double[] mQ, double[] lsQ) {
    double kl = 0;
    for (int j = 0; j < D; j++) kl += GaussianKl.term(lsP[j], lsQ[j], Math.exp(2 * lsP[j]), mP[j] - mQ[j], Math.exp(-2 * lsQ[j]));
    return kl;
  }

  static double[] gaussian(SplittableRandom r, double scale) {
    double[] v = new double[D];
    for (int j = 0; j < D; j++) v[j] = scale * r.nextGaussian();
    return v;
  }

  static double[] nudged(double[] v, int j, double h) {
    double[] w = v.clone();
    w[j] += h;
    return w;
  }

  @Test
  void termsSumToDiagGaussiansKl() {
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 20; k++) {
      double[] mP = gaussian(r, 1), lsP = gaussian(r, 0.5), mQ = gaussian(r, 1), lsQ = gaussian(r, 0.5);
      double nd4j = DiagGaussian.kl(Nd4j.createFromArray(mP).reshape(1, D), Nd4j.createFromArray(lsP).reshape(1, D),
          Nd4j.createFromArray(mQ).reshape(1, D), Nd4j.createFromArray(lsQ).reshape(1, D)).getDouble(0, 0);
      assertEquals(nd4j, kl(mP, lsP, mQ, lsQ), 1e-12 * Math.max(1, nd4j));
      assertTrue(kl(mP, lsP, mQ, lsQ) > 0);
    }
    double[] m = gaussian(r, 1), ls = gaussian(r, 0.5);
    assertEquals(0.0, kl(m, ls, m, ls), 1e-15, "KL of a distribution with itself");
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(2);
    double h = 1e-6;
    for (int k = 0; k < 10; k++) {
      double[] mP = gaussian(r, 1), lsP = gaussian(r, 0.5), mQ = gaussian(r, 1), lsQ = gaussian(r, 0.5);
      for (int j = 0; j < D; j++) {
        double varP = Math.exp(2 * lsP[j]), invVarQ = Math.exp(-2 * lsQ[j]);
        double dmP = (kl(nudged(mP, j, h), lsP, mQ, lsQ) - kl(nudged(mP, j, -h), lsP, mQ, lsQ)) / (2 * h);
        double dmQ = (kl(mP, lsP, nudged(mQ, j, h), lsQ) - kl(mP, lsP, nudged(mQ, j, -h), lsQ)) / (2 * h);
        double dlsP = (kl(mP, nudged(lsP, j, h), mQ, lsQ) - kl(mP, nudged(lsP, j, -h), mQ, lsQ)) / (2 * h);
        double dlsQ = (kl(mP, lsP, mQ, nudged(lsQ, j, h)) - kl(mP, lsP, mQ, nudged(lsQ, j, -h))) / (2 * h);
        assertEquals(dmP, GaussianKl.gradMeanP(mP[j], mQ[j], invVarQ), 1e-6, "d/d mP");
        assertEquals(dmQ, GaussianKl.gradMeanQ(mP[j], mQ[j], invVarQ), 1e-6, "d/d mQ");
        assertEquals(dlsP, GaussianKl.gradLogStdP(varP, invVarQ), 1e-6, "d/d log sP");
        assertEquals(dlsQ, GaussianKl.gradLogStdQ(varP, mP[j] - mQ[j], invVarQ), 1e-6, "d/d log sQ");
        assertEquals(GaussianKl.gradLogStdQ(varP, mP[j] - mQ[j], invVarQ), GaussianKl.gradLogStdQ(varP, mQ[j] - mP[j], invVarQ), 0.0,
            "the mean difference is squared: its sign does not matter");
      }
    }
  }

  @Test
  void columnSumIsTheSumOfTheRowsTerms() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 37;
    double lsP = -0.3, lsQ = 0.2, varP = Math.exp(2 * lsP), invVarQ = Math.exp(-2 * lsQ);
    double terms = 0, sumSq = 0;
    for (int i = 0; i < n; i++) {
      double diff = r.nextGaussian();
      terms += GaussianKl.term(lsP, lsQ, varP, diff, invVarQ);
      sumSq += varP + diff * diff;
    }
    assertEquals(terms, GaussianKl.columnSum(n, lsP, lsQ, sumSq, invVarQ), 1e-12 * Math.abs(terms));
  }
}
