package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rewards recomputed from raw MjData by rllab's own recipe, written out here independently of
 * the task classes: comvel by accumulating mass-weighted mj_objectVelocity up the tree, control
 * costs from the actuator ranges, contact costs from cfrc_ext.
 */
class RewardTest {
  static List<String> names() {
    return Tasks.names();
  }

  @ParameterizedTest
  @MethodSource("names")
  void rewardMatchesIndependentComputation(String name) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 3, null)) {
      MjModel m = env.model();
      MjData d = env.data();
      double[] a = new double[env.actDim()];
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      for (int t = 0; t < 200; t++) {
        Scripted.action(t, a);
        double r = env.step(a, obs);
        double expected = expectedReward(name, m, d, a);
        assertEquals(expected, r, 1e-9 * (1 + Math.abs(expected)), name + " step " + t);
        if (env.terminated()) {
          env.reset(obs);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void comvelEqualsSubtreeLinvel(String name) {
    if (name.equals("InvertedDoublePendulum")) {
      return; // no torso
    }
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 5, null)) {
      MjModel m = env.model();
      MjData d = env.data();
      double[] a = new double[env.actDim()];
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      int torso = m.id(MjObject.BODY, "torso");
      for (int t = 0; t < 50; t++) {
        Scripted.action(t, a);
        env.step(a, obs);
        double rllab = rllabComvelX(m, d, torso);
        double ours = env.task().torsoComVelX();
        d.subtreeVel();
        double mujoco = d.subtreeLinvel().get(3 * torso);
        assertEquals(rllab, ours, 1e-12 * (1 + Math.abs(rllab)), name + " task vs rllab " + t);
        assertEquals(rllab, mujoco, 1e-12 * (1 + Math.abs(rllab)), name + " subtree_linvel vs rllab " + t);
        if (env.terminated()) {
          env.reset(obs);
        }
      }
    }
  }

  /** rllab's body_comvels: p_b = m_b v_b accumulated from the last body to body 1 into parents. */
  static double rllabComvelX(MjModel m, MjData d, int body) {
    int n = m.nbody();
    double[] p = new double[n];
    double[] mass = new double[n];
    double[] v = new double[6];
    for (int b = 0; b < n; b++) {
      d.objectVelocity(MjObject.BODY, b, false, v);
      mass[b] = m.bodyMass(b);
      p[b] = mass[b] * v[3];
    }
    for (int b = n - 1; b > 0; b--) {
      int parent = m.bodyParent(b);
      p[parent] += p[b];
      mass[parent] += mass[b];
    }
    return p[body] / mass[body];
  }

  private static double expectedReward(String name, MjModel m, MjData d, double[] action) {
    int nu = m.nu();
    double[] ctrl = new double[nu];
    double scaledSquares = 0;
    double squares = 0;
    for (int i = 0; i < nu; i++) {
      double lb = m.actuatorCtrlLow(i);
      double ub = m.actuatorCtrlHigh(i);
      ctrl[i] = Math.min(ub, Math.max(lb, lb + (action[i] + 1) * 0.5 * (ub - lb)));
      double s = ctrl[i] / ((ub - lb) / 2);
      scaledSquares += s * s;
      squares += ctrl[i] * ctrl[i];
    }
    String base = name.replace("-hilly", "");
    if (base.equals("InvertedDoublePendulum")) {
      double x = d.siteXpos().get(0);
      double y = d.siteXpos().get(2);
      double v1 = d.qvel().get(1);
      double v2 = d.qvel().get(2);
      return 10 - (0.01 * x * x + (y - 2) * (y - 2)) - (0.001 * v1 * v1 + 0.005 * v2 * v2);
    }
    double comvel = rllabComvelX(m, d, m.id(MjObject.BODY, "torso"));
    return switch (base) {
      case "HalfCheetah" -> comvel - 0.05 * squares;
      case "Hopper" -> comvel + 1 - 0.005 * scaledSquares;
      case "Walker2d", "Swimmer" -> comvel - 0.005 * scaledSquares;
      case "Ant" -> {
        double contact = 0;
        for (double f : d.cfrcExt().toArray()) {
          double c = Math.max(-1, Math.min(1, f));
          contact += c * c;
        }
        yield comvel - 0.005 * scaledSquares - 0.0005 * contact + 0.05;
      }
      default -> throw new AssertionError(name);
    };
  }
}
