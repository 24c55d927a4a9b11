package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.MlpTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared rows' rules of {@link SharingRule} inside the PPO/A2C loss: each rule's loss against an
 * independent plain-Java computation from its definition, and its gradient against finite
 * differences of that loss; and the rules that must leave Eq. 5 alone do so bit for bit.
 */
class SharingRuleTest {
  /** Own batch of policy 1, shared batches of policies 2 and 3 (another policy's data: ratios far from 1). */
  private static List<Batch> batches(GaussianPolicy pi) {
    List<Batch> b = new ArrayList<>();
    b.add(SurrogateTest.collect(pi, 10, 40));
    b.add(SurrogateTest.collect(SurrogateTest.policy(DataType.DOUBLE, 2), 20, 40));
    b.add(SurrogateTest.collect(SurrogateTest.policy(DataType.DOUBLE, 3), 30, 24));
    return b;
  }

  /** The rule's loss from its definition, per row in plain Java; anchors = pi's means before the update, per shared batch. */
  private static double referenceLoss(GaussianPolicy pi, List<Batch> batches, List<INDArray> adv, double beta, SharingRule rule,
                                      List<double[][]> anchorMeans, double[] anchorLogStd) {
    int k = batches.size(), d = pi.actDim();
    double[] ls = pi.logStdValues();
    double surr = 0, penalty = 0;
    for (int j = 0; j < k; j++) {
      Batch b = batches.get(j);
      INDArray m = pi.mean(b.obs()).dup();
      double s = 0, kl = 0;
      for (int r = 0; r < b.size(); r++) {
        double logp = 0;
        for (int a = 0; a < d; a++) {
          double z = (b.actions().getDouble(r, a) - m.getDouble(r, a)) / Math.exp(ls[a]);
          logp += -0.5 * z * z - ls[a] - 0.5 * Math.log(2 * Math.PI);
        }
        double ratio = Math.exp(logp - b.oldLogProb().getDouble(r, 0)), A = adv.get(j).getDouble(r, 0);
        double term = ratio * A;
        if (j > 0 && rule.mode() == SharingRule.Mode.TRUNCATED) term = Math.min(ratio, rule.truncation()) * A;
        if (j > 0 && rule.mode() == SharingRule.Mode.CLIPPED)
          term = Math.min(ratio * A, Math.max(1 - SharingRule.CLIP_RANGE, Math.min(1 + SharingRule.CLIP_RANGE, ratio)) * A);
        s += term;
        boolean penalised = j == 0 || rule.mode() == SharingRule.Mode.PENALISED;
        if (penalised)
          for (int a = 0; a < d; a++) {
            double refMean = j == 0 ? b.oldMean().getDouble(r, a) : anchorMeans.get(j)[r][a];
            double refLogStd = j == 0 ? b.oldLogStd().getDouble(0, a) : anchorLogStd[a];
            double diff = refMean - m.getDouble(r, a);
            kl += ls[a] - refLogStd + (Math.exp(2 * refLogStd) + diff * diff) / (2 * Math.exp(2 * ls[a])) - 0.5;
          }
      }
      surr += s / b.size() / k;
      penalty += kl / b.size();
    }
    return -surr + beta * penalty;
  }

  /** Prepares at the current parameters (the anchor), moves the parameters, then checks loss and gradient there. */
  private static void check(SharingRule rule, double beta) {
    GaussianPolicy pi = SurrogateTest.policy(DataType.DOUBLE, 1);
    List<Batch> batches = batches(pi);
    List<INDArray> adv = Surrogate.advantages(batches, true);
    SplittableRandom rng = new SplittableRandom(4);
    pi.params().addi(MlpTest.randn(rng, DataType.DOUBLE, 1, (int) pi.params().length()).muli(0.05));
    List<double[][]> anchors = new ArrayList<>();
    for (Batch b : batches) anchors.add(pi.mean(b.obs()).dup().toDoubleMatrix());
    double[] anchorLogStd = pi.logStdValues().clone();
    Surrogate.Prepared p = Surrogate.prepare(pi, batches, adv, rule);
    pi.params().addi(MlpTest.randn(rng, DataType.DOUBLE, 1, (int) pi.params().length()).muli(0.05));
    Surrogate.Result res = Surrogate.lossAndGradient(pi, p, beta);
    assertEquals(referenceLoss(pi, batches, adv, beta, rule, anchors, anchorLogStd), res.loss(), 1e-10, rule.toString());
    double[] g = pi.grads().toDoubleVector();
    for (int q = 0; q < g.length; q++) {
      double old = pi.params().getDouble(q), h = 1e-6;
      pi.params().putScalar(q, old + h);
      double lp = referenceLoss(pi, batches, adv, beta, rule, anchors, anchorLogStd);
      pi.params().putScalar(q, old - h);
      double lm = referenceLoss(pi, batches, adv, beta, rule, anchors, anchorLogStd);
      pi.params().putScalar(q, old);
      assertEquals((lp - lm) / (2 * h), g[q], 1e-6 * Math.max(1, Math.abs(g[q])), rule + " param " + q);
    }
  }

  @Test void truncatedAtOne() { check(SharingRule.truncated(1.0), 0.7); }
  @Test void truncatedAtOneAndAHalfUnderA2c() { check(SharingRule.truncated(1.5), 0.0); }
  @Test void clipped() { check(SharingRule.of(SharingRule.Mode.CLIPPED), 0.7); }
  @Test void penalised() { check(SharingRule.of(SharingRule.Mode.PENALISED), 0.7); }
  @Test void literal() { check(SharingRule.LITERAL, 0.7); }

  /** The data really are off-policy: each bounding rule changes the gradient, so the checks above test something. */
  @Test
  void everyRuleButLiteralChangesTheGradientOnAnotherPolicysData() {
    double[] literal = gradient(SharingRule.LITERAL);
    for (SharingRule r : List.of(SharingRule.truncated(1.0), SharingRule.of(SharingRule.Mode.CLIPPED), SharingRule.of(SharingRule.Mode.PENALISED))) {
      double[] g = gradient(r);
      double diff = 0;
      for (int q = 0; q < g.length; q++) diff = Math.max(diff, Math.abs(g[q] - literal[q]));
      assertTrue(diff > 1e-4, r + " left the gradient as it was (max difference " + diff + ")");
    }
    // a truncation no ratio reaches, and the rules that act outside the loss, are Eq. 5 to the bit
    for (SharingRule r : List.of(SharingRule.truncated(1e300), SharingRule.of(SharingRule.Mode.RECHECKED), SharingRule.of(SharingRule.Mode.OFF)))
      assertArrayEquals(literal, gradient(r), r.toString());
  }

  private static double[] gradient(SharingRule rule) {
    GaussianPolicy pi = SurrogateTest.policy(DataType.DOUBLE, 1);
    List<Batch> batches = batches(pi);
    List<INDArray> adv = Surrogate.advantages(batches, true);
    Surrogate.Prepared p = Surrogate.prepare(pi, batches, adv, rule);
    pi.params().addi(MlpTest.randn(new SplittableRandom(9), DataType.DOUBLE, 1, (int) pi.params().length()).muli(0.05));
    Surrogate.lossAndGradient(pi, p, 0.7);
    return pi.grads().toDoubleVector();
  }

  @Test
  void settingsSpellTheRulesAndRejectWhatTheyCannotMean() {
    for (SharingRule.Mode m : SharingRule.Mode.values()) assertEquals(m, SharingRule.parse(SharingRule.name(m).toUpperCase()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharingRule.parse("sometimes"));
    assertTrue(e.getMessage().contains("literal, truncated, clipped, rechecked, penalised, off"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SharingRule(SharingRule.Mode.CLIPPED, 2.0));
    assertThrows(IllegalArgumentException.class, () -> SharingRule.truncated(0));
    assertThrows(IllegalArgumentException.class, () -> SharingRule.truncated(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new A2c(A2cConfig.defaults(64), false, SharingRule.of(SharingRule.Mode.PENALISED)));
  }
}
