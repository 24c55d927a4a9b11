package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjDoubles;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;

/**
 * What one task adds on top of MuJoCo, bound to one model and data: the observation, reward,
 * termination and reset rule (rllab-envs.md; Gym's -v1 tasks override the rllab defaults below
 * through {@link GymTask}, gym-v1-envs.md). Reads MuJoCo state only through views created once,
 * so the per-step methods allocate nothing.
 */
abstract class Task {
  protected final MjModel model;
  protected final MjData data;
  protected final MjDoubles qpos;
  protected final MjDoubles qvel;
  protected final MjDoubles subtreeCom;
  protected final int torso;
  /** Per actuator (ub - lb) / 2, rllab's action scaling used in the control costs. */
  protected final double[] scaling;
  private final MjDoubles cvel;
  private final MjDoubles xipos;
  /** Bodies of the torso's subtree with their masses, and 1 / total mass of that subtree. */
  private final int[] torsoSubtree;
  private final double[] torsoSubtreeMass;
  private final double torsoSubtreeMassInverse;
  /** Root body of the torso's kinematic tree: cvel is expressed at subtree_com[root]. */
  private final int root;
  /** rllab's init_qpos (the model's custom numeric when present, else qpos0); Gym's init_qpos is qpos0. */
  protected final double[] initQpos;

  Task(MjModel model, MjData data) {
    this(model, data, "torso");
  }

  /** @param torsoBody the body whose subtree comvel/com describe, or null when none is used */
  Task(MjModel model, MjData data, String torsoBody) {
    this.model = model;
    this.data = data;
    this.qpos = data.qpos();
    this.qvel = data.qvel();
    this.subtreeCom = data.subtreeCom();
    this.cvel = data.cvel();
    this.xipos = data.xipos();
    this.torso = torsoBody == null ? 0 : model.id(MjObject.BODY, torsoBody);
    int r = torso;
    while (model.bodyParent(r) != 0) {
      r = model.bodyParent(r);
    }
    this.root = r;
    int count = 0;
    int[] members = new int[model.nbody()];
    double mass = 0;
    for (int b = 1; b < model.nbody(); b++) {
      int a = b;
      while (a != 0 && a != torso) {
        a = model.bodyParent(a);
      }
      if (a == torso) {
        members[count++] = b;
        mass += model.bodyMass(b);
      }
    }
    this.torsoSubtree = java.util.Arrays.copyOf(members, count);
    this.torsoSubtreeMass = new double[count];
    for (int k = 0; k < count; k++) {
      torsoSubtreeMass[k] = model.bodyMass(torsoSubtree[k]);
    }
    this.torsoSubtreeMassInverse = 1 / mass;
    this.scaling = new double[model.nu()];
    for (int a = 0; a < scaling.length; a++) {
      scaling[a] = (model.actuatorCtrlHigh(a) - model.actuatorCtrlLow(a)) / 2;
    }
    double[] custom = model.customNumeric("init_qpos");
    this.initQpos = custom != null ? custom : model.qpos0();
    if (initQpos.length != model.nq()) {
      throw new IllegalStateException(
          "model " + model + ": init_qpos has " + initQpos.length + " values, nq is " + model.nq());
    }
  }

  abstract int obsDim();

  /** Writes the observation of the current (forwarded) state into out[0, obsDim). */
  abstract void observe(double[] out);

  /** The reward of the step that led to the current state; {@code a} is the applied ctrl. */
  abstract double reward(double[] a);

  /** rllab's "done" for the current state (instability is handled by the env). */
  abstract boolean terminated();

  /** Whether observe/reward read cfrc_ext, which only mj_rnePostConstraint fills. */
  boolean readsContactForces() {
    return false;
  }

  /** Physics steps per env step: rllab's rule, the model's custom numeric frame_skip, else 1. */
  int frameSkip() {
    double[] fs = model.customNumeric("frame_skip");
    return fs == null ? 1 : (int) fs[0];
  }

  /**
   * True (rllab's normalize): an action in [-1, 1] is rescaled to [lb, ub], then clipped. False
   * (Gym): the action goes into ctrl as it is, only clipped to [lb, ub].
   */
  boolean rescalesActions() {
    return true;
  }

  /**
   * Whether a reset starts with mj_resetData (Gym's MujocoEnv._reset does; rllab's reset_mujoco
   * only zeroes qacc and ctrl, so the solver warmstart carries over).
   */
  boolean resetsData() {
    return false;
  }

  /** Called at the start of every step, before ctrl is written and the physics runs. */
  void beforeStep() {}

  /**
   * rllab's reset: qpos = init_qpos + N(0, 0.01^2), qvel = N(0, 0.1^2). The caller has already
   * reset the data (ctrl, qacc = 0) and runs mj_forward afterwards.
   */
  void resetState(RandomGenerator rng) {
    for (int i = 0; i < initQpos.length; i++) {
      qpos.set(i, initQpos[i] + 0.01 * rng.nextGaussian());
    }
    for (int i = 0; i < qvel.size(); i++) {
      qvel.set(i, 0.1 * rng.nextGaussian());
    }
  }

  /**
   * comvel(torso)_x: the x velocity of the torso subtree's centre of mass, rllab's mass-weighted
   * sum of the bodies' centre-of-mass velocities (mj_objectVelocity, world frame). Computed here
   * from cvel (spatial velocity at subtree_com[root]) shifted to each body's xipos, which costs
   * less than a native mj_subtreeVel; tests check it against both of those.
   */
  protected double torsoComVelX() {
    double cy = subtreeCom.get(3 * root + 1);
    double cz = subtreeCom.get(3 * root + 2);
    double momentum = 0;
    for (int k = 0; k < torsoSubtree.length; k++) {
      int b = torsoSubtree[k];
      double wy = cvel.get(6 * b + 1);
      double wz = cvel.get(6 * b + 2);
      double vx = cvel.get(6 * b + 3);
      double dy = xipos.get(3 * b + 1) - cy;
      double dz = xipos.get(3 * b + 2) - cz;
      // linear velocity at xipos = v - (xipos - c) x w, x component only
      momentum += torsoSubtreeMass[k] * (vx - (dy * wz - dz * wy));
    }
    return momentum * torsoSubtreeMassInverse;
  }

  /** sum((a / scaling)^2), rllab's normalized control cost before its coefficient. */
  protected double scaledControlSquares(double[] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double u = a[i] / scaling[i];
      sum += u * u;
    }
    return sum;
  }

  protected final int copy(MjDoubles src, int from, int to, double[] out, int offset) {
    for (int i = from; i < to; i++) {
      out[offset++] = src.get(i);
    }
    return offset;
  }

  protected final int copyClipped(MjDoubles src, double bound, double[] out, int offset) {
    for (int i = 0; i < src.size(); i++) {
      out[offset++] = Math.max(-bound, Math.min(bound, src.get(i)));
    }
    return offset;
  }

  protected final int copyTorsoCom(double[] out, int offset) {
    return copy(subtreeCom, 3 * torso, 3 * torso + 3, out, offset);
  }

  protected static double clip(double v, double bound) {
    return Math.max(-bound, Math.min(bound, v));
  }
}
