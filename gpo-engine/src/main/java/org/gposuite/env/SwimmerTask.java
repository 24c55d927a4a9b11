package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/** Swimmer: swim forward in a viscous fluid; never terminates. */
final class SwimmerTask extends CenterOfMassTask {
  SwimmerTask(MjModel model, MjData data) {
    super(model, data);
  }

  @Override
  boolean terminated() {
    return false;
  }
}
