package org.gposuite.pg;

import java.util.List;
import org.gposuite.nn.ValueFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a critic that also learns from its sharing set is fitted on ({@code gpo.critic_data = shared}):
 * the own batch and the shared ones stacked, each shared row weighted by min(1, pi(a|s) / pi_j_old(a|s))
 * under the policy before the update (truncated at 1 as V-trace truncates its weights, so a shared row
 * never counts more than an own one). Read before the policy's first step, because the weights are the
 * old policy's; fitted later, in the algorithm's valueEpochs epochs of valueMinibatch rows, as Joint's
 * critic is on its one large batch. One reading for PPO and A2C.
 *
 * @param normObs the batches' observations, normalised as the update normalised them; @param targets
 *        their value targets; @param weights 1 for the own rows, the truncated ratio for shared ones
 */
record SharedCriticRows(INDArray normObs, INDArray targets, INDArray weights) {

  /** @param batches own first, as {@code prepared} holds them */
  static SharedCriticRows read(Agent agent, Surrogate.Prepared prepared, List<Batch> batches) {
    int k = batches.size();
    INDArray[] obs = new INDArray[k], targets = new INDArray[k], weights = new INDArray[k];
    for (int j = 0; j < k; j++) {
      Batch b = batches.get(j);
      obs[j] = prepared.normalizedObs(agent.policy(), j); // the update's own copy: the concatenation below copies it
      targets[j] = b.valueTargets();
      weights[j] = j == 0 ? Nd4j.ones(targets[j].dataType(), b.size(), 1) : truncatedWeights(agent, b, targets[j].dataType());
    }
    SharedCriticRows rows = new SharedCriticRows(Nd4j.concat(0, obs), Nd4j.concat(0, targets), Nd4j.concat(0, weights));
    for (INDArray w : weights) w.close();
    return rows;
  }

  /** min(1, pi / pi_j_old) on a shared batch, in the targets' dtype; a cast's source is freed at once. */
  private static INDArray truncatedWeights(Agent agent, Batch b, DataType dtype) {
    INDArray w = Transforms.min(Surrogate.importanceWeights(agent.policy(), b), 1.0, false);
    INDArray cast = w.castTo(dtype); // the same array when the dtypes agree
    if (cast != w) w.close();
    return cast;
  }

  /**
   * The weighted fit; reads no normaliser, so it may run while the normaliser moves on. The rows are
   * fitted once, then freed (their native memory, megabytes per update, would otherwise wait for the
   * garbage collector, which the small Java objects holding it rarely wake).
   */
  double fit(ValueFunction value, Agent agent, HyperParameters c) {
    try {
      return value.fitNormalizedWeighted(normObs, targets, weights, agent.valueFitting(c));
    } finally {
      normObs.close();
      targets.close();
      weights.close();
    }
  }
}
