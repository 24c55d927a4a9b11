package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/** Walker2d: walk forward upright; root joints rootz, rootx, rooty. */
final class Walker2dTask extends Task {
  Walker2dTask(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  int obsDim() {
    return model.nq() + model.nv() + 3;
  }

  @Override
  void observe(double[] out) {
    int k = copy(qpos, 0, qpos.size(), out, 0);
    k = copy(qvel, 0, qvel.size(), out, k);
    copyTorsoCom(out, k);
  }

  @Override
  double reward(double[] a) {
    return torsoComVelX() - 0.5 * 0.01 * scaledControlSquares(a);
  }

  @Override
  boolean terminated() {
    double height = qpos.get(0);
    double angle = qpos.get(2);
    return !(height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0);
  }
}
