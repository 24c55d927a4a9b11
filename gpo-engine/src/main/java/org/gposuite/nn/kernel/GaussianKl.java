package org.gposuite.nn.kernel;

/**
 * The closed-form KL divergence between diagonal Gaussians P = N(mP, sP^2) and Q = N(mQ, sQ^2)
 * and its gradients, one action dimension at a time, in double on Java values:
 * <pre>
 *   KL[P || Q] = sum_d  log sQ - log sP + (sP^2 + (mP - mQ)^2) / (2 sQ^2) - 1/2
 *   d/d mP      = (mP - mQ) / sQ^2                    d/d mQ      = (mQ - mP) / sQ^2
 *   d/d log sP  = sP^2 / sQ^2 - 1                     d/d log sQ  = 1 - (sP^2 + (mP - mQ)^2) / sQ^2
 * </pre>
 * DAgger's loss (Eq. 2) is KL[child || label], differentiated in its first argument
 * ({@code gpo.Dagger}); the PPO penalty (Eq. 3, 5) is KL[old || current], differentiated in its
 * second ({@code pg.SurrogateKernel}). The nd4j form of the value, {@code nn.DiagGaussian#kl},
 * serves the diagnostics; the nd4j form of the gradients is the test-scope reference these
 * kernels are checked against.
 *
 * <p>Callers pass {@code varP = exp(2 log sP)} and {@code invVarQ = exp(-2 log sQ)}, computed once
 * per dimension or row. Bits: each function is one fixed expression, evaluated left to right as
 * written here; the callers' loops fix the order of the sums. Where two callers sum the same
 * value in different orders, each order has its own function ({@link #term} per element,
 * {@link #columnSum} per dimension), so neither changes the other's bits.
 */
public final class GaussianKl {
  private GaussianKl() {}

  /**
   * One dimension's term of KL[P || Q]: {@code logStdQ - logStdP + 0.5 (varP + diff^2) invVarQ - 0.5},
   * with {@code meanDiff} = mP - mQ or mQ - mP (it is squared).
   */
  public static double term(double logStdP, double logStdQ, double varP, double meanDiff, double invVarQ) {
    return logStdQ - logStdP + 0.5 * (varP + meanDiff * meanDiff) * invVarQ - 0.5;
  }

  /**
   * The sum of {@link #term} over n rows that share both log-stds, grouped as
   * {@code n (logStdQ - logStdP - 0.5) + 0.5 sumSq invVarQ}, with {@code sumSq} the rows' sum of
   * {@code varP + (mP - mQ)^2}: one pass down a column (not the same rounding as n terms).
   */
  public static double columnSum(int n, double logStdP, double logStdQ, double sumSq, double invVarQ) {
    return n * (logStdQ - logStdP - 0.5) + 0.5 * sumSq * invVarQ;
  }

  /** d KL[P || Q] / d mP = {@code (meanP - meanQ) invVarQ}. */
  public static double gradMeanP(double meanP, double meanQ, double invVarQ) {
    return (meanP - meanQ) * invVarQ;
  }

  /** d KL[P || Q] / d mQ = {@code (meanQ - meanP) invVarQ}. */
  public static double gradMeanQ(double meanP, double meanQ, double invVarQ) {
    return (meanQ - meanP) * invVarQ;
  }

  /** d KL[P || Q] / d log sP = {@code varP invVarQ - 1}. */
  public static double gradLogStdP(double varP, double invVarQ) {
    return varP * invVarQ - 1;
  }

  /** d KL[P || Q] / d log sQ = {@code 1 - (varP + meanDiff^2) invVarQ}, {@code meanDiff} of either sign. */
  public static double gradLogStdQ(double varP, double meanDiff, double invVarQ) {
    return 1.0 - (varP + meanDiff * meanDiff) * invVarQ;
  }
}
