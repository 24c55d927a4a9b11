package org.gposuite.reproduce.report.aggregate;

/**
 * A point estimate with its 95% stratified-bootstrap percentile interval. When the bootstrap has
 * nothing to redraw (one run per task) the interval collapses onto the point: {@link #hasSpread} is false.
 */
public record Estimate(double point, double low, double high) {
  public boolean hasSpread() {
    return high > low;
  }
}
