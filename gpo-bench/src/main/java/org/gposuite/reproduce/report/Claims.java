package org.gposuite.reproduce.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;

/** Verdicts on "A beats B" claims, with the rule spelled out in the text they return. */
final class Claims {
  /** Significance level of a single claim's one-sided Welch test. */
  static final double ALPHA = 0.05;

  private Claims() {}

  /** Does the paper itself show a clear difference (more than 2 combined standard errors)? */
  static boolean clear(PaperData.MeanSe a, PaperData.MeanSe b) {
    return Math.abs(a.mean() - b.mean()) > 2 * Math.hypot(a.stderr(), b.stderr());
  }

  /** Does the paper claim GPO above the other method: clearly ({@link #clear}) and in that direction? */
  static boolean gpoClaimedAbove(PaperData.MeanSe gpo, PaperData.MeanSe other) {
    return clear(gpo, other) && gpo.mean() > other.mean();
  }

  /** Our verdict on "better > worse", from seeds of each. */
  static String verdict(double[] better, double[] worse) {
    if (better.length == 0 || worse.length == 0) return "not run";
    double mb = Stats.mean(better);
    double mw = Stats.mean(worse);
    if (better.length < 2 || worse.length < 2) {
      return (mb > mw ? "same direction" : "opposite") + " (fewer than 2 seeds, untested)";
    }
    double pHolds = Stats.welchLowerP(worse, better);
    double pOpposite = Stats.welchLowerP(better, worse);
    if (pHolds < ALPHA) return String.format(Locale.ROOT, "**holds** (Welch p = %.2g)", pHolds);
    if (pOpposite < ALPHA) return String.format(Locale.ROOT, "**contradicted** (Welch p = %.2g)", pOpposite);
    return String.format(Locale.ROOT, "%s, not significant (p = %.2g)",
        mb > mw ? "same direction" : "opposite direction", Math.min(pHolds, pOpposite));
  }

  /** Whether "better > worse" is decided either way: it holds or is contradicted (2 seeds a side at least). */
  static boolean decided(double[] better, double[] worse) {
    return better.length >= 2 && worse.length >= 2 && openP(better, worse) < ALPHA;
  }

  /**
   * Holm's step-down correction: which of {@code p} are rejected with the chance of any false rejection
   * held at {@code alpha}. The smallest p must be below alpha / m, the next below alpha / (m - 1), and so
   * on, stopping at the first that is not (m = p.length; ties keep their order; "below", as a single
   * claim's p must be below {@link #ALPHA}).
   */
  static boolean[] holm(double[] p, double alpha) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < p.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    boolean[] rejected = new boolean[p.length];
    for (int k = 0; k < order.length; k++) {
      if (!(p[order[k]] < alpha / (p.length - k))) break;
      rejected[order[k]] = true;
    }
    return rejected;
  }

  /** The smaller of the two one-sided Welch p-values: how near the claim is to a verdict either way. */
  static double openP(double[] better, double[] worse) {
    return Math.min(Stats.welchLowerP(worse, better), Stats.welchLowerP(better, worse));
  }
}
