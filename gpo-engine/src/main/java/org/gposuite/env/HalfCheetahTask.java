package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/** HalfCheetah: run forward; never terminates. */
final class HalfCheetahTask extends Task {
  HalfCheetahTask(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  int obsDim() {
    return (model.nq() - 1) + model.nv() + 3;
  }

  @Override
  void observe(double[] out) {
    int k = copy(qpos, 1, qpos.size(), out, 0); // drop rootx: the policy must not see x
    k = copy(qvel, 0, qvel.size(), out, k);
    copyTorsoCom(out, k);
  }

  @Override
  double reward(double[] a) {
    // rllab: ctrl_cost_coeff 1e-1 times 0.5 * sum(a^2); ctrlrange is +-1 so a is not rescaled.
    double sum = 0;
    for (double v : a) {
      sum += v * v;
    }
    return torsoComVelX() - 0.5 * 0.1 * sum;
  }

  @Override
  boolean terminated() {
    return false;
  }
}
