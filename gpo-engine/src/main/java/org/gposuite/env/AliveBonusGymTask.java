package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * What Gym's Hopper-v1 and Walker2d-v1 share (their {@code step} and {@code reset_model} differ
 * only in when an episode ends): frame_skip 4; observation qpos[1:], clip(qvel, +-10); reward
 * {@code (x_after - x_before) / dt + 1 - 1e-3 * sum(a^2)} (an alive bonus of 1 per step); reset
 * qpos0 + U(-0.005, 0.005), qvel U(-0.005, 0.005). Subclasses say when the robot has fallen.
 */
abstract class AliveBonusGymTask extends GymTask {
  static final int FRAME_SKIP = 4;

  AliveBonusGymTask(MjModel model, MjData data) {
    super(model, data, FRAME_SKIP);
  }

  @Override
  final void observe(double[] out) {
    observeQposTailAndQvel(out, 10);
  }

  @Override
  final double reward(double[] a) {
    // Gym: reward = (posafter - posbefore) / dt; reward += alive_bonus; reward -= 1e-3 * sum; in this order.
    double reward = forwardReward();
    reward += 1.0;
    reward -= 1e-3 * sumOfSquares(a);
    return reward;
  }

  @Override
  final void resetState(RandomGenerator rng) {
    uniformQpos(rng, 0.005);
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, uniform(rng, 0.005));
    }
  }
}
