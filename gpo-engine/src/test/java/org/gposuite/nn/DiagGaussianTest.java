package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiagGaussianTest {
  static final DataType D = DataType.DOUBLE;
  final SplittableRandom r = new SplittableRandom(11);

  INDArray randn(int rows, int cols, double scale) { return MlpTest.randn(r, D, rows, cols).muli(scale); }

  @Test
  void logProbMatchesScalarFormula() {
    INDArray m = randn(3, 2, 1), ls = randn(1, 2, 0.5), a = randn(3, 2, 1);
    INDArray lp = DiagGaussian.logProb(m, ls, a);
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 2; j++) {
        double sd = Math.exp(ls.getDouble(0, j));
        double z = (a.getDouble(i, j) - m.getDouble(i, j)) / sd;
        s += -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
      }
      assertEquals(s, lp.getDouble(i, 0), 1e-12);
    }
  }

  @Test
  void closedFormKlMatchesMonteCarloInBothDirections() {
    INDArray mp = randn(1, 3, 0.5), lp = randn(1, 3, 0.3), mq = randn(1, 3, 0.5), lq = randn(1, 3, 0.3);
    for (boolean swap : new boolean[] {false, true}) {
      INDArray m1 = swap ? mq : mp, l1 = swap ? lq : lp, m2 = swap ? mp : mq, l2 = swap ? lp : lq;
      double closed = DiagGaussian.kl(m1, l1, m2, l2).getDouble(0, 0);
      int n = 200_000;
      INDArray x = Nd4j.zeros(D, n, 3);
      double[] xs = new double[n * 3];
      for (int i = 0; i < n; i++)
        for (int j = 0; j < 3; j++) xs[i * 3 + j] = m1.getDouble(0, j) + Math.exp(l1.getDouble(0, j)) * r.nextGaussian();
      x.assign(Nd4j.createFromArray(xs).reshape(n, 3));
      INDArray m1r = Nd4j.zeros(D, n, 3).addiRowVector(m1), m2r = Nd4j.zeros(D, n, 3).addiRowVector(m2);
      INDArray diff = DiagGaussian.logProb(m1r, l1, x).subi(DiagGaussian.logProb(m2r, l2, x));
      double mc = diff.meanNumber().doubleValue();
      double se = diff.stdNumber().doubleValue() / Math.sqrt(n);
      assertTrue(closed > 0);
      assertEquals(closed, mc, 4 * se + 1e-9, "swap=" + swap);
    }
  }

  @Test
  void klOfIdenticalDistributionsIsZero() {
    INDArray m = randn(4, 2, 1), ls = randn(1, 2, 1);
    assertEquals(0.0, DiagGaussian.kl(m, ls, m, ls).sumNumber().doubleValue(), 1e-12);
  }

  /** Central differences of sum(upstream * f) w.r.t. every entry of x. */
  static INDArray numericGrad(INDArray x, Supplier<INDArray> f, INDArray upstream) {
    INDArray g = Nd4j.zeros(D, x.shape());
    double h = 1e-6;
    for (long k = 0; k < x.length(); k++) {
      double old = x.getDouble(k);
      x.putScalar(k, old + h);
      double p = f.get().mul(upstream).sumNumber().doubleValue();
      x.putScalar(k, old - h);
      double m = f.get().mul(upstream).sumNumber().doubleValue();
      x.putScalar(k, old);
      g.putScalar(k, (p - m) / (2 * h));
    }
    return g;
  }

  static void assertClose(INDArray expected, INDArray actual, double tol) {
    assertArrayEquals(expected.shape(), actual.shape());
    for (long k = 0; k < expected.length(); k++) assertEquals(expected.getDouble(k), actual.getDouble(k), tol, "entry " + k);
  }

  @Test
  void logProbGradientsMatchFiniteDifferences() {
    INDArray m = randn(4, 3, 1), ls = randn(4, 3, 0.4), a = randn(4, 3, 1), up = randn(4, 1, 1);
    DiagGaussianGradients.Grad g = DiagGaussianGradients.logProbGrad(m, ls, a, up);
    assertClose(numericGrad(m, () -> DiagGaussian.logProb(m, ls, a), up), g.dMean(), 1e-6);
    assertClose(numericGrad(ls, () -> DiagGaussian.logProb(m, ls, a), up), g.dLogStd(), 1e-6);
  }

  @Test
  void klGradientsMatchFiniteDifferencesForBothArguments() {
    INDArray mp = randn(4, 3, 1), lp = randn(4, 3, 0.4), mq = randn(4, 3, 1), lq = randn(4, 3, 0.4), up = randn(4, 1, 1);
    Supplier<INDArray> kl = () -> DiagGaussian.kl(mp, lp, mq, lq);
    DiagGaussianGradients.Grad first = DiagGaussianGradients.klGradFirst(mp, lp, mq, lq, up);
    DiagGaussianGradients.Grad second = DiagGaussianGradients.klGradSecond(mp, lp, mq, lq, up);
    assertClose(numericGrad(mp, kl, up), first.dMean(), 1e-6);
    assertClose(numericGrad(lp, kl, up), first.dLogStd(), 1e-6);
    assertClose(numericGrad(mq, kl, up), second.dMean(), 1e-6);
    assertClose(numericGrad(lq, kl, up), second.dLogStd(), 1e-6);
  }

  @Test
  void entropyMatchesFormula() {
    INDArray ls = randn(1, 4, 1);
    double e = 0;
    for (int j = 0; j < 4; j++) e += ls.getDouble(0, j) + 0.5 * Math.log(2 * Math.PI * Math.E);
    assertEquals(e, DiagGaussian.entropy(ls), 1e-12);
  }

  @Test
  void rejectsMismatchedShapes() {
    assertThrows(IllegalArgumentException.class, () -> DiagGaussian.logProb(randn(3, 2, 1), randn(1, 3, 1), randn(3, 2, 1)));
  }
}
