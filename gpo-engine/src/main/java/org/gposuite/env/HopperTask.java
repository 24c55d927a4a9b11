package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjDoubles;
import org.gposuite.mujoco.MjModel;

/** Hopper: hop forward without falling; root joints rootz, rootx, rooty. */
final class HopperTask extends Task {
  private final MjDoubles qfrcConstraint;

  HopperTask(MjModel model, MjData data) {
    super(model, data);
    this.qfrcConstraint = data.qfrcConstraint();
  }

  @Override
  int obsDim() {
    return 1 + (model.nq() - 2) + model.nv() + model.nv() + 3;
  }

  @Override
  void observe(double[] out) {
    int k = copy(qpos, 0, 1, out, 0); // height
    k = copy(qpos, 2, qpos.size(), out, k); // skip rootx
    k = copyClipped(qvel, 10, out, k);
    k = copyClipped(qfrcConstraint, 10, out, k);
    copyTorsoCom(out, k);
  }

  @Override
  double reward(double[] a) {
    return torsoComVelX() + 1.0 - 0.5 * 0.01 * scaledControlSquares(a);
  }

  @Override
  boolean terminated() {
    // rllab: alive while [qpos, qvel] is finite, |[qpos, qvel][3:]| < 100, height > 0.7 and
    // |torso angle| < 0.2.
    int nq = qpos.size();
    for (int i = 0; i < nq; i++) {
      double v = qpos.get(i);
      if (!Double.isFinite(v) || (i >= 3 && !(Math.abs(v) < 100))) {
        return true;
      }
    }
    for (int i = 0; i < qvel.size(); i++) {
      double v = qvel.get(i);
      if (!Double.isFinite(v) || (nq + i >= 3 && !(Math.abs(v) < 100))) {
        return true;
      }
    }
    return !(qpos.get(0) > 0.7 && Math.abs(qpos.get(2)) < 0.2);
  }
}
