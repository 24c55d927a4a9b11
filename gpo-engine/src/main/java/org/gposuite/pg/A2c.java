package org.gposuite.pg;

import java.util.List;
import org.gposuite.nn.DiagGaussian;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A2C (paper Eq. 4, with sharing Eq. 6): one Adam step on {@link Surrogate} with beta = 0 per batch. */
public final class A2c implements PolicyGradient {
  private final A2cConfig config;
  private final boolean criticOnShared;
  private final SharingRule sharedRows;

  /** A2C on its own batch: Single, Joint, and GPO without data sharing. */
  public A2c(A2cConfig config) { this(config, false, SharingRule.LITERAL); }

  /**
   * @param criticOnShared fit the value baseline on the own batch and the shared ones together
   *        ({@link SharedCriticRows}, as {@link Ppo}'s); false = the own batch only
   * @param sharedRows how the shared batches' rows enter the policy loss; PENALISED has no penalty to extend (beta = 0)
   */
  public A2c(A2cConfig config, boolean criticOnShared, SharingRule sharedRows) {
    if (sharedRows.mode() == SharingRule.Mode.PENALISED)
      throw new IllegalArgumentException("A2c: the penalised sharing rule extends PPO's KL penalty, which A2C does not have; use another rule");
    this.config = config;
    this.criticOnShared = criticOnShared;
    this.sharedRows = sharedRows;
  }

  @Override
  public A2cConfig config() { return config; }

  @Override
  public UpdateStats update(Agent agent, Batch own, List<Batch> shared) {
    long t0 = System.nanoTime(), cpu0 = WorkClock.cpuNow();
    List<Batch> batches = Surrogate.ownFirst(own, shared);
    List<INDArray> adv = Surrogate.advantages(batches, config.normalizeAdvantages());
    Surrogate.Prepared prepared = Surrogate.prepare(agent.policy(), batches, adv, sharedRows);
    // the shared rows' critic weights are the policy's before its step
    SharedCriticRows criticRows = criticOnShared && !shared.isEmpty() ? SharedCriticRows.read(agent, prepared, batches) : null;
    Surrogate.Result r = Surrogate.lossAndGradient(agent.policy(), prepared, 0.0);
    agent.policyOptimizer().step();
    double kl = DiagGaussian.kl(own.oldMean(), own.oldLogStd(), agent.policy().mean(own.obs()), agent.policy().logStd())
        .meanNumber().doubleValue();
    long t1 = System.nanoTime(), cpu1 = WorkClock.cpuNow();
    Ppo.chargeUpdate(own, shared, cpu1 - cpu0, t1 - t0);
    double valueError = PolicyGradient.valueErrorBeforeFit(own);
    if (criticRows != null) criticRows.fit(agent.value(), agent, config);
    else PolicyGradient.fitValue(agent, own, config);
    PolicyGradient.foldIntoNormalizer(agent, own);
    long t2 = System.nanoTime();
    WorkClock.charge(WorkClock.Kind.VALUE_FIT, cpu1, t1);
    return new UpdateStats(kl, 0.0, agent.policy().entropy(), r.surrogate(), valueError, t1 - t0, t2 - t1);
  }
}
