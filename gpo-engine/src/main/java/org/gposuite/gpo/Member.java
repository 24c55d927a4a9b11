package org.gposuite.gpo;

import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;

/**
 * One policy of the population as it crosses a round boundary: the Gaussian policy (with its
 * observation normaliser), its value baseline (reading through the same normaliser) and PPO's
 * adaptive KL coefficient, and its lineage: the slot of the round-0 policy it descends from through
 * the parents it was initialised from (a diagnostic of the population's diversity). Optimiser moments and random streams do not cross rounds: every round
 * starts a fresh Adam and derives its streams from the seed (see {@link Seeds}), so this is the
 * whole state a checkpoint has to keep.
 */
public final class Member {
  private final GaussianPolicy policy;
  private final ValueFunction value;
  private double beta;
  private final int lineage;

  public Member(GaussianPolicy policy, ValueFunction value, double beta, int lineage) {
    this.policy = policy;
    this.value = value;
    this.beta = beta;
    this.lineage = lineage;
  }

  public GaussianPolicy policy() { return policy; }
  public ValueFunction value() { return value; }
  public double beta() { return beta; }
  public int lineage() { return lineage; }
  void setBeta(double beta) { this.beta = beta; }

  /** The same networks and beta under another lineage (a fresh child takes the parent pi_H followed most). */
  Member withLineage(int lineage) {
    return new Member(policy, value, beta, lineage);
  }

  /** An independent copy: policy parameters and normaliser, value parameters, beta. */
  public Member copy() {
    GaussianPolicy p = policy.copy();
    ValueFunction v = new ValueFunction(p.obsDim(), ValueFunction.PAPER_HIDDEN, p.dataType(), 0, p.normalizer(), p.backend());
    v.copyFrom(value);
    return new Member(p, v, beta, lineage);
  }
}
