package org.gposuite.pg;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The policy loss of PPO (Eq. 3/5) and A2C (Eq. 4/6) with data sharing, and its gradient.
 *
 * <p>For policy i with batches j in S_i (its own first):
 * <pre>
 *   L(theta) = -(1/|S_i|) sum_j mean_{t in j} [ pi_theta(a_t|s_t) / pi_j_old(a_t|s_t) * A_t ]
 *              + beta * mean_{t in own} KL[ pi_i_old(.|s_t) || pi_theta(.|s_t) ]
 * </pre>
 * For j = i the weight is PPO's usual ratio, exactly 1 before the first step; A2C is beta = 0 and
 * one step, where the gradient of the ratio equals grad log pi * A (Eq. 4). We average the per-batch
 * terms over S_i (the paper writes a sum) so the penalty's weight does not shrink as more
 * neighbours share; with Adam the overall scale would hardly matter anyway.
 */
public final class Surrogate {
  private Surrogate() {}

  /** @param loss L above; @param surrogate the advantage term without sign; @param kl mean KL[old || new] on own data */
  public record Result(double loss, double surrogate, double kl) {}

  /** Advantages of a batch, standardised to mean 0 and std 1 if asked. */
  public static INDArray advantages(Batch b, boolean normalize) {
    if (!normalize) return b.advantages();
    INDArray a = b.advantages();
    double mu = a.meanNumber().doubleValue(), sd = a.stdNumber().doubleValue();
    return a.sub(mu).divi(sd + 1e-8);
  }

  /** Per-row importance weights pi(a|s) / pi_old(a|s) of a batch under the current policy, {@code [B, 1]}. */
  public static INDArray importanceWeights(GaussianPolicy pi, Batch b) {
    INDArray logp = DiagGaussian.logProb(pi.mean(b.obs()), pi.logStd(), b.actions());
    return org.nd4j.linalg.ops.transforms.Transforms.exp(logp.subi(b.oldLogProb()), false);
  }

  /**
   * Computes L and writes dL/dtheta to {@code pi.grads()}.
   * @param batches own batch first, then the shared ones
   * @param advantages per batch, same order (see {@link #advantages})
   */
  public static Result lossAndGradient(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages, double beta) {
    if (batches.isEmpty() || batches.size() != advantages.size())
      throw new IllegalArgumentException("Surrogate: need one advantage array per batch and at least the own batch");
    int k = batches.size();
    INDArray acc = k > 1 ? pi.grads().like() : null;
    double surrogate = 0, kl = 0;
    for (int j = 0; j < k; j++) {
      Batch b = batches.get(j);
      long n = b.size();
      INDArray mean = pi.mean(b.obs());
      INDArray logp = DiagGaussian.logProb(mean, pi.logStd(), b.actions());
      INDArray ratio = org.nd4j.linalg.ops.transforms.Transforms.exp(logp.subi(b.oldLogProb()), false);
      INDArray weighted = ratio.muli(advantages.get(j));
      surrogate += weighted.sumNumber().doubleValue() / (n * (double) k);
      DiagGaussian.Grad g = DiagGaussian.logProbGrad(mean, pi.logStd(), b.actions(), weighted.muli(-1.0 / (n * (double) k)));
      INDArray dMean = g.dMean(), dLogStd = g.dLogStd().sum(true, 0);
      if (j == 0 && beta != 0) {
        INDArray perState = DiagGaussian.kl(b.oldMean(), b.oldLogStd(), mean, pi.logStd());
        kl = perState.meanNumber().doubleValue();
        INDArray up = perState.assign(beta / n);
        DiagGaussian.Grad kg = DiagGaussian.klGradSecond(b.oldMean(), b.oldLogStd(), mean, pi.logStd(), up);
        dMean.addi(kg.dMean());
        dLogStd.addi(kg.dLogStd().sum(true, 0));
      } else if (j == 0) {
        kl = DiagGaussian.kl(b.oldMean(), b.oldLogStd(), mean, pi.logStd()).meanNumber().doubleValue();
      }
      pi.backward(dMean, dLogStd);
      if (acc != null) acc.addi(pi.grads());
    }
    if (acc != null) pi.grads().assign(acc);
    return new Result(-surrogate + beta * kl, surrogate, kl);
  }

  static List<Batch> ownFirst(Batch own, List<Batch> shared) {
    List<Batch> all = new ArrayList<>(1 + shared.size());
    all.add(own);
    for (Batch b : shared) if (b != own) all.add(b);
    return all;
  }
}
