package org.gposuite.pg;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;

/**
 * One learner: a policy, its value baseline, their optimisers, the adaptive KL coefficient and
 * the random stream used to sample its actions. Everything that must travel with a policy
 * through GPO's operators.
 */
public final class Agent {
  private final GaussianPolicy policy;
  private final ValueFunction value;
  private final AdamOptimizer policyOptimizer;
  private final AdamOptimizer valueOptimizer;
  private final SplittableRandom rng;
  private double beta;
  private long timesteps;

  public Agent(GaussianPolicy policy, ValueFunction value, double policyLearningRate, double valueLearningRate, double initialBeta, long seed) {
    this.policy = policy;
    this.value = value;
    policyOptimizer = new AdamOptimizer(policy.params(), policy.grads(), policyLearningRate);
    valueOptimizer = new AdamOptimizer(value.params(), value.grads(), valueLearningRate);
    rng = new SplittableRandom(seed);
    beta = initialBeta;
  }

  /**
   * A fresh agent with the paper's networks: policy 64-64 (init seed {@code seed}), value 32-32
   * (seed + 1) sharing the policy's observation normaliser; action sampling from seed + 2.
   */
  public static Agent create(int obsDim, int actDim, HyperParameters hp, long seed) {
    GaussianPolicy pi = new GaussianPolicy(obsDim, actDim, GaussianPolicy.PAPER_HIDDEN, org.nd4j.linalg.api.buffer.DataType.FLOAT,
        seed, hp.initLogStd(), hp.normalizeObservations());
    ValueFunction v = new ValueFunction(obsDim, ValueFunction.PAPER_HIDDEN, pi.dataType(), seed + 1, pi.normalizer());
    return new Agent(pi, v, hp.policyLearningRate(), hp.valueLearningRate(), hp.initialBeta(), seed + 2);
  }

  public GaussianPolicy policy() { return policy; }
  public ValueFunction value() { return value; }
  public AdamOptimizer policyOptimizer() { return policyOptimizer; }
  public AdamOptimizer valueOptimizer() { return valueOptimizer; }
  public SplittableRandom rng() { return rng; }
  public double beta() { return beta; }
  public void setBeta(double beta) { this.beta = beta; }
  /** Environment steps this agent has collected. */
  public long timesteps() { return timesteps; }
  void addTimesteps(long n) { timesteps += n; }
}
