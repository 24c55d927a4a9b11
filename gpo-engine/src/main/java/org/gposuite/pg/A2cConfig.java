package org.gposuite.pg;

/**
 * A2C (paper Eq. 4 / Eq. 6): one policy-gradient step per batch, no penalty, no entropy bonus
 * (Eq. 4 has none). Field sources as in {@link PpoConfig}.
 *
 * @param gamma discount, 0.99 (paper)
 * @param gaeLambda GAE lambda, 0.95 (ours, as PPO)
 * @param batchSize steps per policy per iteration, 2048 (paper; 16384 Joint)
 * @param numEnvs environment copies, 8 (ours; must divide batchSize)
 * @param policyLearningRate Adam step size, 3e-3 (ours: one step per batch, so a larger step than
 *        PPO's to make similar progress per batch; Adam bounds each parameter's step by about this)
 * @param valueLearningRate 1e-3 (ours), @param valueEpochs 10 (ours), @param valueMinibatch 256 (ours)
 * @param normalizeObservations true (ours, as PPO)
 * @param normalizeAdvantages true (ours, as PPO)
 * @param initLogStd 0 (ours: rllab's init_std = 1)
 */
public record A2cConfig(double gamma, double gaeLambda, int batchSize, int numEnvs, double policyLearningRate,
                        double valueLearningRate, int valueEpochs, int valueMinibatch,
                        boolean normalizeObservations, boolean normalizeAdvantages, double initLogStd) implements HyperParameters {
  public A2cConfig {
    Checks.positive("A2cConfig.batchSize", batchSize);
    Checks.positive("A2cConfig.numEnvs", numEnvs);
    if (batchSize % numEnvs != 0)
      throw new IllegalArgumentException("A2cConfig: batchSize " + batchSize + " must be a multiple of numEnvs " + numEnvs + "; change one of them");
    Checks.unit("A2cConfig.gamma", gamma);
    Checks.unit("A2cConfig.gaeLambda", gaeLambda);
    Checks.positive("A2cConfig.policyLearningRate", policyLearningRate);
    Checks.positive("A2cConfig.valueLearningRate", valueLearningRate);
    Checks.positive("A2cConfig.valueMinibatch", valueMinibatch);
    if (valueEpochs < 0) throw new IllegalArgumentException("A2cConfig.valueEpochs: must be >= 0");
  }

  public static A2cConfig defaults(int batchSize) {
    return new A2cConfig(0.99, 0.95, batchSize, 8, 3e-3, 1e-3, 10, 256, true, true, 0.0);
  }

  public A2cConfig withBatch(int batchSize, int numEnvs) {
    return new A2cConfig(gamma, gaeLambda, batchSize, numEnvs, policyLearningRate, valueLearningRate, valueEpochs, valueMinibatch,
        normalizeObservations, normalizeAdvantages, initLogStd);
  }

  @Override
  public double initialBeta() { return 0.0; }

  /** The record's fields under their names of today, in its order: stored GPO hashes read this text. */
  @Override
  public ConfigIdentity identityFields() {
    return new ConfigIdentity("A2cConfig").add("gamma", gamma).add("gaeLambda", gaeLambda).add("batchSize", batchSize)
        .add("numEnvs", numEnvs).add("policyLearningRate", policyLearningRate).add("valueLearningRate", valueLearningRate)
        .add("valueEpochs", valueEpochs).add("valueMinibatch", valueMinibatch).add("normalizeObservations", normalizeObservations)
        .add("normalizeAdvantages", normalizeAdvantages).add("initLogStd", initLogStd);
  }
}
