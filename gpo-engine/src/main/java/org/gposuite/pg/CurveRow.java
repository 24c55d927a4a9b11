package org.gposuite.pg;

/**
 * One point of a learning curve: after an iteration of policy {@code policy}.
 *
 * @param timesteps environment steps this policy has used so far
 * @param meanEpisodeReturn mean return of the episodes that ended in the iteration's batch (NaN if none)
 * @param valueError mean squared error of V on the batch's value targets before the fit (out of sample)
 * @param wallSeconds seconds since the run started
 */
public record CurveRow(int policy, int iteration, long timesteps, double meanEpisodeReturn, int episodes,
                       double kl, double beta, double entropy, double valueError, double wallSeconds) {
  static final String[] HEADER = {"policy", "iteration", "timesteps", "mean_episode_return", "episodes", "kl", "beta", "entropy", "value_error", "wall_seconds"};

  Object[] values() {
    return new Object[] {policy, iteration, timesteps, meanEpisodeReturn, episodes, kl, beta, entropy, valueError, wallSeconds};
  }
}
