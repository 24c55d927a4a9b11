package org.gposuite.pg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * B steps of one policy on a vectorised task, time-major (row {@code t * numEnvs + e}).
 * Everything a later update needs, including by another policy that shares this data:
 * raw observations, the actions taken, the collecting policy's log-probabilities and its
 * mean/log-std (the "old" policy of PPO's ratio and KL penalty, and pi_j_old of Eq. 5/6),
 * rewards, how episodes ended, GAE advantages and value targets, and finished-episode returns.
 *
 * @param obs raw observations {@code [B, obsDim]}
 * @param actions sampled (unclipped) actions {@code [B, actDim]}
 * @param oldLogProb log pi_old(a|s) {@code [B, 1]}
 * @param oldMean pi_old's mean {@code [B, actDim]}
 * @param oldLogStd pi_old's log-std {@code [1, actDim]}
 * @param advantages GAE advantages {@code [B, 1]} (not normalised)
 * @param valueTargets advantages + V(s) {@code [B, 1]}
 * @param episodeReturns undiscounted returns of the episodes that ended inside this batch
 */
public record Batch(int numEnvs, INDArray obs, INDArray actions, INDArray oldLogProb, INDArray oldMean, INDArray oldLogStd,
                    double[] rewards, boolean[] terminated, boolean[] truncated,
                    INDArray advantages, INDArray valueTargets, double[] episodeReturns) {
  public int size() { return (int) obs.size(0); }

  /** Mean of {@link #episodeReturns()}, NaN if no episode ended in this batch. */
  public double meanEpisodeReturn() {
    if (episodeReturns.length == 0) return Double.NaN;
    double s = 0;
    for (double r : episodeReturns) s += r;
    return s / episodeReturns.length;
  }
}
