package org.gposuite.pg;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.nn.ValueFunction;

/**
 * One learner: a policy, its value baseline, their optimisers, the adaptive KL coefficient and
 * the random streams used to sample its actions and to shuffle its value fit. Everything that
 * must travel with a policy through GPO's operators.
 *
 * <p>The value baseline may still be fitting on another thread after an update returned (see
 * {@link Ppo}): {@link #value()} waits for that fit, so every reader sees the fitted network.
 */
public final class Agent {
  private final GaussianPolicy policy;
  private final ValueFunction value;
  private final AdamOptimizer policyOptimizer;
  private final AdamOptimizer valueOptimizer;
  private final SplittableRandom rng;
  private final SplittableRandom valueRng;
  private Future<?> pendingValueFit;
  private double beta;
  private long timesteps;

  public Agent(GaussianPolicy policy, ValueFunction value, double policyLearningRate, double valueLearningRate, double initialBeta, long seed) {
    this.policy = policy;
    this.value = value;
    policyOptimizer = new AdamOptimizer(policy.params(), policy.grads(), policyLearningRate);
    valueOptimizer = new AdamOptimizer(value.params(), value.grads(), valueLearningRate);
    rng = new SplittableRandom(seed);
    // its own stream: a fit running beside the next collection must not draw from the sampler's
    valueRng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    beta = initialBeta;
  }

  /** {@link #create(int, int, HyperParameters, long, NetworkBackend)} on our networks. */
  public static Agent create(int obsDim, int actDim, HyperParameters hp, long seed) {
    return create(obsDim, actDim, hp, seed, NetworkBackend.OURS);
  }

  /**
   * A fresh agent with the paper's networks, computed by {@code networks}: policy 64-64 (init seed
   * {@code seed}), value 32-32 (seed + 1) sharing the policy's observation normaliser; action
   * sampling from seed + 2.
   */
  public static Agent create(int obsDim, int actDim, HyperParameters hp, long seed, NetworkBackend networks) {
    var shape = GaussianPolicy.Architecture.paper(obsDim, actDim, hp.normalizeObservations(), networks);
    GaussianPolicy pi = new GaussianPolicy(shape, seed, hp.initLogStd());
    ValueFunction v = new ValueFunction(obsDim, ValueFunction.PAPER_HIDDEN, pi.dataType(), seed + 1, pi.normalizer(), networks);
    return new Agent(pi, v, hp.policyLearningRate(), hp.valueLearningRate(), hp.initialBeta(), seed + 2);
  }

  public GaussianPolicy policy() { return policy; }
  /** The value baseline, once any fit still running on another thread has finished. */
  public ValueFunction value() {
    awaitValueFit();
    return value;
  }
  public AdamOptimizer policyOptimizer() { return policyOptimizer; }
  public AdamOptimizer valueOptimizer() { return valueOptimizer; }
  /** Samples this agent's actions. */
  public SplittableRandom rng() { return rng; }
  /** Shuffles this agent's value-fit minibatches. */
  public SplittableRandom valueRng() { return valueRng; }
  public double beta() { return beta; }
  public void setBeta(double beta) { this.beta = beta; }
  /** Environment steps this agent has collected. */
  public long timesteps() { return timesteps; }
  void addTimesteps(long n) { timesteps += n; }

  /** Records a value fit running on another thread; at most one at a time. */
  void valueFitRunning(Future<?> fit) {
    if (pendingValueFit != null) throw new IllegalStateException("Agent: a value fit is already running; await it first");
    pendingValueFit = fit;
  }

  /**
   * Waits for a value fit running on another thread, if any, and rethrows its failure. Interrupts
   * are remembered but do not stop the wait: the fit writes the value network.
   */
  public void awaitValueFit() {
    Future<?> f = pendingValueFit;
    if (f == null) return;
    pendingValueFit = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException("value fit failed", e.getCause());
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
