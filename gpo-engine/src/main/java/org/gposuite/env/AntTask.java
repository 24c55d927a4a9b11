package org.gposuite.env;

import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjDoubles;
import org.gposuite.mujoco.MjModel;

/** Ant: walk forward on four legs; free root joint, so qpos[2] is the torso height. */
final class AntTask extends Task {
  private final MjDoubles cfrcExt;
  private final MjDoubles xmat;

  AntTask(MjModel model, MjData data) {
    super(model, data);
    this.cfrcExt = data.cfrcExt();
    this.xmat = data.xmat();
  }

  @Override
  int obsDim() {
    return model.nq() + model.nv() + 6 * model.nbody() + 9 + 3;
  }

  @Override
  boolean readsContactForces() {
    return true;
  }

  @Override
  void observe(double[] out) {
    int k = copy(qpos, 0, qpos.size(), out, 0);
    k = copy(qvel, 0, qvel.size(), out, k);
    k = copyClipped(cfrcExt, 1, out, k);
    k = copy(xmat, 9 * torso, 9 * torso + 9, out, k);
    copyTorsoCom(out, k);
  }

  @Override
  double reward(double[] a) {
    double contact = 0;
    for (int i = 0; i < cfrcExt.size(); i++) {
      double f = clip(cfrcExt.get(i), 1);
      contact += f * f;
    }
    return torsoComVelX() - 0.5 * 0.01 * scaledControlSquares(a) - 0.5 * 0.001 * contact + 0.05;
  }

  @Override
  boolean terminated() {
    for (int i = 0; i < qpos.size(); i++) {
      if (!Double.isFinite(qpos.get(i))) {
        return true;
      }
    }
    for (int i = 0; i < qvel.size(); i++) {
      if (!Double.isFinite(qvel.get(i))) {
        return true;
      }
    }
    double height = qpos.get(2);
    return !(height >= 0.2 && height <= 1.0);
  }
}
