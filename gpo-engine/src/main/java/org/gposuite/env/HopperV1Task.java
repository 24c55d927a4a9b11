package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * Gym's Hopper-v1 on Gym's hopper model (timestep 0.002, RK4, dt = 0.008; root joints rootx,
 * rootz, rooty, so qpos[1] is the height and qpos[2] the torso angle); observation (11), reward
 * and reset as {@link AliveBonusGymTask}; ends unless [qpos, qvel] is finite,
 * {@code |[qpos, qvel][2:]| < 100}, height > 0.7 and |angle| < 0.2.
 */
final class HopperV1Task extends AliveBonusGymTask {
  HopperV1Task(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  boolean terminated() {
    // state = [qpos, qvel]; state[2:] skips rootx and rootz.
    int nq = qpos.size();
    for (int i = 0; i < nq; i++) {
      double v = qpos.get(i);
      if (!Double.isFinite(v) || (i >= 2 && !(Math.abs(v) < 100))) {
        return true;
      }
    }
    for (int i = 0; i < qvel.size(); i++) {
      double v = qvel.get(i);
      if (!Double.isFinite(v) || !(Math.abs(v) < 100)) {
        return true;
      }
    }
    double height = qpos.get(1);
    double angle = qpos.get(2);
    return !(height > 0.7 && Math.abs(angle) < 0.2);
  }
}
