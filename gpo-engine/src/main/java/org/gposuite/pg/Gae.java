package org.gposuite.pg;

/**
 * Generalised advantage estimation over a vectorised rollout stored time-major: row
 * {@code t * numEnvs + e} is step t of copy e.
 *
 * <p>{@code nextValues[row]} is the value of the state after the step: V(s_{t+1}) normally,
 * V(final observation) when the episode was truncated by the time limit (the bootstrap), and 0
 * when it terminated. An episode end (terminated or truncated) stops the recursion.
 * {@code delta = r + gamma * nextV - V}, {@code A_t = delta_t + gamma * lambda * A_{t+1}} within
 * an episode. With lambda = 1 this is the discounted Monte Carlo return minus the baseline.
 */
public final class Gae {
  private Gae() {}

  /** The discount gamma and GAE's lambda, both in [0, 1]. */
  public record Discount(double gamma, double lambda) {}

  /** Advantages; value targets are {@code advantages + values}. */
  public static double[] advantages(double[] rewards, double[] values, double[] nextValues, boolean[] episodeEnded, int numEnvs,
                                    Discount discount) {
    double gamma = discount.gamma(), lambda = discount.lambda();
    int n = rewards.length;
    if (values.length != n || nextValues.length != n || episodeEnded.length != n || numEnvs <= 0 || n % numEnvs != 0)
      throw new IllegalArgumentException("Gae: arrays must have equal length, a multiple of numEnvs=" + numEnvs + " (got " + n + ")");
    if (!(gamma >= 0 && gamma <= 1 && lambda >= 0 && lambda <= 1))
      throw new IllegalArgumentException("Gae: gamma and lambda must be in [0, 1], got " + gamma + ", " + lambda);
    double[] adv = new double[n];
    for (int e = 0; e < numEnvs; e++) {
      double next = 0;
      for (int row = n - numEnvs + e; row >= 0; row -= numEnvs) {
        double delta = rewards[row] + gamma * nextValues[row] - values[row];
        next = delta + (episodeEnded[row] ? 0.0 : gamma * lambda * next);
        adv[row] = next;
      }
    }
    return adv;
  }
}
