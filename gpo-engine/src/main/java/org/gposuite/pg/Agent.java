package org.gposuite.pg;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.gposuite.checkpoint.NormalizerState;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.nn.ValueFunction;
import org.gposuite.random.SplitMix64;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
  private final SplitMix64 rng;
  private final SplitMix64 valueRng;
  private Future<?> pendingValueFit;
  private double beta;
  private long timesteps;

  public Agent(GaussianPolicy policy, ValueFunction value, double policyLearningRate, double valueLearningRate, double initialBeta, long seed) {
    this.policy = policy;
    this.value = value;
    policyOptimizer = new AdamOptimizer(policy.params(), policy.grads(), policyLearningRate);
    valueOptimizer = new AdamOptimizer(value.params(), value.grads(), valueLearningRate);
    rng = new SplitMix64(seed);
    // its own stream: a fit running beside the next collection must not draw from the sampler's
    valueRng = new SplitMix64(seed ^ 0x5DEECE66DL);
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
  public RandomGenerator rng() { return rng; }
  /** Shuffles this agent's value-fit minibatches. */
  public RandomGenerator valueRng() { return valueRng; }
  /** The value fit {@code c} asks for, with this agent's value optimiser and shuffling stream. */
  public ValueFunction.Fitting valueFitting(HyperParameters c) {
    return new ValueFunction.Fitting(c.valueEpochs(), c.valueMinibatch(), valueOptimizer, valueRng);
  }
  public double beta() { return beta; }
  public void setBeta(double beta) { this.beta = beta; }
  /** Environment steps this agent has collected. */
  public long timesteps() { return timesteps; }
  void addTimesteps(long n) { timesteps += n; }

  /**
   * Everything of this agent that a training step reads besides its environment: parameters,
   * normaliser, both optimisers, beta, the step count and the positions of both random streams.
   * Taken after the value fit has finished.
   */
  AgentState state() {
    awaitValueFit();
    return new AgentState(policy.params().toDoubleVector(), NormalizerState.of(policy.normalizer()), value.params().toDoubleVector(),
        policyOptimizer.state(), valueOptimizer.state(), beta, timesteps, rng.state(), valueRng.state());
  }

  /** Continues from {@code s}, taken by {@link #state} from an agent of the same shape. */
  void restore(AgentState s) {
    awaitValueFit();
    assign(policy.params(), s.policyParams(), "policy");
    assign(value.params(), s.valueParams(), "value");
    s.normalizer().restoreInto(policy.normalizer()); // the value network reads the same normaliser
    policyOptimizer.restore(s.policyOptimizer());
    valueOptimizer.restore(s.valueOptimizer());
    beta = s.beta();
    timesteps = s.timesteps();
    rng.setState(s.rng());
    valueRng.setState(s.valueRng());
  }

  private static void assign(INDArray params, double[] values, String which) {
    if (params.length() != values.length)
      throw new IllegalArgumentException("Agent: a saved " + which + " network of " + values.length + " parameters, this one has " + params.length());
    params.assign(Nd4j.createFromArray(values).castTo(params.dataType()).reshape(params.shape()));
  }

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
