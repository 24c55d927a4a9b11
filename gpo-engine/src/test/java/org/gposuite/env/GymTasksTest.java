package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjIntegrator;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gym's three -v1 tasks against gym-v1-envs.md. The expected values are written out here from
 * the spec's table, independently of the task classes: a shadow MjData is stepped by Gym's own
 * sequence (ctrl = action clipped to [-1, 1], mj_step frame_skip times, nothing else) and the
 * observation, reward and termination are computed from its qpos/qvel, then compared bit for bit.
 */
class GymTasksTest {
  /** Per task, from gym-v1-envs.md: frame_skip, nq, nv, nu, obs dim, timestep, integrator. */
  private record Spec(int frameSkip, int nq, int nv, int nu, int obsDim, double timestep,
      MjIntegrator integrator, double gear0) {}

  private static final Map<String, Spec> SPECS = Map.of(
      "HalfCheetah-v1", new Spec(5, 9, 9, 6, 17, 0.01, MjIntegrator.EULER, 120),
      "Hopper-v1", new Spec(4, 6, 6, 3, 11, 0.002, MjIntegrator.RK4, 200),
      "Walker2d-v1", new Spec(4, 9, 9, 6, 17, 0.002, MjIntegrator.RK4, 100));

  static List<String> names() {
    return Tasks.gymNames();
  }

  // ------------------------------------------------------------------ names

  @Test
  void gymNamesAreKnownBesideTheNine() {
    assertEquals(List.of("HalfCheetah-v1", "Hopper-v1", "Walker2d-v1"), Tasks.gymNames());
    assertEquals(9, Tasks.names().size(), "names() stays rllab's nine (the tables' tasks)");
    assertEquals(12, Tasks.allNames().size());
    assertTrue(Tasks.allNames().containsAll(Tasks.names()) && Tasks.allNames().containsAll(Tasks.gymNames()));
    for (String n : Tasks.gymNames()) {
      TaskConfig c = TaskConfig.of(n);
      assertFalse(c.hilly());
      assertEquals(1024, new TaskConfig(n, 1024, 1.0).horizon());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskConfig.of("Hopper-v2"));
    assertTrue(e.getMessage().contains("Hopper-v2") && e.getMessage().contains("Walker2d-v1")
        && e.getMessage().contains("Swimmer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskConfig.of("HalfCheetah-v1-hilly"));
  }

  // ------------------------------------------------------------------ model and dimensions

  @ParameterizedTest
  @MethodSource("names")
  void dimensionsFrameSkipTimestepAndActuatorsMatchSpec(String name) {
    Spec s = SPECS.get(name);
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 1, null)) {
      MjModel m = env.model();
      assertEquals(name, env.name());
      assertEquals(s.nq, m.nq(), "nq");
      assertEquals(s.nv, m.nv(), "nv");
      assertEquals(s.nu, m.nu(), "nu");
      assertEquals(s.obsDim, env.obsDim(), "obs dim");
      assertEquals(s.nu, env.actDim(), "act dim");
      assertEquals(s.frameSkip, env.frameSkip(), "frame skip");
      assertEquals(s.timestep, m.timestep(), "timestep");
      assertEquals(s.integrator, m.integrator(), "integrator");
      assertEquals(Stepping.STEP_ONLY, env.stepping(), "Gym's sequence: mj_step x frame_skip");
      assertEquals(s.gear0, m.actuatorGear(0), "gear of the first motor");
      for (int a = 0; a < m.nu(); a++) {
        assertEquals(-1.0, m.actuatorCtrlLow(a));
        assertEquals(1.0, m.actuatorCtrlHigh(a));
        assertTrue(m.actuatorCtrlLimited(a));
      }
      // The indices of the spec: qpos[0] is rootx, qpos[1] rootz (height), qpos[2] rooty (angle).
      assertEquals("rootx", m.name(MjObject.JOINT, 0));
      assertEquals("rootz", m.name(MjObject.JOINT, 1));
      assertEquals("rooty", m.name(MjObject.JOINT, 2));
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      for (double v : obs) {
        assertTrue(Double.isFinite(v));
      }
    }
  }

  // ------------------------------------------------------------------ scripted trajectory

  @ParameterizedTest
  @MethodSource("names")
  void scriptedTrajectoryMatchesGymFormulasBitForBit(String name) {
    Spec s = SPECS.get(name);
    TaskConfig cfg = TaskConfig.of(name);
    try (MujocoEnv env = Tasks.make(cfg, 21, null);
         MjModel m = MjModel.fromXml(Tasks.modelXml(cfg));
         MjData shadow = m.makeData()) {
      double dt = s.timestep * s.frameSkip;
      double[] a = new double[env.actDim()];
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      startEpisode(shadow, env.data());
      assertArrayEquals(expectedObs(name, shadow), obs, name + " observation after reset");
      int terminations = 0;
      int clippedSteps = 0;
      for (int t = 0; t < 600; t++) {
        Scripted.action(t, a);
        // Gym's step on the shadow: ctrl = a (clipped to the ctrlrange), mj_step x frame_skip.
        double[] ctrl = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          ctrl[i] = Math.max(-1.0, Math.min(1.0, a[i]));
        }
        if (!Arrays.equals(ctrl, a)) {
          clippedSteps++;
        }
        double xBefore = shadow.qpos().get(0);
        shadow.ctrl().copyFrom(ctrl, 0);
        for (int k = 0; k < s.frameSkip; k++) {
          shadow.step();
        }
        double xAfter = shadow.qpos().get(0);

        double r = env.step(a, obs);
        String at = name + " step " + t;
        assertArrayEquals(shadow.qpos().toArray(), env.data().qpos().toArray(), at + " qpos");
        assertArrayEquals(shadow.qvel().toArray(), env.data().qvel().toArray(), at + " qvel");
        assertArrayEquals(ctrl, env.data().ctrl().toArray(), at + " ctrl");
        assertArrayEquals(expectedObs(name, shadow), obs, at + " observation");
        assertEquals(expectedReward(name, xBefore, xAfter, dt, ctrl), r, at + " reward");
        assertEquals(expectedDone(name, shadow), env.terminated(), at + " termination");
        assertFalse(env.unstable(), at + " unstable");
        if (env.terminated()) {
          terminations++;
          env.reset(obs);
          startEpisode(shadow, env.data());
          assertArrayEquals(expectedObs(name, shadow), obs, at + " observation after reset");
        }
      }
      System.out.printf("%s: %d terminations, %d steps with clipped actions in 600%n", name,
          terminations, clippedSteps);
      assertTrue(clippedSteps > 0, "the script must leave [-1, 1] to exercise clipping");
      if (name.equals("HalfCheetah-v1")) {
        assertEquals(0, terminations);
      } else {
        assertTrue(terminations > 0, "the script should end some episodes (reset path)");
      }
    }
  }

  /** Gym's _reset on the shadow: mj_resetData, the env's reset qpos/qvel, mj_forward. */
  private static void startEpisode(MjData shadow, MjData env) {
    shadow.resetData();
    shadow.qpos().copyFrom(env.qpos().toArray(), 0);
    shadow.qvel().copyFrom(env.qvel().toArray(), 0);
    shadow.forward();
  }

  private static double[] expectedObs(String name, MjData d) {
    double[] q = d.qpos().toArray();
    double[] v = d.qvel().toArray();
    double[] out = new double[q.length - 1 + v.length];
    System.arraycopy(q, 1, out, 0, q.length - 1);
    for (int i = 0; i < v.length; i++) {
      // HalfCheetah-v1: qvel as it is; Hopper-v1, Walker2d-v1: np.clip(qvel, -10, 10).
      out[q.length - 1 + i] = name.equals("HalfCheetah-v1") ? v[i] : Math.min(10, Math.max(-10, v[i]));
    }
    return out;
  }

  private static double expectedReward(String name, double xBefore, double xAfter, double dt, double[] a) {
    double squares = 0; // np.square(a).sum(): from 0, in order, for fewer than 8 terms
    for (double v : a) {
      squares = squares + v * v;
    }
    if (name.equals("HalfCheetah-v1")) {
      double rewardCtrl = -0.1 * squares;
      double rewardRun = (xAfter - xBefore) / dt;
      return rewardCtrl + rewardRun;
    }
    double reward = (xAfter - xBefore) / dt;
    reward = reward + 1.0;
    reward = reward - 1e-3 * squares;
    return reward;
  }

  private static boolean expectedDone(String name, MjData d) {
    double[] q = d.qpos().toArray();
    double[] v = d.qvel().toArray();
    double height = q[1];
    double angle = q[2];
    return switch (name) {
      case "HalfCheetah-v1" -> false;
      case "Hopper-v1" -> {
        double[] state = new double[q.length + v.length];
        System.arraycopy(q, 0, state, 0, q.length);
        System.arraycopy(v, 0, state, q.length, v.length);
        boolean finite = Arrays.stream(state).allMatch(Double::isFinite);
        boolean bounded = Arrays.stream(state, 2, state.length).allMatch(x -> Math.abs(x) < 100);
        yield !(finite && bounded && height > 0.7 && Math.abs(angle) < 0.2);
      }
      case "Walker2d-v1" -> !(0.8 < height && height < 2.0 && -1 < angle && angle < 1);
      default -> throw new AssertionError(name);
    };
  }

  // ------------------------------------------------------------------ actions

  @Test
  void actionsGoIntoCtrlUnscaledAndClipped() {
    try (MujocoEnv env = Tasks.make(TaskConfig.of("Walker2d-v1"), 1, null)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      env.step(new double[] {-1, 0.1, 0.5, 3, -7, 1}, obs);
      // rllab's rescaling would give -1 + (0.1 + 1) * 0.5 * 2 = 0.10000000000000009 for 0.1.
      assertArrayEquals(new double[] {-1, 0.1, 0.5, 1, -1, 1}, env.data().ctrl().toArray());
    }
  }

  // ------------------------------------------------------------------ termination

  private static boolean terminatedAt(String name, Consumer<MjData> edit) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 1, null)) {
      env.reset(new double[env.obsDim()]);
      edit.accept(env.data());
      return env.task().terminated();
    }
  }

  @Test
  void hopperV1EndsOnHeightAngleBoundsAndNonFiniteState() {
    String h = "Hopper-v1";
    assertFalse(terminatedAt(h, d -> {}));
    assertTrue(terminatedAt(h, d -> d.qpos().set(1, 0.7)));
    assertFalse(terminatedAt(h, d -> d.qpos().set(1, 0.7001)));
    assertFalse(terminatedAt(h, d -> d.qpos().set(1, 150))); // height is state[1]: not bounded
    assertTrue(terminatedAt(h, d -> d.qpos().set(2, 0.2)));
    assertTrue(terminatedAt(h, d -> d.qpos().set(2, -0.2)));
    assertFalse(terminatedAt(h, d -> d.qpos().set(2, -0.1999)));
    assertFalse(terminatedAt(h, d -> d.qpos().set(0, 500))); // x is state[0]: not bounded
    assertTrue(terminatedAt(h, d -> d.qpos().set(0, Double.NaN))); // but must be finite
    assertTrue(terminatedAt(h, d -> d.qpos().set(3, -100)));
    assertFalse(terminatedAt(h, d -> d.qpos().set(3, -99.9)));
    assertTrue(terminatedAt(h, d -> d.qvel().set(0, 100))); // qvel[0] is state[6]: bounded
    assertFalse(terminatedAt(h, d -> d.qvel().set(0, 99.9)));
    assertTrue(terminatedAt(h, d -> d.qvel().set(5, Double.POSITIVE_INFINITY)));
  }

  @Test
  void walker2dV1EndsOutsideHeightAndAngleBands() {
    String w = "Walker2d-v1";
    assertFalse(terminatedAt(w, d -> {}));
    assertTrue(terminatedAt(w, d -> d.qpos().set(1, 0.8)));
    assertFalse(terminatedAt(w, d -> d.qpos().set(1, 0.8001)));
    assertTrue(terminatedAt(w, d -> d.qpos().set(1, 2.0)));
    assertFalse(terminatedAt(w, d -> d.qpos().set(1, 1.9999)));
    assertTrue(terminatedAt(w, d -> d.qpos().set(2, 1.0)));
    assertTrue(terminatedAt(w, d -> d.qpos().set(2, -1.0)));
    assertFalse(terminatedAt(w, d -> d.qpos().set(2, 0.9999)));
    assertFalse(terminatedAt(w, d -> d.qpos().set(0, -1e6))); // x plays no part
    assertFalse(terminatedAt(w, d -> d.qvel().set(3, 1e6))); // no velocity bound in Walker2d-v1
  }

  @Test
  void halfCheetahV1NeverEnds() {
    assertFalse(terminatedAt("HalfCheetah-v1", d -> d.qpos().set(1, -5)));
    assertFalse(terminatedAt("HalfCheetah-v1", d -> d.qpos().set(2, 3.14)));
  }

  // ------------------------------------------------------------------ reset

  @ParameterizedTest
  @MethodSource("names")
  void resetStartsFromResetDataAndForward(String name) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 4, null);
         MjData fresh = env.model().makeData()) {
      double[] obs = new double[env.obsDim()];
      double[] a = new double[env.actDim()];
      env.reset(obs);
      for (int t = 0; t < 30; t++) {
        Scripted.action(t, a);
        env.step(a, obs);
      }
      env.reset(obs);
      MjData d = env.data();
      // Gym's _reset on fresh data (mj_makeData ends in mj_resetData): the reset's qpos and
      // qvel, then mj_forward. Nothing from the previous episode may carry over, not even the
      // constraint solver's warmstart (which rllab's reset keeps).
      fresh.qpos().copyFrom(d.qpos().toArray(), 0);
      fresh.qvel().copyFrom(d.qvel().toArray(), 0);
      fresh.forward();
      assertEquals(0.0, d.time(), "mj_resetData sets time to 0");
      assertArrayEquals(new double[env.actDim()], d.ctrl().toArray(), "ctrl cleared");
      assertArrayEquals(fresh.qaccWarmstart().toArray(), d.qaccWarmstart().toArray(), "warmstart");
      assertArrayEquals(fresh.qacc().toArray(), d.qacc().toArray(), "qacc");
      assertArrayEquals(fresh.qfrcConstraint().toArray(), d.qfrcConstraint().toArray(), "qfrc_constraint");
    }
  }

  /** c of U(-c, c) for qpos, and the qvel rule: c of U(-c, c), or -sigma for N(0, sigma^2). */
  private static final Map<String, double[]> NOISE = Map.of(
      "HalfCheetah-v1", new double[] {0.1, -0.1},
      "Hopper-v1", new double[] {0.005, 0.005},
      "Walker2d-v1", new double[] {0.005, 0.005});

  @ParameterizedTest
  @MethodSource("names")
  void resetNoiseHasTheSpecifiedBoundsAndDistribution(String name) {
    double c = NOISE.get(name)[0];
    double velRule = NOISE.get(name)[1];
    int resets = 3000;
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 99, null)) {
      double[] qpos0 = env.model().qpos0();
      int nq = qpos0.length;
      int nv = env.model().nv();
      double[] obs = new double[env.obsDim()];
      double[] qposNoise = new double[resets * nq];
      double[] qvelNoise = new double[resets * nv];
      for (int r = 0; r < resets; r++) {
        env.reset(obs);
        for (int i = 0; i < nq; i++) {
          qposNoise[r * nq + i] = env.data().qpos().get(i) - qpos0[i];
        }
        for (int i = 0; i < nv; i++) {
          qvelNoise[r * nv + i] = env.data().qvel().get(i);
        }
      }
      assertUniform(name + " qpos", qposNoise, c, 1e-15); // qpos0[1] = 1.25 adds a rounding
      if (velRule > 0) {
        assertUniform(name + " qvel", qvelNoise, velRule, 0);
      } else {
        assertGaussian(name + " qvel", qvelNoise, -velRule);
      }
    }
  }

  private static void assertUniform(String what, double[] x, double c, double slack) {
    double min = Arrays.stream(x).min().orElseThrow();
    double max = Arrays.stream(x).max().orElseThrow();
    assertTrue(min >= -c - slack && max <= c + slack, what + " outside [-c, c]: " + min + " .. " + max);
    assertTrue(min < -0.99 * c && max > 0.99 * c, what + " does not fill [-c, c]: " + min + " .. " + max);
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    double sd = c / Math.sqrt(3);
    assertEquals(0, mean, 5 * sd / Math.sqrt(x.length), what + " mean");
    assertEquals(sd * sd, var, 0.05 * sd * sd, what + " variance (c^2 / 3)");
  }

  private static void assertGaussian(String what, double[] x, double sigma) {
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    assertEquals(0, mean, 5 * sigma / Math.sqrt(x.length), what + " mean");
    assertEquals(sigma, Math.sqrt(var), 0.03 * sigma, what + " standard deviation");
    double withinOne = Arrays.stream(x).filter(v -> Math.abs(v) < sigma).count() / (double) x.length;
    assertEquals(0.6827, withinOne, 0.015, what + " share within one sigma");
    double largest = Arrays.stream(x).map(Math::abs).max().orElseThrow();
    assertTrue(largest > 3 * sigma, what + " has no tail beyond 3 sigma: " + largest);
  }

  @ParameterizedTest
  @MethodSource("names")
  void sameSeedSameBitsOtherSeedOtherResets(String name) {
    TaskConfig cfg = TaskConfig.of(name);
    try (Env one = Tasks.make(cfg, 5); Env two = Tasks.make(cfg, 5); Env other = Tasks.make(cfg, 6)) {
      double[] a = new double[one.actDim()];
      double[] o1 = new double[one.obsDim()];
      double[] o2 = new double[one.obsDim()];
      double[] o3 = new double[one.obsDim()];
      one.reset(o1);
      two.reset(o2);
      other.reset(o3);
      assertArrayEquals(o1, o2);
      assertFalse(Arrays.equals(o1, o3), "another seed must give another reset");
      for (int t = 0; t < 300; t++) {
        Scripted.action(t, a);
        double r1 = one.step(a, o1);
        double r2 = two.step(a, o2);
        assertEquals(Double.doubleToRawLongBits(r1), Double.doubleToRawLongBits(r2), name + " reward " + t);
        assertArrayEquals(o1, o2, name + " observation " + t);
        assertEquals(one.terminated(), two.terminated());
        if (one.terminated()) {
          one.reset(o1);
          two.reset(o2);
          assertArrayEquals(o1, o2, name + " reset after " + t);
        }
      }
    }
  }

  // ------------------------------------------------------------------ horizon

  @Test
  void horizonIsTheConfigsAt512And1024() {
    for (int horizon : new int[] {512, 1024}) {
      try (VecEnv vec = new VecEnv(new TaskConfig("HalfCheetah-v1", horizon, 1.0), 1, 3, 1)) {
        double[] zero = new double[vec.actDim()];
        for (int t = 1; t <= horizon; t++) {
          vec.step(zero);
          assertFalse(vec.terminated()[0], "HalfCheetah-v1 never terminates");
          assertEquals(t == horizon, vec.truncated()[0], "truncated at step " + t + " of " + horizon);
        }
        assertEquals(horizon, vec.episodeLengths()[0]);
      }
    }
  }
}
