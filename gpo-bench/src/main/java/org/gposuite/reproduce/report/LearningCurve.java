package org.gposuite.reproduce.report;

import java.util.List;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.store.StoredCell;

/**
 * One method's learning curve over its seeds, as Figs. 4 and 8 draw it: the mean over seeds with
 * a band from the lowest to the highest seed, on a common grid of environment steps (DAgger
 * included: a cell's curve x is its own step count, which for GPO holds its crossovers' steps).
 *
 * <p>Why a grid: GPO's points sit where its rounds end, and a self-couple (no DAgger) shifts a
 * seed's later points, so seeds do not share x values; each seed is interpolated linearly onto
 * {@link #POINTS} steps from the latest first point to the earliest last point of the seeds,
 * i.e. only where every seed has data, so the mean is never over a changing set of seeds.
 *
 * <p>The curve is the average training return of the cell's policies per iteration; the table's
 * value is the best policy's evaluation at the end. They are different numbers on purpose (the
 * paper's figures and tables differ the same way), so the plot shows the table value as its own
 * marker at the steps the cells used: curve and table can be compared, not silently disagree.
 *
 * @param steps grid x, environment steps
 * @param mean mean over seeds at each grid point
 * @param low lowest seed at each grid point
 * @param high highest seed at each grid point
 * @param seeds number of seeds (cells with a curve)
 * @param tableReturn mean over seeds of the table's final return
 * @param stepsUsed mean over seeds of the steps the cells used (the table marker's x)
 */
public record LearningCurve(double[] steps, double[] mean, double[] low, double[] high, int seeds,
    double tableReturn, double stepsUsed) {

  static final int POINTS = 200;

  /** The curve of one group of cells; empty when no cell has at least two curve points. */
  public static java.util.Optional<LearningCurve> of(List<StoredCell> cells) {
    List<StoredCell> withCurve = cells.stream().filter(c -> c.curve().size() >= 2).toList();
    if (withCurve.isEmpty()) return java.util.Optional.empty();
    double from = Double.NEGATIVE_INFINITY, to = Double.POSITIVE_INFINITY;
    for (StoredCell c : withCurve) {
      from = Math.max(from, c.curve().getFirst().steps());
      to = Math.min(to, c.curve().getLast().steps());
    }
    int points = to > from ? POINTS : 1;
    double[] x = new double[points], mean = new double[points], low = new double[points], high = new double[points];
    for (int i = 0; i < points; i++) {
      x[i] = points == 1 ? to : from + (to - from) * i / (points - 1);
      double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (StoredCell c : withCurve) {
        double y = interpolate(c.curve(), x[i]);
        sum += y;
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      mean[i] = sum / withCurve.size();
      low[i] = lo;
      high[i] = hi;
    }
    double table = withCurve.stream().mapToDouble(c -> c.record().finalReturn()).average().orElseThrow();
    double used = withCurve.stream().mapToDouble(c -> c.record().stepsUsed()).average().orElseThrow();
    return java.util.Optional.of(new LearningCurve(x, mean, low, high, withCurve.size(), table, used));
  }

  /** Linear interpolation of a curve (x increasing) at x inside its range. */
  static double interpolate(List<CurvePoint> curve, double x) {
    int hi = 1;
    while (hi < curve.size() - 1 && curve.get(hi).steps() < x) hi++;
    CurvePoint a = curve.get(hi - 1), b = curve.get(hi);
    if (b.steps() == a.steps()) return b.averageReturn();
    double t = (x - a.steps()) / (double) (b.steps() - a.steps());
    t = Math.max(0, Math.min(1, t));
    return a.averageReturn() + t * (b.averageReturn() - a.averageReturn());
  }
}
