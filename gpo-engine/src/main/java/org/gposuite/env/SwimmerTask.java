package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/** Swimmer: swim forward in a viscous fluid; never terminates. */
final class SwimmerTask extends Task {
  SwimmerTask(MjModel model, MjData data) {
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
    return false;
  }
}
