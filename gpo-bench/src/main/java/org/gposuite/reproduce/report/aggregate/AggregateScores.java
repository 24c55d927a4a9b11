package org.gposuite.reproduce.report.aggregate;

import java.util.Arrays;
import org.gposuite.reproduce.compare.Stats;

/**
 * The aggregate metrics of Agarwal et al. (NeurIPS 2021; rliable), on normalised scores pooled
 * over the runs of all tasks (facts in ../shared/reference/aggregate-metrics.md). Point estimates
 * only; {@link StratifiedBootstrap} gives their intervals.
 */
public final class AggregateScores {
  private AggregateScores() {}

  /** A statistic of one method's pooled scores. */
  public enum Metric {
    IQM("IQM"), MEDIAN("median"), MEAN("mean"), OPTIMALITY_GAP("optimality gap");

    private final String label;

    Metric(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public double of(double[] pooled) {
      return switch (this) {
        case IQM -> iqm(pooled);
        case MEDIAN -> median(pooled);
        case MEAN -> mean(pooled);
        case OPTIMALITY_GAP -> optimalityGap(pooled);
      };
    }
  }

  /** The share of the runs cut from each end for the interquartile mean. */
  static final double QUARTILE = 0.25;

  /**
   * Interquartile mean: the mean of the runs left after cutting floor(n / 4) runs from each end
   * of the sorted scores. This is scipy.stats.trim_mean(x, 0.25), which rliable's IQM calls: whole
   * runs only, no fractional weights, so for n not a multiple of 4 slightly more than half the runs
   * are kept (n = 9: the middle 5; n = 16: the middle 8; n < 4: all, the plain mean).
   */
  public static double iqm(double[] xs) {
    requireRuns(xs);
    double[] s = xs.clone();
    Arrays.sort(s);
    int cut = (int) (QUARTILE * s.length);
    double sum = 0;
    for (int i = cut; i < s.length - cut; i++) sum += s[i];
    return sum / (s.length - 2 * cut);
  }

  /** The middle value; the mean of the two middle values for an even count (numpy's median). */
  public static double median(double[] xs) {
    requireRuns(xs);
    return Stats.median(xs);
  }

  public static double mean(double[] xs) {
    requireRuns(xs);
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / xs.length;
  }

  /** Mean over runs of max(0, 1 - score): how far below the target score 1 (the paper's Single) a method falls; 0 is best. */
  public static double optimalityGap(double[] xs) {
    requireRuns(xs);
    double sum = 0;
    for (double x : xs) sum += Math.max(0, 1 - x);
    return sum / xs.length;
  }

  /** Performance profile at {@code tau}: the fraction of runs whose score is above it (strictly, as rliable). */
  public static double fractionAbove(double[] xs, double tau) {
    requireRuns(xs);
    int above = 0;
    for (double x : xs) if (x > tau) above++;
    return (double) above / xs.length;
  }

  /**
   * P(X > Y) on one task: the probability that a random run of X beats a random run of Y, ties
   * counting 1/2, i.e. the Mann-Whitney U statistic of X over Y divided by n_X n_Y.
   */
  public static double probabilityGreater(double[] x, double[] y) {
    requireRuns(x);
    requireRuns(y);
    double u = 0;
    for (double a : x) for (double b : y) u += a > b ? 1 : a == b ? 0.5 : 0;
    return u / ((double) x.length * y.length);
  }

  /**
   * Probability of improvement P(X > Y): {@link #probabilityGreater} per task, averaged over the
   * tasks where both methods have runs (each task weighs the same, whatever its run counts). NaN
   * when they share no task.
   */
  public static double probabilityOfImprovement(TaskScores x, TaskScores y) {
    double sum = 0;
    int tasks = 0;
    for (var e : x.byTask().entrySet()) {
      double[] other = y.byTask().get(e.getKey());
      if (other == null) continue;
      sum += probabilityGreater(e.getValue(), other);
      tasks++;
    }
    return tasks == 0 ? Double.NaN : sum / tasks;
  }

  private static void requireRuns(double[] xs) {
    if (xs.length == 0) throw new IllegalArgumentException("an aggregate needs at least one run");
  }
}
