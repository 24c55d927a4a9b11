package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {
  static final DataType D = DataType.DOUBLE;
  final SplittableRandom r = new SplittableRandom(5);

  double[] observations(int rows, int dim) {
    double[] o = new double[rows * dim];
    for (int i = 0; i < o.length; i++) o[i] = 3 + 2 * r.nextGaussian();
    return o;
  }

  @Test
  void architectureRefusesEmptyDimensionsAndKeepsItsWidths() {
    var e = assertThrows(IllegalArgumentException.class, () -> new GaussianPolicy.Architecture(0, 2, new int[] {8}, D, true));
    assertTrue(e.getMessage().contains("obsDim and actDim must be positive, got 0, 2"), e.getMessage());
    int[] widths = {8, 6};
    GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(3, 2, widths, D, false), 1, 0.0);
    widths[0] = 99; // the caller's array is not the policy's
    assertArrayEquals(new int[] {8, 6}, p.hidden());
    assertEquals(3, p.architecture().obsDim());
    assertEquals(D, p.architecture().dtype());
    assertArrayEquals(new int[] {8, 6}, p.architecture().hidden());
    assertFalse(p.architecture().normalizeObs());
  }

  @Test
  void flattenCopyRestoreRoundTrip() {
    GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(5, 2, new int[] {8, 8}, D, true), 1, -0.5);
    p.normalizer().update(observations(50, 5), 50);
    INDArray saved = p.params().dup();
    GaussianPolicy c = p.copy();
    assertArrayEquals(saved.toDoubleVector(), c.params().toDoubleVector());
    assertArrayEquals(p.normalizer().mean(), c.normalizer().mean());
    p.params().addi(1.0);
    INDArray obs = Nd4j.createFromArray(observations(3, 5)).reshape(3, 5);
    assertNotEquals(p.mean(obs).getDouble(0, 0), c.mean(obs).getDouble(0, 0));
    p.params().assign(saved);
    assertArrayEquals(c.mean(obs).dup().reshape(6).toDoubleVector(), p.mean(obs).dup().reshape(6).toDoubleVector());
    assertEquals(-0.5, p.logStd().getDouble(0, 1));
  }

  @Test
  void perStepInferenceMatchesBatchedPath() {
    GaussianPolicy p = GaussianPolicy.paper(7, 3, 3, true);
    p.normalizer().update(observations(100, 7), 100);
    double[] o = observations(8, 7);
    double[] out = new double[8 * 3];
    p.meanInto(o, 8, out);
    INDArray batched = p.mean(Nd4j.createFromArray(o).reshape(8, 7).castTo(DataType.FLOAT));
    for (int i = 0; i < out.length; i++) assertEquals(batched.getDouble((long) i), out[i], 1e-6);
  }

  @Test
  void policyLogProbGradientThroughNetworkMatchesFiniteDifferences() {
    GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(4, 2, new int[] {6, 5}, D, true), 2, -0.3);
    p.params().addi(MlpTest.randn(r, D, 1, (int) p.params().length()).muli(0.3));
    p.normalizer().update(observations(20, 4), 20);
    INDArray obs = Nd4j.createFromArray(observations(5, 4)).reshape(5, 4);
    INDArray act = MlpTest.randn(r, D, 5, 2);
    INDArray up = MlpTest.randn(r, D, 5, 1);
    java.util.function.DoubleSupplier f = () -> DiagGaussian.logProb(p.mean(obs), p.logStd(), act).mul(up).sumNumber().doubleValue();
    DiagGaussianGradients.Grad g = DiagGaussianGradients.logProbGrad(p.mean(obs), p.logStd(), act, up);
    p.backward(g.dMean(), g.dLogStd().sum(true, 0));
    double[] analytic = p.grads().toDoubleVector();
    for (int k = 0; k < analytic.length; k++) {
      double old = p.params().getDouble(k), h = 1e-6;
      p.params().putScalar(k, old + h);
      double fp = f.getAsDouble();
      p.params().putScalar(k, old - h);
      double fm = f.getAsDouble();
      p.params().putScalar(k, old);
      assertEquals((fp - fm) / (2 * h), analytic[k], 1e-6, "param " + k);
    }
  }

  @Test
  void valueGradientMatchesFiniteDifferencesAndFitReducesLoss() {
    ObsNormalizer norm = new ObsNormalizer(3, false);
    ValueFunction v = new ValueFunction(3, new int[] {8, 8}, D, 4, norm);
    INDArray x = MlpTest.randn(r, D, 64, 3);
    INDArray y = x.getColumn(0).reshape(64, 1).mul(2).addi(Nd4j.ones(D, 64, 1)); // y = 2 x0 + 1
    v.lossAndGradient(x, y);
    double[] analytic = v.grads().toDoubleVector();
    for (int k = 0; k < analytic.length; k += 3) {
      double old = v.params().getDouble(k), h = 1e-6;
      v.params().putScalar(k, old + h);
      INDArray ep = v.predict(x).sub(y);
      v.params().putScalar(k, old - h);
      INDArray em = v.predict(x).sub(y);
      v.params().putScalar(k, old);
      double num = (ep.mul(ep).meanNumber().doubleValue() - em.mul(em).meanNumber().doubleValue()) / (2 * h);
      assertEquals(num, analytic[k], 1e-6, "param " + k);
    }
    INDArray e0 = v.predict(x).sub(y);
    double before = e0.mul(e0).meanNumber().doubleValue();
    v.fit(x, y, new ValueFunction.Fitting(200, 16, new AdamOptimizer(v.params(), v.grads(), 1e-2), new SplittableRandom(1)));
    INDArray e1 = v.predict(x).sub(y);
    assertTrue(e1.mul(e1).meanNumber().doubleValue() < 0.05 * before);
  }

  @Test
  void weightedValueGradientMatchesFiniteDifferencesAndWeightsOfZeroDropRows() {
    ValueFunction v = new ValueFunction(3, new int[] {8, 8}, D, 4, new ObsNormalizer(3, false));
    INDArray x = MlpTest.randn(r, D, 64, 3);
    INDArray y = x.getColumn(0).reshape(64, 1).mul(2).addi(Nd4j.ones(D, 64, 1));
    INDArray w = Nd4j.create(D, 64, 1);
    for (int i = 0; i < 64; i++) w.putScalar(i, 0, i < 32 ? 1.0 : r.nextDouble());
    v.weightedLossAndGradientNormalized(x, y, w);
    double[] analytic = v.grads().toDoubleVector();
    for (int k = 0; k < analytic.length; k += 3) {
      double old = v.params().getDouble(k), h = 1e-6;
      v.params().putScalar(k, old + h);
      double lp = weightedMse(v.predictNormalized(x), y, w);
      v.params().putScalar(k, old - h);
      double lm = weightedMse(v.predictNormalized(x), y, w);
      v.params().putScalar(k, old);
      assertEquals((lp - lm) / (2 * h), analytic[k], 1e-6, "param " + k);
    }
    // rows of weight 0 do not count: the loss and gradient of the first 32 rows alone, unweighted
    for (int i = 32; i < 64; i++) w.putScalar(i, 0, 0.0);
    double weighted = v.weightedLossAndGradientNormalized(x, y, w);
    double[] g = v.grads().toDoubleVector();
    INDArray x32 = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    INDArray y32 = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    assertEquals(v.lossAndGradient(x32, y32), weighted, 1e-12);
    assertArrayEquals(v.grads().toDoubleVector(), g, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> v.weightedLossAndGradientNormalized(x, y, Nd4j.zeros(D, 64, 1)));
  }

  private static double weightedMse(INDArray v, INDArray y, INDArray w) {
    INDArray d = v.sub(y);
    return d.mul(d).muli(w).sumNumber().doubleValue() / w.sumNumber().doubleValue();
  }

  @Test
  void floatValueLossAndGradientTakeTheJavaPathAndMatchTheDoubleNetwork() {
    // FLOAT: bias adds, squared error and its gradient in Java; DOUBLE: nd4j's ops (checked above
    // against finite differences). Same parameters, same data: same loss and gradient up to float rounding.
    ValueFunction vd = new ValueFunction(3, new int[] {8, 8}, D, 4, new ObsNormalizer(3, false));
    ValueFunction vf = new ValueFunction(3, new int[] {8, 8}, DataType.FLOAT, 4, new ObsNormalizer(3, false));
    vf.params().assign(vd.params().castTo(DataType.FLOAT));
    INDArray x = MlpTest.randn(r, D, 64, 3);
    INDArray y = x.getColumn(0).reshape(64, 1).mul(2).addi(1.0);
    double ld = vd.lossAndGradient(x, y), lf = vf.lossAndGradient(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
    assertEquals(ld, lf, 1e-5 * ld);
    double[] gd = vd.grads().toDoubleVector(), gf = vf.grads().toDoubleVector();
    for (int k = 0; k < gd.length; k++) assertEquals(gd[k], gf[k], 1e-5 * (1 + Math.abs(gd[k])), "grad " + k);
  }

  @Test
  void binaryPolicyWeightedNllGradientMatchesFiniteDifferences() {
    BinaryPolicy b = new BinaryPolicy(3, new int[] {5, 4}, D, 3, new ObsNormalizer(3, false));
    b.params().addi(MlpTest.randn(r, D, 1, (int) b.params().length()).muli(0.5));
    INDArray x = MlpTest.randn(r, D, 6, 3);
    INDArray oneHot = Nd4j.zeros(D, 6, 2);
    INDArray w = Nd4j.zeros(D, 6, 1);
    for (int i = 0; i < 6; i++) { oneHot.putScalar(i, i % 2, 1.0); w.putScalar(i, 0, r.nextDouble()); }
    double loss = b.weightedNllAndGradient(x, oneHot, w);
    double[] analytic = b.grads().toDoubleVector();
    // independent loss in plain Java from the probabilities
    INDArray p = b.probabilities(x);
    double ref = 0;
    for (int i = 0; i < 6; i++) ref -= w.getDouble(i, 0) * Math.log(p.getDouble(i, i % 2));
    assertEquals(ref / 6, loss, 1e-12);
    for (int k = 0; k < analytic.length; k++) {
      double old = b.params().getDouble(k), h = 1e-6;
      b.params().putScalar(k, old + h);
      double lp = b.weightedNllAndGradient(x, oneHot, w);
      b.params().putScalar(k, old - h);
      double lm = b.weightedNllAndGradient(x, oneHot, w);
      b.params().putScalar(k, old);
      assertEquals((lp - lm) / (2 * h), analytic[k], 1e-7, "param " + k);
    }
  }

  @Test
  void adamStepMatchesHandComputedAdam() {
    INDArray p = Nd4j.createFromArray(1.0, -2.0, 0.5).reshape(1, 3);
    INDArray g = Nd4j.zeros(D, 1, 3);
    AdamOptimizer opt = new AdamOptimizer(p, g, 0.1);
    double[] ref = {1.0, -2.0, 0.5}, m = new double[3], v = new double[3];
    for (int t = 1; t <= 3; t++) {
      double[] grad = {ref[0] * 2, Math.sin(ref[1]), 3.0 / t};
      g.assign(Nd4j.createFromArray(grad).reshape(1, 3));
      opt.step();
      for (int j = 0; j < 3; j++) {
        m[j] = 0.9 * m[j] + 0.1 * grad[j];
        v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
        double mh = m[j] / (1 - Math.pow(0.9, t)), vh = v[j] / (1 - Math.pow(0.999, t));
        ref[j] -= 0.1 * mh / (Math.sqrt(vh) + 1e-8);
      }
      for (int j = 0; j < 3; j++) assertEquals(ref[j], p.getDouble(0, j), 1e-6, "t=" + t + " j=" + j);
    }
  }

  @Test
  void normalizerMatchesPooledStatistics() {
    ObsNormalizer n = new ObsNormalizer(2, true);
    double[] a = observations(30, 2), b = observations(50, 2);
    n.update(a, 30);
    n.update(b, 50);
    for (int j = 0; j < 2; j++) {
      double s = 0, ss = 0;
      for (int i = 0; i < 30; i++) s += a[i * 2 + j];
      for (int i = 0; i < 50; i++) s += b[i * 2 + j];
      double mu = s / 80;
      for (int i = 0; i < 30; i++) ss += Math.pow(a[i * 2 + j] - mu, 2);
      for (int i = 0; i < 50; i++) ss += Math.pow(b[i * 2 + j] - mu, 2);
      assertEquals(mu, n.mean()[j], 1e-12);
      assertEquals(ss / 80, n.variance()[j], 1e-10);
    }
  }
}
