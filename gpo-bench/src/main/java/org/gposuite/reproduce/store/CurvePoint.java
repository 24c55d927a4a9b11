package org.gposuite.reproduce.store;

/**
 * One point of a learning curve (Fig. 4): the return the method reports after {@code steps}
 * environment steps, counted over all its policies (the paper's x-axis is total timesteps).
 */
public record CurvePoint(long steps, double averageReturn) {
  public CurvePoint {
    if (steps < 0) throw new IllegalArgumentException("curve steps must be >= 0, got " + steps);
    if (!Double.isFinite(averageReturn)) {
      throw new IllegalArgumentException("curve return at step " + steps + " is " + averageReturn);
    }
  }
}
