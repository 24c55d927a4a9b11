package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjDoubles;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;

/** InvertedDoublePendulum: keep two poles on a cart upright; ends once the tip is below 1 m. */
final class InvertedDoublePendulumTask extends Task {
  private final MjDoubles qfrcConstraint;
  private final MjDoubles siteXpos;
  private final int tip;
  private final double[] qpos0;

  InvertedDoublePendulumTask(MjModel model, MjData data) {
    super(model, data, null); // no torso: the reward reads the pole tip
    this.qfrcConstraint = data.qfrcConstraint();
    this.siteXpos = data.siteXpos();
    this.tip = model.id(MjObject.SITE, "tip");
    this.qpos0 = model.qpos0();
  }

  @Override
  int obsDim() {
    return 1 + 2 * (model.nq() - 1) + model.nv() + model.nv();
  }

  @Override
  void observe(double[] out) {
    int nq = qpos.size();
    int k = 0;
    out[k++] = qpos.get(0);
    for (int i = 1; i < nq; i++) {
      out[k++] = Math.sin(qpos.get(i));
    }
    for (int i = 1; i < nq; i++) {
      out[k++] = Math.cos(qpos.get(i));
    }
    k = copyClipped(qvel, 10, out, k);
    copyClipped(qfrcConstraint, 10, out, k);
  }

  @Override
  double reward(double[] a) {
    double x = siteXpos.get(3 * tip);
    double y = siteXpos.get(3 * tip + 2);
    double v1 = qvel.get(1);
    double v2 = qvel.get(2);
    double distPenalty = 0.01 * x * x + (y - 2) * (y - 2);
    double velPenalty = 1e-3 * v1 * v1 + 5e-3 * v2 * v2;
    return 10 - distPenalty - velPenalty;
  }

  @Override
  boolean terminated() {
    return siteXpos.get(3 * tip + 2) <= 1;
  }

  /** rllab: qpos = init_qpos with the first pole at a uniform angle in +-20 degrees, qvel = 0. */
  @Override
  void resetState(RandomGenerator rng) {
    for (int i = 0; i < qpos0.length; i++) {
      qpos.set(i, qpos0[i]);
    }
    qpos.set(1, (rng.nextDouble() - 0.5) * Math.toRadians(40));
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, 0);
    }
  }
}
