package org.gposuite.pg;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gposuite.nn.DiagGaussian;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PPO with the adaptive-KL penalty (paper Eq. 3, with sharing Eq. 5): {@code epochs} full-batch
 * Adam steps on {@link Surrogate}, then the PPO paper's beta rule: KL above target * tolerance
 * doubles beta, below target / tolerance halves it (beta kept in [1e-6, 1e6] so it can recover).
 *
 * <p><b>Concurrent value fit</b> (a choice of this class, not of the paper): the value baseline's
 * fit on the own batch and the policy epochs share no mutable state (their own networks,
 * optimisers and buffers; the observation normaliser is only read, and updated after both), so
 * {@link #update} can run the fit on a second thread while the policy epochs run on the caller's.
 * The results are bit-for-bit those of running them one after the other. It only pays when a
 * core is idle: on by default ({@link #Ppo(PpoConfig)}) for a lone policy, as in Single and Joint
 * which train one policy at a time; a caller that already updates several policies in parallel
 * (GPO's mutation phase) must pass {@code concurrentValueFit = false}, or it oversubscribes the
 * cores it has already filled.
 */
public final class Ppo implements PolicyGradient {
  /** Shared by every Ppo: daemon threads, created on demand, reused, so nothing needs closing. */
  private static final ExecutorService VALUE_FIT = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ppo-value-fit");
    t.setDaemon(true);
    return t;
  });

  private final PpoConfig config;
  private final boolean concurrentValueFit;

  /** PPO with the value fit on a second thread (see the class comment); for one policy at a time. */
  public Ppo(PpoConfig config) { this(config, true); }

  /**
   * @param concurrentValueFit fit the value baseline on a second thread beside the policy epochs;
   *        false when the caller already runs several policies' updates in parallel. Same results either way.
   */
  public Ppo(PpoConfig config, boolean concurrentValueFit) {
    this.config = config;
    this.concurrentValueFit = concurrentValueFit;
  }

  @Override
  public PpoConfig config() { return config; }

  /** Whether {@link #update} fits the value baseline on a second thread. */
  public boolean concurrentValueFit() { return concurrentValueFit; }

  @Override
  public UpdateStats update(Agent agent, Batch own, List<Batch> shared) {
    long t0 = System.nanoTime();
    List<Batch> batches = Surrogate.ownFirst(own, shared);
    List<INDArray> adv = Surrogate.advantages(batches, config.normalizeAdvantages());
    // normalises the batches' observations (and refreshes the normaliser's rows) before any fork
    Surrogate.Prepared prepared = Surrogate.prepare(agent.policy(), batches, adv);
    long[] valueNanos = new long[1];
    Future<Double> valueFit = null;
    if (concurrentValueFit) valueFit = VALUE_FIT.submit(() -> timedValueFit(agent, own, valueNanos));
    Surrogate.Result r = null;
    double kl;
    try {
      for (int e = 0; e < config.epochs(); e++) {
        r = Surrogate.lossAndGradient(agent.policy(), prepared, agent.beta());
        agent.policyOptimizer().step();
      }
      kl = DiagGaussian.kl(own.oldMean(), own.oldLogStd(), agent.policy().meanOfNormalized(prepared.normalizedObs(agent.policy(), 0)),
          agent.policy().logStd()).meanNumber().doubleValue();
    } catch (RuntimeException | Error ex) {
      if (valueFit != null) join(valueFit); // never leave the fit running on an agent the caller sees as updated
      throw ex;
    }
    double beta = agent.beta();
    if (kl > config.klTarget() * config.betaTolerance()) beta *= config.betaFactor();
    else if (kl < config.klTarget() / config.betaTolerance()) beta /= config.betaFactor();
    agent.setBeta(Math.max(1e-6, Math.min(1e6, beta)));
    long t1 = System.nanoTime();
    double vLoss = valueFit != null ? join(valueFit) : timedValueFit(agent, own, valueNanos);
    // after the fit: it reads the statistics this changes
    agent.policy().normalizer().update(own.obs().reshape(own.obs().length()).toDoubleVector(), own.size());
    return new UpdateStats(kl, agent.beta(), agent.policy().entropy(), r.surrogate(), vLoss, t1 - t0, valueNanos[0]);
  }

  private double timedValueFit(Agent agent, Batch own, long[] nanos) {
    long s = System.nanoTime();
    double loss = PolicyGradient.fitValue(agent, own, config);
    nanos[0] = System.nanoTime() - s;
    return loss;
  }

  private static double join(Future<Double> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the fit writes the agent's value network: wait for it regardless
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException("PPO value fit failed", e.getCause());
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
