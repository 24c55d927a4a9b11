package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * Gym's HalfCheetah-v1: frame_skip 5 on the cheetah model (timestep 0.01, so dt = 0.05);
 * observation qpos[1:], qvel (17); reward {@code -0.1 * sum(a^2) + (x_after - x_before) / dt};
 * never terminates; reset qpos0 + U(-0.1, 0.1), qvel N(0, 0.1^2).
 */
final class HalfCheetahV1Task extends GymTask {
  static final int FRAME_SKIP = 5;

  HalfCheetahV1Task(MjModel model, MjData data) {
    super(model, data, FRAME_SKIP);
  }

  @Override
  void observe(double[] out) {
    observeQposTailAndQvel(out, 0); // qvel not clipped
  }

  @Override
  double reward(double[] a) {
    // Gym: reward_ctrl = -0.1 * square(a).sum(); reward_run = (x_after - x_before) / dt.
    double ctrlReward = -0.1 * sumOfSquares(a);
    double runReward = forwardReward();
    return ctrlReward + runReward;
  }

  @Override
  boolean terminated() {
    return false;
  }

  @Override
  void resetState(RandomGenerator rng) {
    uniformQpos(rng, 0.1);
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, rng.nextGaussian() * 0.1);
    }
  }
}
