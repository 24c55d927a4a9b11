package org.gposuite.pg;

/** What every policy-gradient config shares; lets the collector and agents serve PPO and A2C alike. */
public interface HyperParameters {
  double gamma();
  double gaeLambda();
  int batchSize();
  int numEnvs();
  double policyLearningRate();
  double valueLearningRate();
  int valueEpochs();
  int valueMinibatch();
  boolean normalizeObservations();
  boolean normalizeAdvantages();
  double initLogStd();
  /** Initial KL coefficient (PPO); A2C has none and returns 0. */
  double initialBeta();
  /** Every setting as an explicit key = value list: GPO's config identity (and hash) includes it. */
  ConfigIdentity identityFields();
}
