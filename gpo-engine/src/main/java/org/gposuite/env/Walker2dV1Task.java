package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * Gym's Walker2d-v1 on Gym's walker model (timestep 0.002, RK4, dt = 0.008; root joints rootx,
 * rootz, rooty, so qpos[1] is the height and qpos[2] the torso angle); observation (17), reward
 * and reset as {@link AliveBonusGymTask}; ends unless 0.8 < height < 2.0 and -1 < angle < 1.
 */
final class Walker2dV1Task extends AliveBonusGymTask {
  Walker2dV1Task(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  boolean terminated() {
    double height = qpos.get(1);
    double angle = qpos.get(2);
    return !(height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0);
  }
}
