package org.gposuite.reproduce.compare;

import org.apache.commons.math3.distribution.TDistribution;

/** The few statistics the report and the regression check use. */
public final class Stats {
  private Stats() {}

  public static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) s += x;
    return s / xs.length;
  }

  /** The middle value, the mean of the two middle values for an even count (numpy's median); NaN for no values. */
  public static double median(double[] xs) {
    if (xs.length == 0) return Double.NaN;
    double[] s = xs.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Sample variance (n - 1); 0 for a single value. */
  public static double variance(double[] xs) {
    if (xs.length < 2) return 0;
    double m = mean(xs);
    double s = 0;
    for (double x : xs) s += (x - m) * (x - m);
    return s / (xs.length - 1);
  }

  /** Standard error of the mean, as the paper's tables report it; 0 for a single value. */
  public static double stderr(double[] xs) {
    return Math.sqrt(variance(xs) / xs.length);
  }

  /**
   * Two-sided confidence interval for the mean by Student's t with n - 1 degrees of freedom:
   * mean ± t(1 - (1 - level) / 2, n - 1) · se. With one value there is no spread: NaN bounds.
   */
  public static double[] tInterval(double[] xs, double level) {
    double m = mean(xs);
    if (xs.length < 2) return new double[] {Double.NaN, Double.NaN};
    double half = new TDistribution(null, xs.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2) * stderr(xs);
    return new double[] {m - half, m + half};
  }

  /**
   * One-sided Welch t-test of "mean(a) < mean(b)": the p-value, small when a is convincingly
   * lower. Needs two values on each side; when both sides have zero spread the answer is 0 or 1
   * by the means (no noise, so any difference is certain).
   */
  public static double welchLowerP(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("Welch's test needs >= 2 values per side, got "
          + a.length + " and " + b.length);
    }
    double va = variance(a) / a.length;
    double vb = variance(b) / b.length;
    double diff = mean(a) - mean(b);
    if (va + vb == 0) return diff < 0 ? 0 : 1;
    double t = diff / Math.sqrt(va + vb);
    // Welch-Satterthwaite degrees of freedom.
    double df = (va + vb) * (va + vb)
        / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    return new TDistribution(null, df).cumulativeProbability(t);
  }
}
