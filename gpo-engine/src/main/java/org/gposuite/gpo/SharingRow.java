package org.gposuite.gpo;

/**
 * One batch that a policy's update could read at one mutation iteration, other than its own:
 * written to {@code sharing.csv} for every policy, iteration and member j of its sharing set S_i
 * (issue 19: what sharing did, observable). Measured just before the update, so the numbers are
 * those the update's first step sees.
 *
 * @param iteration the curve's iteration index (as in curve.csv)
 * @param policy i, the updating policy's slot; @param source j, the slot whose batch this is
 * @param used whether the update read it (false only under the rechecked rule, when kl had reached epsilon)
 * @param kl mean over batch j's states of KL[pi_i || pi_j_old]
 * @param essFraction effective sample size of the importance weights pi_i / pi_j_old over the batch's length
 * @param maxWeight the largest importance weight (before any truncation or clipping)
 * @param beta pi_i's KL-penalty coefficient for this update (0 under A2C)
 */
public record SharingRow(int round, int iteration, int policy, int source, boolean used, double kl, double essFraction,
                         double maxWeight, double beta) {}
