package org.gposuite.nn;

import org.gposuite.nn.kernel.DimensionOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Gaussian distributions batched over states: row r of {@code mean} ({@code [n, d]})
 * with log standard deviations {@code logStd}, either one row {@code [1, d]} shared by every
 * state (the policies here) or one row per state {@code [n, d]} (e.g. a mixture's chosen
 * component). Results are per state, {@code [n, 1]}. The gradients that training needs are
 * computed in plain Java: the KL's by {@link org.gposuite.nn.kernel.GaussianKl}, the log-prob's by
 * {@code pg.SurrogateKernel}; their nd4j forms are test-scope references.
 */
public final class DiagGaussian {
  private DiagGaussian() {}

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** log N(a | mean, exp(logStd)^2), summed over action dimensions: {@code [n, 1]}. */
  public static INDArray logProb(INDArray mean, INDArray logStd, INDArray actions) {
    check(mean, logStd, "logProb");
    sameShape(mean, actions, "logProb actions");
    INDArray ls = rows(logStd, mean.size(0));
    INDArray z = actions.sub(mean).divi(Transforms.exp(ls, true));
    INDArray perDim = z.muli(z).muli(-0.5).subi(ls).subi(0.5 * LOG_2PI);
    return DimensionOps.rowSums(perDim);
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
    return DimensionOps.rowSums(perDim);
  }

  /** logStd broadcast to {@code [n, d]} (a copy when shared, the array itself when already per state). */
  static INDArray rows(INDArray logStd, long n) {
    if (logStd.size(0) == n && n != 1) return logStd;
    if (logStd.size(0) == n) return logStd.dup();
    return DimensionOps.addiRowVector(Nd4j.zeros(logStd.dataType(), n, logStd.size(1)), logStd);
  }

  static void check(INDArray mean, INDArray logStd, String what) {
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
