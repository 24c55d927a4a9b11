package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;

/**
 * What Gym's three -v1 MuJoCo tasks (HalfCheetah-v1, Hopper-v1, Walker2d-v1; gym-v1-envs.md,
 * Gym's Python code of October 2017) share, where they differ from rllab's:
 * <ul>
 *   <li>frame_skip is the task's constant (5 or 4), not a model numeric; {@code dt = timestep *
 *       frame_skip};
 *   <li>the action goes into ctrl without rescaling; the step is mj_step frame_skip times and no
 *       mj_forward after ({@link Stepping#STEP_ONLY});
 *   <li>the forward reward is {@code (x_after - x_before) / dt} with x = qpos[0] (rootx), not
 *       the torso's centre-of-mass velocity;
 *   <li>a reset starts with mj_resetData (Gym's {@code _reset}), then {@code qpos = qpos0 +
 *       noise}, {@code qvel = noise}, mj_forward. The draws go qpos first, then qvel, in
 *       coordinate order, from this env's seeded generator; {@code U(-c, c)} is drawn as numpy's
 *       {@code uniform}: {@code -c + 2c * u}, u uniform in [0, 1).
 * </ul>
 * <b>Actions outside the ctrlrange.</b> Gym put the raw action into ctrl (MuJoCo clamps ctrl to
 * the ctrlrange when it applies it) and charged the control cost on the raw action. The policies
 * here are Gaussians whose samples leave [-1, 1], and the project's envs take actions in
 * [-1, 1]^n, so these envs clip the action to the ctrlrange ([-1, 1] for all three) and charge
 * the control cost on the clipped action. Within the range this is Gym to the last bit; the
 * dynamics are the same in every case (MuJoCo would have clamped); only the cost of an
 * out-of-range sample is smaller than Gym's.
 *
 * <p><b>Horizon.</b> Gym wrapped these tasks in a 1000-step TimeLimit; the paper (Fig. 9) runs
 * them at horizons 512 and 1024, so the horizon is not fixed here: it is {@link
 * TaskConfig#horizon()}, applied by {@link VecEnv} as truncation (not termination).
 */
abstract class GymTask extends Task {
  private final int frameSkip;
  /** Gym's MujocoEnv.dt: model timestep times frame_skip. */
  protected final double dt;
  /** qpos[0] (rootx) before the current step's physics. */
  private double xBefore;

  GymTask(MjModel model, MjData data, int frameSkip) {
    super(model, data);
    this.frameSkip = frameSkip;
    this.dt = model.timestep() * frameSkip;
  }

  @Override
  final int frameSkip() {
    return frameSkip;
  }

  @Override
  final boolean rescalesActions() {
    return false;
  }

  @Override
  final boolean resetsData() {
    return true;
  }

  @Override
  final void beforeStep() {
    xBefore = qpos.get(0);
  }

  /** (x_after - x_before) / dt, x = qpos[0]: Gym's forward reward. */
  protected final double forwardReward() {
    return (qpos.get(0) - xBefore) / dt;
  }

  /**
   * numpy's {@code np.square(a).sum()} for fewer than 8 elements: a sequential sum from 0 (every
   * Gym task here has at most 6 actuators).
   */
  protected static double sumOfSquares(double[] a) {
    double sum = 0;
    for (double v : a) {
      sum += v * v;
    }
    return sum;
  }

  /** numpy's {@code uniform(-c, c)}: {@code low + (high - low) * u}. */
  protected static double uniform(RandomGenerator rng, double c) {
    return -c + (c + c) * rng.nextDouble();
  }

  /** qpos = qpos0 + U(-c, c) per coordinate. */
  protected final void uniformQpos(RandomGenerator rng, double c) {
    for (int i = 0; i < initQpos.length; i++) {
      qpos.set(i, initQpos[i] + uniform(rng, c));
    }
  }

  /** Gym's observation: qpos[1:] (rootx dropped), then qvel, clipped to +-bound if bound > 0. */
  protected final void observeQposTailAndQvel(double[] out, double bound) {
    int k = copy(qpos, 1, qpos.size(), out, 0);
    if (bound > 0) {
      copyClipped(qvel, bound, out, k);
    } else {
      copy(qvel, 0, qvel.size(), out, k);
    }
  }

  @Override
  int obsDim() {
    return (model.nq() - 1) + model.nv();
  }
}
