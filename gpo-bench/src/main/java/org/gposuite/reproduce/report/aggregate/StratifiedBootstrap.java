package org.gposuite.reproduce.report.aggregate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile confidence intervals by the stratified bootstrap (rliable's default): each repetition
 * redraws, with replacement, as many runs of each task as it has, from that task's runs only, and
 * recomputes the statistic; the interval is the 2.5th and 97.5th percentiles of the repetitions.
 *
 * <p>Every interval starts its own generator from {@link #seed}, so a report's numbers do not
 * depend on the order they are computed in, and the same scores always give the same interval.
 *
 * @param repetitions bootstrap repetitions (rliable uses 2,000-50,000; {@link #DEFAULT}: 2,000, which
 *     puts the 2.5% percentile on the 50th of 2,000 sorted values, enough for two significant digits)
 * @param seed the generator's seed
 */
public record StratifiedBootstrap(int repetitions, long seed) {
  /** 2,000 repetitions, seed 2021 (the year of the paper that proposed these metrics; any fixed number would do). */
  public static final StratifiedBootstrap DEFAULT = new StratifiedBootstrap(2_000, 2021);
  /** The interval's coverage: 95%, percentiles 2.5 and 97.5. */
  static final double LEVEL = 0.95;

  public StratifiedBootstrap {
    if (repetitions < 1) throw new IllegalArgumentException("bootstrap repetitions must be >= 1, got " + repetitions);
  }

  /** A statistic of the pooled runs (IQM, median, ...) with its interval. */
  public Estimate pooled(TaskScores scores, ToDoubleFunction<double[]> statistic) {
    return estimate(statistic.applyAsDouble(scores.pooled()), rng -> statistic.applyAsDouble(resample(scores, rng).pooled()));
  }

  /** P(X > Y) with its interval: X's and Y's runs are both redrawn, each within its tasks. */
  public Estimate improvement(TaskScores x, TaskScores y) {
    double point = AggregateScores.probabilityOfImprovement(x, y);
    if (Double.isNaN(point)) return new Estimate(point, point, point); // no task where both ran
    return estimate(AggregateScores.probabilityOfImprovement(x, y),
        rng -> AggregateScores.probabilityOfImprovement(resample(x, rng), resample(y, rng)));
  }

  /** The performance profile at each of {@code taus}: point, low and high per threshold. */
  public Estimate[] profile(TaskScores scores, double[] taus) {
    double[][] reps = new double[taus.length][repetitions];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int r = 0; r < repetitions; r++) {
      double[] pooled = resample(scores, rng).pooled();
      for (int t = 0; t < taus.length; t++) reps[t][r] = AggregateScores.fractionAbove(pooled, taus[t]);
    }
    double[] pooled = scores.pooled();
    Estimate[] out = new Estimate[taus.length];
    for (int t = 0; t < taus.length; t++) out[t] = interval(AggregateScores.fractionAbove(pooled, taus[t]), reps[t]);
    return out;
  }

  /** One bootstrap sample: per task, as many runs as it has, drawn with replacement from its own runs. */
  static TaskScores resample(TaskScores scores, SplittableRandom rng) {
    Map<String, double[]> out = new LinkedHashMap<>();
    scores.byTask().forEach((task, runs) -> {
      double[] drawn = new double[runs.length];
      for (int i = 0; i < drawn.length; i++) drawn[i] = runs[rng.nextInt(runs.length)];
      out.put(task, drawn);
    });
    return new TaskScores(out);
  }

  /**
   * {@code point} with the interval of {@code replicate}'s values over the repetitions, each given the
   * generator a repetition draws from. Every call starts the generator from {@link #seed}, so statistics
   * whose replicates draw alike see the same resamples (a difference of two is paired).
   */
  public Estimate estimate(double point, ToDoubleFunction<SplittableRandom> replicate) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] reps = new double[repetitions];
    for (int r = 0; r < repetitions; r++) reps[r] = replicate.applyAsDouble(rng);
    return interval(point, reps);
  }

  private static Estimate interval(double point, double[] reps) {
    double[] sorted = reps.clone();
    Arrays.sort(sorted);
    return new Estimate(point, percentile(sorted, (1 - LEVEL) / 2), percentile(sorted, 1 - (1 - LEVEL) / 2));
  }

  /**
   * The q-quantile of sorted values by linear interpolation between the two nearest ranks
   * (numpy.percentile's default, which rliable's percentile intervals use): position q (n - 1).
   */
  static double percentile(double[] sorted, double q) {
    double h = q * (sorted.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
