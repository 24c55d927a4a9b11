package org.gposuite.pg;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gposuite.nn.ValueFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PPO with the adaptive-KL penalty (paper Eq. 3, with sharing Eq. 5): {@code epochs} full-batch
 * Adam steps on {@link Surrogate}, then the PPO paper's beta rule: KL above target * tolerance
 * doubles beta, below target / tolerance halves it (beta kept in [1e-6, 1e6] so it can recover).
 *
 * <p><b>Value fit in the background</b> (a choice of this class, not of the paper): the value
 * baseline's fit on the own batch shares no mutable state with the policy epochs or with the next
 * rollout (its own network, optimiser, buffers and random stream; it reads the batch's
 * observations as the update already normalised them, so the normaliser can move on). So
 * {@link #update} can start the fit on a second thread and return while it runs: it overlaps the
 * policy epochs and then the next rollout, and is awaited only when the next batch's values are
 * needed ({@link Agent#value()}, after the rollout). The results are bit-for-bit those of
 * fitting in line. It only pays when a core is idle: on by default ({@link #Ppo(PpoConfig)}) for a
 * lone policy, as in Single and Joint which train one policy at a time; a caller that already
 * updates several policies in parallel (GPO's mutation phase) passes {@code backgroundValueFit =
 * false}, or it oversubscribes the cores it has already filled.
 */
public final class Ppo implements PolicyGradient {
  /** Shared by every Ppo: daemon threads, created on demand, reused, so nothing needs closing. */
  private static final ExecutorService VALUE_FIT = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ppo-value-fit");
    t.setDaemon(true);
    return t;
  });

  private final PpoConfig config;
  private final boolean backgroundValueFit;
  private final boolean criticOnShared;
  private final SharingRule sharedRows;

  /** PPO with the value fit in the background (see the class comment); for one policy at a time. */
  public Ppo(PpoConfig config) { this(config, true); }

  /**
   * @param backgroundValueFit fit the value baseline on a second thread, overlapping the policy
   *        epochs and the next rollout; false when the caller already runs several policies'
   *        updates in parallel. Same results either way.
   */
  public Ppo(PpoConfig config, boolean backgroundValueFit) {
    this(config, backgroundValueFit, false);
  }

  /**
   * @param criticOnShared fit the value baseline on the own batch and the shared ones together
   *        ({@link SharedCriticRows}); false = the own batch only
   */
  public Ppo(PpoConfig config, boolean backgroundValueFit, boolean criticOnShared) {
    this(config, backgroundValueFit, criticOnShared, SharingRule.LITERAL);
  }

  /** @param sharedRows how the shared batches' rows enter the policy loss ({@link SharingRule}) */
  public Ppo(PpoConfig config, boolean backgroundValueFit, boolean criticOnShared, SharingRule sharedRows) {
    this.config = config;
    this.backgroundValueFit = backgroundValueFit;
    this.criticOnShared = criticOnShared;
    this.sharedRows = sharedRows;
  }

  @Override
  public PpoConfig config() { return config; }

  /** Whether {@link #update} fits the value baseline on a second thread. */
  public boolean backgroundValueFit() { return backgroundValueFit; }

  @Override
  public UpdateStats update(Agent agent, Batch own, List<Batch> shared) {
    long t0 = System.nanoTime();
    ValueFunction value = agent.value(); // waits for the previous fit if this batch was collected without it
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime();
    if (own.valueTargets().size(0) != own.size())
      throw new IllegalArgumentException("Ppo.update: the batch has " + own.size() + " observations but " + own.valueTargets().size(0) + " value targets");
    List<Batch> batches = Surrogate.ownFirst(own, shared);
    List<INDArray> adv = Surrogate.advantages(batches, config.normalizeAdvantages());
    // normalises the batches' observations once, with the statistics from before this batch
    Surrogate.Prepared prepared = Surrogate.prepare(agent.policy(), batches, adv, sharedRows);
    INDArray ownObs = prepared.normalizedObs(agent.policy(), 0);
    double valueError = PolicyGradient.valueErrorBeforeFit(own);
    SharedCriticRows criticRows = criticOnShared && !shared.isEmpty() ? SharedCriticRows.read(agent, prepared, batches) : null;
    Callable<Double> valueFit = timed(criticRows != null
        ? () -> criticRows.fit(value, agent, config)
        : () -> fit(value, ownObs, own, agent));
    if (backgroundValueFit) agent.valueFitRunning(VALUE_FIT.submit(WorkClock.carry(valueFit)));
    Surrogate.Result r = null;
    for (int e = 0; e < config.epochs(); e++) {
      r = Surrogate.lossAndGradient(agent.policy(), prepared, agent.beta());
      agent.policyOptimizer().step();
    }
    double kl = prepared.ownKl(agent.policy());
    double beta = agent.beta();
    if (kl > config.klTarget() * config.betaTolerance()) beta *= config.betaFactor();
    else if (kl < config.klTarget() / config.betaTolerance()) beta /= config.betaFactor();
    agent.setBeta(Math.max(1e-6, Math.min(1e6, beta)));
    long t1 = System.nanoTime();
    long updateCpu = WorkClock.cpuNow() - cpu0, updateWall = t1 - wall0;
    long valueNanos = 0;
    if (!backgroundValueFit) {
      call(valueFit);
      valueNanos = System.nanoTime() - t1;
    }
    long cpu2 = WorkClock.cpuNow(), wall2 = System.nanoTime();
    // the fit does not read the normaliser (it has its own normalised copy), so no need to wait for it
    PolicyGradient.foldIntoNormalizer(agent, own);
    chargeUpdate(own, shared, updateCpu + WorkClock.cpuNow() - cpu2, updateWall + System.nanoTime() - wall2);
    return new UpdateStats(kl, agent.beta(), agent.policy().entropy(), r.surrogate(), valueError, t1 - t0, valueNanos);
  }

  /** The update's time (value fit excluded) split between the own and the shared batches by their rows. */
  static void chargeUpdate(Batch own, List<Batch> shared, long cpuNanos, long wallNanos) {
    long rows = own.size(), otherRows = 0;
    for (Batch b : shared) otherRows += b.size();
    long ownWall = Math.round(wallNanos * (double) rows / (rows + otherRows));
    WorkClock.chargeSplit(WorkClock.Kind.SURROGATE_OWN, WorkClock.Kind.SURROGATE_SHARED, cpuNanos, wallNanos, ownWall);
  }

  /** The value fit, charged to {@link WorkClock.Kind#VALUE_FIT} on whichever thread runs it. */
  private static Callable<Double> timed(Callable<Double> fit) {
    return () -> {
      long c0 = WorkClock.cpuNow(), w0 = System.nanoTime();
      try {
        return fit.call();
      } finally {
        WorkClock.charge(WorkClock.Kind.VALUE_FIT, c0, w0);
      }
    };
  }

  private static double call(Callable<Double> fit) {
    try {
      return fit.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private double fit(ValueFunction value, INDArray normObs, Batch own, Agent agent) {
    return value.fitNormalized(normObs, own.valueTargets(), agent.valueFitting(config));
  }
}
