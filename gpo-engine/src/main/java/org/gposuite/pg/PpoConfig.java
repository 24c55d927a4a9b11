package org.gposuite.pg;

/**
 * PPO with the adaptive-KL penalty (paper Eq. 3 / Eq. 5). "Paper" = stated in the GPO paper;
 * "PPO paper" = Schulman et al. 2017, Sec. 4 (the adaptive-KL variant the GPO paper names);
 * "ours" = the GPO paper leaves it open, reason given.
 *
 * @param gamma discount, 0.99 (paper, App. 6.3.1)
 * @param gaeLambda GAE lambda, 0.95 (ours: the PPO paper's MuJoCo value; 1 gives Monte Carlo returns minus baseline)
 * @param batchSize environment steps per policy per iteration, 2048 (paper; 16384 for Joint)
 * @param numEnvs environment copies stepped together while collecting, 8 (ours: batches inference; must divide batchSize)
 * @param epochs full-batch gradient steps per batch, 10 (paper, Sec. 4.1)
 * @param policyLearningRate Adam step size for the policy, 1e-3 (ours: with only 10 full-batch steps per
 *        batch, the PPO paper's 3e-4 for 320 minibatch steps learns too slowly; 1e-3 reached the
 *        learning-test threshold, see pg.LearningTest)
 * @param klTarget target KL[pi_old || pi] per batch, 0.01 (PPO paper: d_targ, middle of its tested 0.003-0.03)
 * @param initialBeta initial penalty coefficient, 1.0 (PPO paper)
 * @param betaFactor beta is multiplied/divided by this, 2 (PPO paper)
 * @param betaTolerance beta changes when KL leaves [target / tol, target * tol], 1.5 (PPO paper)
 * @param valueLearningRate Adam step size of the value baseline, 2e-3 (ours: with the full-batch schedule below,
 *        1e-3 moved V too little per batch)
 * @param valueEpochs Adam steps fitting V after each policy update, 20 (ours, see valueMinibatch)
 * @param valueMinibatch minibatch rows when fitting V, 2048 = full batch (ours: a step on 256 rows costs nearly as
 *        much as one on 2048, nd4j's fixed per-op cost dominating both, so the former 10 epochs x 8 minibatches
 *        of 256 (80 steps at 1e-3) took about twice the physics of the batch. 20 full-batch steps at 2e-3 cost
 *        ~1/4 of that and PPO still reached the learning-test threshold on InvertedDoublePendulum seeds 1-4
 *        (at 80k-156k steps; the 80-step schedule: 70k-176k). Cheaper schedules each failed one of those seeds:
 *        15 or 10 full-batch steps, 5 epochs of 512.)
 * @param normalizeObservations running mean/std observation normalisation, true (ours: rllab task
 *        observations differ in scale by orders of magnitude, e.g. joint velocities)
 * @param normalizeAdvantages standardise advantages per batch, true (ours: common PPO practice; makes the step size task independent)
 * @param initLogStd initial log-std of every action dimension, 0 (ours: rllab's init_std = 1)
 */
public record PpoConfig(double gamma, double gaeLambda, int batchSize, int numEnvs, int epochs, double policyLearningRate,
                        double klTarget, double initialBeta, double betaFactor, double betaTolerance,
                        double valueLearningRate, int valueEpochs, int valueMinibatch,
                        boolean normalizeObservations, boolean normalizeAdvantages, double initLogStd) implements HyperParameters {
  public PpoConfig {
    Checks.positive("PpoConfig.batchSize", batchSize);
    Checks.positive("PpoConfig.numEnvs", numEnvs);
    if (batchSize % numEnvs != 0)
      throw new IllegalArgumentException("PpoConfig: batchSize " + batchSize + " must be a multiple of numEnvs " + numEnvs + "; change one of them");
    Checks.positive("PpoConfig.epochs", epochs);
    Checks.unit("PpoConfig.gamma", gamma);
    Checks.unit("PpoConfig.gaeLambda", gaeLambda);
    Checks.positive("PpoConfig.policyLearningRate", policyLearningRate);
    Checks.positive("PpoConfig.klTarget", klTarget);
    Checks.positive("PpoConfig.initialBeta", initialBeta);
    if (!(betaFactor > 1 && betaTolerance > 1)) throw new IllegalArgumentException("PpoConfig: betaFactor and betaTolerance must be > 1");
    Checks.positive("PpoConfig.valueLearningRate", valueLearningRate);
    Checks.positive("PpoConfig.valueMinibatch", valueMinibatch);
    if (valueEpochs < 0) throw new IllegalArgumentException("PpoConfig.valueEpochs: must be >= 0");
  }

  /** Defaults as documented above, for a batch size (2048 Single/GPO, 16384 Joint). */
  public static PpoConfig defaults(int batchSize) {
    return new PpoConfig(0.99, 0.95, batchSize, 8, 10, 1e-3, 0.01, 1.0, 2.0, 1.5, 2e-3, 20, 2048, true, true, 0.0);
  }

  public PpoConfig withBatch(int batchSize, int numEnvs) {
    return new PpoConfig(gamma, gaeLambda, batchSize, numEnvs, epochs, policyLearningRate, klTarget, initialBeta, betaFactor,
        betaTolerance, valueLearningRate, valueEpochs, valueMinibatch, normalizeObservations, normalizeAdvantages, initLogStd);
  }

  /** The record's fields under their names of today, in its order: stored GPO hashes read this text. */
  @Override
  public ConfigIdentity identityFields() {
    return new ConfigIdentity("PpoConfig").add("gamma", gamma).add("gaeLambda", gaeLambda).add("batchSize", batchSize)
        .add("numEnvs", numEnvs).add("epochs", epochs).add("policyLearningRate", policyLearningRate).add("klTarget", klTarget)
        .add("initialBeta", initialBeta).add("betaFactor", betaFactor).add("betaTolerance", betaTolerance)
        .add("valueLearningRate", valueLearningRate).add("valueEpochs", valueEpochs).add("valueMinibatch", valueMinibatch)
        .add("normalizeObservations", normalizeObservations).add("normalizeAdvantages", normalizeAdvantages).add("initLogStd", initLogStd);
  }

  public PpoConfig withPolicyLearningRate(double lr) {
    return new PpoConfig(gamma, gaeLambda, batchSize, numEnvs, epochs, lr, klTarget, initialBeta, betaFactor,
        betaTolerance, valueLearningRate, valueEpochs, valueMinibatch, normalizeObservations, normalizeAdvantages, initLogStd);
  }
}
