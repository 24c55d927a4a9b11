package org.gposuite.pg;

/**
 * Diagnostics of one update of one agent.
 *
 * @param kl mean KL[pi_old || pi_new] over the own batch after the update
 * @param beta KL coefficient after the adaptive rule (PPO; 0 for A2C)
 * @param entropy policy entropy after the update
 * @param surrogate advantage term of the loss at the last step
 * @param valueError mean squared error of V on the batch's value targets before the fit (out of sample)
 * @param policyNanos time in the policy update, @param valueNanos time fitting V in line (0 when it ran in the background)
 */
public record UpdateStats(double kl, double beta, double entropy, double surrogate, double valueError, long policyNanos, long valueNanos) {}
