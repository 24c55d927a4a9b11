package org.gposuite.env;

import java.util.SplittableRandom;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * Gym's Hopper-v1: frame_skip 4 on Gym's hopper model (timestep 0.002, RK4, dt = 0.008; root
 * joints rootx, rootz, rooty, so qpos[1] is the height and qpos[2] the torso angle); observation
 * qpos[1:], clip(qvel, +-10) (11); reward {@code (x_after - x_before) / dt + 1 - 1e-3 *
 * sum(a^2)}; ends unless [qpos, qvel] is finite, {@code |[qpos, qvel][2:]| < 100}, height > 0.7
 * and |angle| < 0.2; reset qpos0 + U(-0.005, 0.005), qvel U(-0.005, 0.005).
 */
final class HopperV1Task extends GymTask {
  static final int FRAME_SKIP = 4;

  HopperV1Task(MjModel model, MjData data) {
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

  @Override
  void resetState(SplittableRandom rng) {
    uniformQpos(rng, 0.005);
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, uniform(rng, 0.005));
    }
  }
}
