package org.gposuite.env;

import java.util.Arrays;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjDoubles;
import org.gposuite.mujoco.MjIntegrator;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjStage;
import org.gposuite.random.SplitMix64;

/** One copy of a task on MuJoCo: action scaling, the physics step, reset, instability. */
final class MujocoEnv implements Env {
  private final String name;
  private final MjModel model;
  private final MjData data;
  private final Task task;
  private final Stepping stepping;
  private final int frameSkip;
  private final boolean rk4;
  private final boolean rescalesActions;
  private final SplitMix64 rng;
  private final MjDoubles ctrlView;
  private final MjDoubles qposView;
  private final MjDoubles qaccView;
  /** qpos addresses of free/ball joint quaternions, which mj_fwdPosition renormalizes in place. */
  private final int[] quaternions;
  private final double[] low;
  private final double[] high;
  /** The rescaled, clipped action of the current step (what MuJoCo receives as ctrl). */
  private final double[] ctrl;
  private ResetPoint resetPoint;
  private boolean terminated;
  private boolean unstable;
  private boolean closed;

  /** Takes ownership of {@code model}; {@code taskFactory} binds the task to the new data. */
  MujocoEnv(String name, MjModel model, TaskFactory taskFactory, Stepping stepping, long seed) {
    this.name = name;
    this.model = model;
    this.data = model.makeData();
    this.task = taskFactory.create(model, data);
    this.stepping = stepping;
    this.frameSkip = task.frameSkip();
    this.rk4 = model.integrator() == MjIntegrator.RK4;
    this.rescalesActions = task.rescalesActions();
    if (stepping == Stepping.STEP2_STEP1 && rk4) {
      throw new IllegalArgumentException(
          "task " + name + ": mj_step2 integrates with Euler only, this model uses RK4");
    }
    this.rng = new SplitMix64(seed);
    this.ctrlView = data.ctrl();
    this.qposView = data.qpos();
    this.qaccView = data.qacc();
    int[] quats = new int[model.njnt()];
    int nquat = 0;
    for (int j = 0; j < model.njnt(); j++) {
      int type = model.jointType(j); // mjtJoint: 0 free, 1 ball
      if (type == 0) {
        quats[nquat++] = model.jointQposAdr(j) + 3;
      } else if (type == 1) {
        quats[nquat++] = model.jointQposAdr(j);
      }
    }
    this.quaternions = Arrays.copyOf(quats, nquat);
    int nu = model.nu();
    this.low = new double[nu];
    this.high = new double[nu];
    for (int a = 0; a < nu; a++) {
      low[a] = model.actuatorCtrlLow(a);
      high[a] = model.actuatorCtrlHigh(a);
    }
    this.ctrl = new double[nu];
  }

  @FunctionalInterface
  interface TaskFactory {
    Task create(MjModel model, MjData data);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int obsDim() {
    return task.obsDim();
  }

  @Override
  public int actDim() {
    return ctrl.length;
  }

  int frameSkip() {
    return frameSkip;
  }

  /** For tests: the live MuJoCo model and data behind this env. */
  MjModel model() {
    return model;
  }

  MjData data() {
    return data;
  }

  Task task() {
    return task;
  }

  Stepping stepping() {
    return stepping;
  }

  @Override
  public ResetPoint resetPoint() {
    return resetPoint;
  }

  @Override
  public void restart(ResetPoint point, double[] obsOut) {
    checkOpen();
    if (point.qaccWarmstart().length != data.qaccWarmstart().size())
      throw new IllegalArgumentException("task " + name + ": a reset point with " + point.qaccWarmstart().length
          + " warm-start values, the model has " + data.qaccWarmstart().size() + "; was it taken on another task?");
    rng.setState(point.rngState());
    data.qaccWarmstart().copyFrom(point.qaccWarmstart(), 0);
    data.setTime(point.time());
    reset(obsOut);
  }

  @Override
  public void reset(double[] obsOut) {
    checkOpen();
    checkObs(obsOut);
    resetPoint = new ResetPoint(rng.state(), data.qaccWarmstart().toArray(), data.time());
    if (task.resetsData()) {
      // Gym's _reset: mj_resetData (ctrl, qacc, warmstart, time = 0), then the task's qpos, qvel.
      data.resetData();
    } else {
      // rllab's reset_mujoco: qpos and qvel from the task's rule, qacc = 0, ctrl = 0, then forward.
      // Deliberately not mj_resetData: it clears the whole data arena (~0.1 ms, 10-20 physics
      // steps) and rllab did not call it either (the solver warmstart carries over, as in rllab).
      for (int i = 0; i < qaccView.size(); i++) {
        qaccView.set(i, 0);
      }
      for (int i = 0; i < ctrlView.size(); i++) {
        ctrlView.set(i, 0);
      }
    }
    task.resetState(rng);
    data.forward();
    if (task.readsContactForces()) {
      data.rnePostConstraint();
    }
    data.takeWarnings();
    terminated = false;
    unstable = false;
    task.observe(obsOut);
  }

  @Override
  public double step(double[] action, double[] obsOut) {
    checkOpen();
    checkAction(action);
    checkObs(obsOut);
    task.beforeStep();
    if (rescalesActions) {
      // rllab's normalize(): [-1, 1] -> [lb, ub], then clip.
      for (int a = 0; a < ctrl.length; a++) {
        double v = low[a] + (action[a] + 1) * 0.5 * (high[a] - low[a]);
        ctrl[a] = Math.max(low[a], Math.min(high[a], v));
      }
    } else {
      // Gym: the action is ctrl as it is; clipped to the ctrlrange (GymTask says why).
      for (int a = 0; a < ctrl.length; a++) {
        ctrl[a] = Math.max(low[a], Math.min(high[a], action[a]));
      }
    }
    ctrlView.copyFrom(ctrl, 0);
    switch (stepping) {
      case NAIVE -> {
        for (int k = 0; k < frameSkip; k++) {
          data.step();
        }
        data.forward();
      }
      case FORWARD_THEN_SKIP -> {
        for (int k = 0; k < frameSkip; k++) {
          if (k == 0 && !forwardWouldMoveQuaternions()) {
            data.forwardSkip(MjStage.VEL, false); // pos/vel stages are current from the last forward
          } else {
            data.checkPos();
            data.checkVel();
            data.forward();
          }
          data.checkAcc();
          integrate();
        }
        // mj_step's own checks of the new state, moved here so the next step can skip them.
        data.checkPos();
        data.checkVel();
        data.forward();
      }
      case STEP_ONLY -> {
        for (int k = 0; k < frameSkip; k++) {
          data.step();
        }
        // The checks the next mj_step would start with, so a diverged state ends this step's
        // episode (no effect on a finite state; on a bad one MuJoCo warns and resets the data).
        data.checkPos();
        data.checkVel();
      }
      case STEP2_STEP1 -> {
        for (int k = 0; k < frameSkip; k++) {
          data.step2();
          data.step1();
        }
      }
    }
    if (task.readsContactForces()) {
      data.rnePostConstraint();
    }
    unstable = data.takeWarnings() != 0;
    task.observe(obsOut);
    double reward = task.reward(ctrl);
    terminated = unstable || task.terminated();
    return reward;
  }

  /**
   * mj_fwdPosition renormalizes free/ball quaternions in qpos in place (mju_normalize4), and
   * renormalizing an already normalized quaternion can still change its last bits. When that
   * would happen, rllab's sequence recomputes positions from slightly different qpos, so the
   * skip is not exact and we run the full forward instead. Computes the normalization exactly as
   * MuJoCo 2.2.2 does, without writing it.
   */
  private boolean forwardWouldMoveQuaternions() {
    for (int adr : quaternions) {
      double a = qposView.get(adr);
      double b = qposView.get(adr + 1);
      double c = qposView.get(adr + 2);
      double d = qposView.get(adr + 3);
      double norm = Math.sqrt(a * a + b * b + c * c + d * d);
      if (norm < 1e-15) { // mjMINVAL: MuJoCo resets the quaternion to identity
        return true;
      }
      double inv = 1 / norm;
      if (a * inv != a || b * inv != b || c * inv != c || d * inv != d) {
        return true;
      }
    }
    return false;
  }

  private void integrate() {
    if (rk4) {
      data.rungeKutta(4);
    } else {
      data.euler();
    }
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public boolean unstable() {
    return unstable;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      data.close();
      model.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("task " + name + ": env is closed");
    }
  }

  private void checkAction(double[] action) {
    if (action == null || action.length != ctrl.length) {
      throw new IllegalArgumentException("task " + name + ": action must have length "
          + ctrl.length + ", got " + (action == null ? "null" : action.length));
    }
    for (int a = 0; a < action.length; a++) {
      if (!Double.isFinite(action[a])) {
        throw new IllegalArgumentException("task " + name + ": action[" + a + "] is "
            + action[a] + "; actions must be finite (in [-1, 1]): " + Arrays.toString(action));
      }
    }
  }

  private void checkObs(double[] obsOut) {
    if (obsOut == null || obsOut.length < task.obsDim()) {
      throw new IllegalArgumentException("task " + name + ": observation buffer must hold "
          + task.obsDim() + " values, got " + (obsOut == null ? "null" : obsOut.length));
    }
  }
}
