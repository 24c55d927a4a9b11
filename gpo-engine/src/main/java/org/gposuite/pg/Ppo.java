package org.gposuite.pg;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.nn.DiagGaussian;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PPO with the adaptive-KL penalty (paper Eq. 3, with sharing Eq. 5): {@code epochs} full-batch
 * Adam steps on {@link Surrogate}, then the PPO paper's beta rule: KL above target * tolerance
 * doubles beta, below target / tolerance halves it (beta kept in [1e-6, 1e6] so it can recover).
 */
public final class Ppo implements PolicyGradient {
  private final PpoConfig config;

  public Ppo(PpoConfig config) { this.config = config; }

  @Override
  public PpoConfig config() { return config; }

  @Override
  public UpdateStats update(Agent agent, Batch own, List<Batch> shared) {
    long t0 = System.nanoTime();
    List<Batch> batches = Surrogate.ownFirst(own, shared);
    List<INDArray> adv = new ArrayList<>(batches.size());
    for (Batch b : batches) adv.add(Surrogate.advantages(b, config.normalizeAdvantages()));
    Surrogate.Prepared prepared = Surrogate.prepare(agent.policy(), batches, adv);
    Surrogate.Result r = null;
    for (int e = 0; e < config.epochs(); e++) {
      r = Surrogate.lossAndGradient(agent.policy(), prepared, agent.beta());
      agent.policyOptimizer().step();
    }
    double kl = DiagGaussian.kl(own.oldMean(), own.oldLogStd(), agent.policy().meanOfNormalized(prepared.normalizedObs(agent.policy(), 0)), agent.policy().logStd())
        .meanNumber().doubleValue();
    double beta = agent.beta();
    if (kl > config.klTarget() * config.betaTolerance()) beta *= config.betaFactor();
    else if (kl < config.klTarget() / config.betaTolerance()) beta /= config.betaFactor();
    agent.setBeta(Math.max(1e-6, Math.min(1e6, beta)));
    long t1 = System.nanoTime();
    double vLoss = PolicyGradient.fitValueAndNormalizer(agent, own, config);
    long t2 = System.nanoTime();
    return new UpdateStats(kl, agent.beta(), agent.policy().entropy(), r.surrogate(), vLoss, t1 - t0, t2 - t1);
  }
}
