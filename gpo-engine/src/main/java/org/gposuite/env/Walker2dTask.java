package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/** Walker2d: walk forward upright; root joints rootz, rootx, rooty. */
final class Walker2dTask extends CenterOfMassTask {
  Walker2dTask(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  boolean terminated() {
    double height = qpos.get(0);
    double angle = qpos.get(2);
    return !(height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0);
  }
}
