package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The plain-Java Gaussian kernel path of {@link Surrogate} against the all-nd4j reference path. */
class SurrogateKernelTest {
  void compare(DataType t, boolean sharing, double beta, double tol) {
    GaussianPolicy pi = SurrogateTest.policy(t, 1);
    List<Batch> batches = new ArrayList<>();
    batches.add(SurrogateTest.collect(pi, 10, 64));
    if (sharing) {
      batches.add(SurrogateTest.collect(SurrogateTest.policy(t, 2), 20, 40));
      batches.add(SurrogateTest.collect(SurrogateTest.policy(t, 3), 30, 24));
    }
    List<INDArray> adv = Surrogate.advantages(batches, true);
    pi.params().addi(org.gposuite.nn.MlpTest.randn(new SplittableRandom(4), t, 1, (int) pi.params().length()).muli(0.05));
    Surrogate.Result ref = SurrogateReference.lossAndGradient(pi, batches, adv, beta);
    double[] gRef = pi.grads().toDoubleVector();
    pi.grads().assign(0);
    Surrogate.Prepared p = Surrogate.prepare(pi, batches, adv);
    for (int rep = 0; rep < 2; rep++) { // a prepared batch is reusable across epochs
      Surrogate.Result got = Surrogate.lossAndGradient(pi, p, beta);
      assertEquals(ref.loss(), got.loss(), tol * Math.max(1, Math.abs(ref.loss())), "loss");
      assertEquals(ref.surrogate(), got.surrogate(), tol * Math.max(1, Math.abs(ref.surrogate())), "surrogate");
      assertEquals(ref.kl(), got.kl(), tol, "kl");
      assertTrue(ref.kl() > 0, "the test needs a nonzero KL");
      double[] g = pi.grads().toDoubleVector();
      double scale = 0;
      for (double v : gRef) scale = Math.max(scale, Math.abs(v));
      for (int k = 0; k < g.length; k++) assertEquals(gRef[k], g[k], tol * scale, t + " grad " + k);
    }
  }

  @Test void doubleOwnWithPenalty() { compare(DataType.DOUBLE, false, 0.7, 1e-10); }
  @Test void doubleSharedWithPenalty() { compare(DataType.DOUBLE, true, 0.7, 1e-10); }
  @Test void doubleSharedA2c() { compare(DataType.DOUBLE, true, 0.0, 1e-10); }
  @Test void floatSharedWithPenalty() { compare(DataType.FLOAT, true, 0.7, 2e-5); }

  @Test
  void ratioOnOwnDataIsExactlyOneBeforeTheFirstStep() {
    GaussianPolicy pi = SurrogateTest.policy(DataType.FLOAT, 7);
    Batch own = SurrogateTest.collect(pi, 70, 64);
    INDArray ones = own.advantages().like().assign(1.0);
    // with unit advantages the surrogate is the mean ratio; exact 1 only if every ratio is
    Surrogate.Result r = Surrogate.lossAndGradient(pi, List.of(own), List.of(ones), 0.0);
    assertEquals(1.0, r.surrogate(), 0.0);
    assertEquals(0.0, r.kl(), 0.0);
  }

  @Test
  void ownKlIsDiagGaussianKlOfTheCurrentPolicy() {
    for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      GaussianPolicy pi = SurrogateTest.policy(t, 8);
      Batch own = SurrogateTest.collect(pi, 80, 64);
      Surrogate.Prepared p = Surrogate.prepare(pi, List.of(own), Surrogate.advantages(List.of(own), true));
      assertEquals(0.0, p.ownKl(pi), 1e-12, "no step yet: the policy is the old one");
      pi.params().addi(org.gposuite.nn.MlpTest.randn(new SplittableRandom(9), t, 1, (int) pi.params().length()).muli(0.05));
      double ref = org.gposuite.nn.DiagGaussian.kl(own.oldMean(), own.oldLogStd(), pi.mean(own.obs()), pi.logStd()).meanNumber().doubleValue();
      assertTrue(ref > 1e-4);
      assertEquals(ref, p.ownKl(pi), (t == DataType.DOUBLE ? 1e-12 : 1e-5) * ref, t.toString());
    }
  }

  @Test
  void advantagesAreStandardisedWithTheSampleStd() {
    Batch b = SurrogateTest.collect(SurrogateTest.policy(DataType.FLOAT, 9), 90, 64);
    INDArray raw = b.advantages();
    INDArray ref = raw.sub(raw.meanNumber().doubleValue()).divi(raw.stdNumber().doubleValue() + 1e-8); // nd4j: sample std
    INDArray got = Surrogate.advantages(b, true);
    assertArrayEquals(raw.shape(), got.shape());
    for (long i = 0; i < raw.length(); i++) assertEquals(ref.getDouble(i), got.getDouble(i), 1e-5, "row " + i);
    assertSame(raw, Surrogate.advantages(b, false));
  }
}
