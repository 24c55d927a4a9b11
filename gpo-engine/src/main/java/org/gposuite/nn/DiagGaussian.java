package org.gposuite.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Gaussian distributions batched over states: row r of {@code mean} ({@code [n, d]})
 * with log standard deviations {@code logStd}, either one row {@code [1, d]} shared by every
 * state (the policies here) or one row per state {@code [n, d]} (e.g. a mixture's chosen
 * component). Results are per state, {@code [n, 1]}. Gradients are per state too; callers sum
 * the rows of a shared log-std gradient themselves.
 */
public final class DiagGaussian {
  private DiagGaussian() {}

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Gradient of a per-state quantity w.r.t. the mean and log-std of one argument, both {@code [n, d]}. */
  public record Grad(INDArray dMean, INDArray dLogStd) {}

  /** log N(a | mean, exp(logStd)^2), summed over action dimensions: {@code [n, 1]}. */
  public static INDArray logProb(INDArray mean, INDArray logStd, INDArray actions) {
    check(mean, logStd, "logProb");
    sameShape(mean, actions, "logProb actions");
    INDArray ls = rows(logStd, mean.size(0));
    INDArray z = actions.sub(mean).divi(Transforms.exp(ls, true));
    INDArray perDim = z.muli(z).muli(-0.5).subi(ls).subi(0.5 * LOG_2PI);
    return perDim.sum(true, 1);
  }

  /** Entropy of one state's distribution, {@code sum_d (logStd_d + 0.5 log(2 pi e))}; logStd {@code [1, d]}. */
  public static double entropy(INDArray logStd) {
    return logStd.sumNumber().doubleValue() + logStd.length() * 0.5 * (LOG_2PI + 1.0);
  }

  /**
   * KL[P || Q] per state, closed form:
   * {@code sum_d log sQ - log sP + (sP^2 + (mP - mQ)^2) / (2 sQ^2) - 1/2}.
   */
  public static INDArray kl(INDArray meanP, INDArray logStdP, INDArray meanQ, INDArray logStdQ) {
    check(meanP, logStdP, "kl P");
    check(meanQ, logStdQ, "kl Q");
    sameShape(meanP, meanQ, "kl means");
    long n = meanP.size(0);
    INDArray lp = rows(logStdP, n), lq = rows(logStdQ, n);
    INDArray varQ = Transforms.exp(lq.mul(2.0), false);
    INDArray diff = meanP.sub(meanQ);
    INDArray num = Transforms.exp(lp.mul(2.0), false).addi(diff.muli(diff));
    INDArray perDim = num.divi(varQ.muli(2.0)).addi(lq).subi(lp).subi(0.5);
    return perDim.sum(true, 1);
  }

  /** d logProb / d(mean, logStd), each row scaled by {@code upstream} ({@code [n, 1]}). */
  public static Grad logProbGrad(INDArray mean, INDArray logStd, INDArray actions, INDArray upstream) {
    check(mean, logStd, "logProbGrad");
    long n = mean.size(0);
    INDArray ls = rows(logStd, n);
    INDArray invVar = Transforms.exp(ls.mul(-2.0), false);
    INDArray diff = actions.sub(mean);
    INDArray dMean = diff.mul(invVar);                      // (a - m) / s^2
    INDArray dLogStd = diff.muli(dMean).subi(1.0);          // (a - m)^2 / s^2 - 1
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }

  /** d KL[P || Q] / d(meanP, logStdP), each row scaled by {@code upstream}. */
  public static Grad klGradFirst(INDArray meanP, INDArray logStdP, INDArray meanQ, INDArray logStdQ, INDArray upstream) {
    long n = meanP.size(0);
    INDArray lp = rows(logStdP, n), lq = rows(logStdQ, n);
    INDArray invVarQ = Transforms.exp(lq.mul(-2.0), false);
    INDArray dMean = meanP.sub(meanQ).muli(invVarQ);                                   // (mP - mQ) / sQ^2
    INDArray dLogStd = Transforms.exp(lp.mul(2.0), false).muli(invVarQ).subi(1.0);     // sP^2 / sQ^2 - 1
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }

  /** d KL[P || Q] / d(meanQ, logStdQ), each row scaled by {@code upstream}. */
  public static Grad klGradSecond(INDArray meanP, INDArray logStdP, INDArray meanQ, INDArray logStdQ, INDArray upstream) {
    long n = meanP.size(0);
    INDArray lp = rows(logStdP, n), lq = rows(logStdQ, n);
    INDArray invVarQ = Transforms.exp(lq.mul(-2.0), false);
    INDArray diff = meanQ.sub(meanP);
    INDArray dMean = diff.mul(invVarQ);                                                // (mQ - mP) / sQ^2
    INDArray num = Transforms.exp(lp.mul(2.0), false).addi(diff.muli(diff));
    INDArray dLogStd = num.muli(invVarQ).rsubi(1.0);                                   // 1 - (sP^2 + (mP-mQ)^2) / sQ^2
    return new Grad(dMean.muliColumnVector(upstream), dLogStd.muliColumnVector(upstream));
  }

  /** logStd broadcast to {@code [n, d]} (a copy when shared, the array itself when already per state). */
  static INDArray rows(INDArray logStd, long n) {
    if (logStd.size(0) == n && n != 1) return logStd;
    if (logStd.size(0) == n) return logStd.dup();
    return Nd4j.zeros(logStd.dataType(), n, logStd.size(1)).addiRowVector(logStd);
  }

  private static void check(INDArray mean, INDArray logStd, String what) {
    if (mean.rank() != 2 || logStd.rank() != 2 || mean.size(1) != logStd.size(1)
        || (logStd.size(0) != 1 && logStd.size(0) != mean.size(0)))
      throw new IllegalArgumentException("DiagGaussian." + what + ": mean must be [n, d] and logStd [1, d] or [n, d]; got "
          + java.util.Arrays.toString(mean.shape()) + " and " + java.util.Arrays.toString(logStd.shape()));
  }

  private static void sameShape(INDArray a, INDArray b, String what) {
    if (!java.util.Arrays.equals(a.shape(), b.shape()))
      throw new IllegalArgumentException("DiagGaussian." + what + ": shapes differ, " + java.util.Arrays.toString(a.shape())
          + " vs " + java.util.Arrays.toString(b.shape()));
  }
}
