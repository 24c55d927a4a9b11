package org.gposuite.pg;

import java.util.List;
import org.gposuite.nn.kernel.HostArrays;

/**
 * A policy-gradient method as the layers above see it: collect a batch with an agent's policy,
 * then update the agent from its own batch plus the batches other policies share with it.
 * One iteration = {@link #collect} + {@link #update}.
 */
public interface PolicyGradient {
  HyperParameters config();

  /** B = config().batchSize() steps of the agent's policy with advantages. */
  default Batch collect(Agent agent, VectorEnv env) {
    HyperParameters c = config();
    return Collector.collect(agent, env, c.batchSize(), c.gamma(), c.gaeLambda());
  }

  /**
   * Updates the policy on {@code own} and the {@code shared} batches of similar policies (Eq. 5/6;
   * pass an empty list without sharing), fits the value baseline on {@code own}, then folds the
   * own observations into the normaliser.
   */
  UpdateStats update(Agent agent, Batch own, List<Batch> shared);

  default UpdateStats iterate(Agent agent, VectorEnv env) {
    return update(agent, collect(agent, env), List.of());
  }

  /** Folds the own batch's raw observations into the policy's observation normaliser (after the update that used the old statistics). */
  static void foldIntoNormalizer(Agent agent, Batch own) {
    agent.policy().normalizer().update(HostArrays.read(own.obs(), new double[(int) own.obs().length()]), own.size());
  }

  /**
   * Mean squared error of V on the batch's value targets before V is fitted to them: out of sample,
   * which is what says whether the baseline predicts new data. Targets are advantages + V(s), so
   * it is the mean squared (unnormalised) advantage.
   */
  static double valueErrorBeforeFit(Batch own) {
    double norm = own.advantages().norm2Number().doubleValue();
    return norm * norm / own.size();
  }

  /** The value fit alone: {@code c.valueEpochs()} epochs on the own batch's value targets. */
  static double fitValue(Agent agent, Batch own, HyperParameters c) {
    return agent.value().fit(own.obs(), own.valueTargets(), agent.valueFitting(c));
  }
}
