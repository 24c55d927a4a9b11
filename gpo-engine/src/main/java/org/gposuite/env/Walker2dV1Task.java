package org.gposuite.env;

import java.util.SplittableRandom;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * Gym's Walker2d-v1: frame_skip 4 on Gym's walker model (timestep 0.002, RK4, dt = 0.008; root
 * joints rootx, rootz, rooty, so qpos[1] is the height and qpos[2] the torso angle); observation
 * qpos[1:], clip(qvel, +-10) (17); reward {@code (x_after - x_before) / dt + 1 - 1e-3 *
 * sum(a^2)}; ends unless 0.8 < height < 2.0 and -1 < angle < 1; reset qpos0 + U(-0.005, 0.005),
 * qvel U(-0.005, 0.005).
 */
final class Walker2dV1Task extends GymTask {
  static final int FRAME_SKIP = 4;

  Walker2dV1Task(MjModel model, MjData data) {
    super(model, data, FRAME_SKIP);
  }

  @Override
  void observe(double[] out) {
    observeQposTailAndQvel(out, 10);
  }

  @Override
  double reward(double[] a) {
    // Gym: reward = (posafter - posbefore) / dt; reward += alive_bonus; reward -= 1e-3 * sum.
    double reward = forwardReward();
    reward += 1.0;
    reward -= 1e-3 * sumOfSquares(a);
    return reward;
  }

  @Override
  boolean terminated() {
    double height = qpos.get(1);
    double angle = qpos.get(2);
    return !(height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0);
  }

  @Override
  void resetState(SplittableRandom rng) {
    uniformQpos(rng, 0.005);
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, uniform(rng, 0.005));
    }
  }
}
