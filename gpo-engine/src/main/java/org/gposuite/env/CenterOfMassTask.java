package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * rllab's Swimmer and Walker2d share their observation and reward, and differ only in when an
 * episode ends: they observe qpos, qvel and the torso's centre of mass, and are rewarded for that
 * centre's forward velocity less 0.5 * 0.01 * sum((a / scaling)^2).
 */
abstract class CenterOfMassTask extends Task {
  CenterOfMassTask(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  final int obsDim() {
    return model.nq() + model.nv() + 3;
  }

  @Override
  final void observe(double[] out) {
    int k = copy(qpos, 0, qpos.size(), out, 0);
    k = copy(qvel, 0, qvel.size(), out, k);
    copyTorsoCom(out, k);
  }

  @Override
  final double reward(double[] a) {
    return torsoComVelX() - 0.5 * 0.01 * scaledControlSquares(a);
  }
}
