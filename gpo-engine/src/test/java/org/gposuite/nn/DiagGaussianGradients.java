package org.gposuite.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link DiagGaussian}'s gradients in nd4j ops, batched over states like it: the reference form of
 * the closed-form gradients that the engine computes in plain Java ({@code nn.kernel.GaussianKl},
 * {@code pg.SurrogateKernel}). Test scope: the nd4j reference paths ({@code DaggerReference},
 * {@code SurrogateReference}) and the gradient checks use them. Gradients are per state, {@code [n, d]};
 * callers sum the rows of a shared log-std gradient themselves.
 */
public final class DiagGaussianGradients {
  private DiagGaussianGradients() {}

  /** Gradient of a per-state quantity w.r.t. the mean and log-std of one argument, both {@code [n, d]}. */
  public record Grad(INDArray dMean, INDArray dLogStd) {}

  /** d logProb / d(mean, logStd), each row scaled by {@code upstream} ({@code [n, 1]}). */
  public static Grad logProbGrad(INDArray mean, INDArray logStd, INDArray actions, INDArray upstream) {
    DiagGaussian.check(mean, logStd, "logProbGrad");
    long n = mean.size(0);
    INDArray ls = DiagGaussian.rows(logStd, n);
    INDArray invVar = Transforms.exp(ls.mul(-2.0), false);
    INDArray diff = actions.sub(mean);
    INDArray dMean = diff.mul(invVar);                      // (a - m) / s^2
    INDArray dLogStd = diff.muli(dMean).subi(1.0);          // (a - m)^2 / s^2 - 1
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }

  /** d KL[P || Q] / d(meanP, logStdP), each row scaled by {@code upstream}. */
  public static Grad klGradFirst(INDArray meanP, INDArray logStdP, INDArray meanQ, INDArray logStdQ, INDArray upstream) {
    long n = meanP.size(0);
    INDArray lp = DiagGaussian.rows(logStdP, n), lq = DiagGaussian.rows(logStdQ, n);
    INDArray invVarQ = Transforms.exp(lq.mul(-2.0), false);
    INDArray dMean = meanP.sub(meanQ).muli(invVarQ);                                   // (mP - mQ) / sQ^2
    INDArray dLogStd = Transforms.exp(lp.mul(2.0), false).muli(invVarQ).subi(1.0);     // sP^2 / sQ^2 - 1
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }

  /** d KL[P || Q] / d(meanQ, logStdQ), each row scaled by {@code upstream}. */
  public static Grad klGradSecond(INDArray meanP, INDArray logStdP, INDArray meanQ, INDArray logStdQ, INDArray upstream) {
    long n = meanP.size(0);
    INDArray lp = DiagGaussian.rows(logStdP, n), lq = DiagGaussian.rows(logStdQ, n);
    INDArray invVarQ = Transforms.exp(lq.mul(-2.0), false);
    INDArray diff = meanQ.sub(meanP);
    INDArray dMean = diff.mul(invVarQ);                                                // (mQ - mP) / sQ^2
    INDArray num = Transforms.exp(lp.mul(2.0), false).addi(diff.muli(diff));
    INDArray dLogStd = num.muli(invVarQ).rsubi(1.0);                                   // 1 - (sP^2 + (mP-mQ)^2) / sQ^2
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }
}
