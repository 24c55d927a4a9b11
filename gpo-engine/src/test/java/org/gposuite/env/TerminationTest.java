package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.gposuite.mujoco.MjData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each termination rule of rllab-envs.md fires just past its threshold and not just inside. */
class TerminationTest {
  private static boolean terminatedAt(String name, Consumer<MjData> edit) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 1, null)) {
      env.reset(new double[env.obsDim()]);
      edit.accept(env.data());
      env.data().forward();
      return env.task().terminated();
    }
  }

  @Test
  void hopper() {
    assertFalse(terminatedAt("Hopper", d -> d.qpos().set(0, 1.25)));
    assertTrue(terminatedAt("Hopper", d -> d.qpos().set(0, 0.7)));
    assertFalse(terminatedAt("Hopper", d -> d.qpos().set(0, 0.7001)));
    assertTrue(terminatedAt("Hopper", d -> d.qpos().set(2, 0.2)));
    assertTrue(terminatedAt("Hopper", d -> d.qpos().set(2, -0.2)));
    assertFalse(terminatedAt("Hopper", d -> d.qpos().set(2, 0.1999)));
    assertTrue(terminatedAt("Hopper", d -> d.qpos().set(3, -100)));
    assertTrue(terminatedAt("Hopper", d -> d.qvel().set(0, 150))); // qvel[0] is state[6]: bounded
    assertFalse(terminatedAt("Hopper", d -> d.qvel().set(0, 99)));
    assertTrue(terminatedAt("Hopper", d -> d.qvel().set(0, -100)));
    assertFalse(terminatedAt("Hopper", d -> d.qpos().set(1, 500))); // x is state[1]: not bounded
    assertTrue(terminatedAt("Hopper", d -> d.qvel().set(2, Double.NaN)));
  }

  @Test
  void walker2d() {
    assertFalse(terminatedAt("Walker2d", d -> d.qpos().set(0, 1.25)));
    assertTrue(terminatedAt("Walker2d", d -> d.qpos().set(0, 0.8)));
    assertFalse(terminatedAt("Walker2d", d -> d.qpos().set(0, 0.8001)));
    assertTrue(terminatedAt("Walker2d", d -> d.qpos().set(0, 2.0)));
    assertFalse(terminatedAt("Walker2d", d -> d.qpos().set(0, 1.9999)));
    assertTrue(terminatedAt("Walker2d", d -> d.qpos().set(2, 1.0)));
    assertTrue(terminatedAt("Walker2d", d -> d.qpos().set(2, -1.0)));
    assertFalse(terminatedAt("Walker2d", d -> d.qpos().set(2, -0.9999)));
  }

  @Test
  void ant() {
    assertFalse(terminatedAt("Ant", d -> d.qpos().set(2, 0.55)));
    assertFalse(terminatedAt("Ant", d -> d.qpos().set(2, 0.2)));
    assertTrue(terminatedAt("Ant", d -> d.qpos().set(2, 0.1999)));
    assertFalse(terminatedAt("Ant", d -> d.qpos().set(2, 1.0)));
    assertTrue(terminatedAt("Ant", d -> d.qpos().set(2, 1.0001)));
    assertTrue(terminatedAt("Ant", d -> d.qvel().set(4, Double.POSITIVE_INFINITY)));
  }

  @Test
  void invertedDoublePendulumEndsWhenTipIsAtOrBelowOneMetre() {
    // tip height = 0.6 cos(q1) + 0.6 cos(q1 + q2): tilt the first pole until it crosses 1.
    double edge = Math.acos(1.0 / 1.2);
    assertFalse(terminatedAt("InvertedDoublePendulum", d -> { d.qpos().set(1, edge - 1e-4); d.qpos().set(2, 0); }));
    assertTrue(terminatedAt("InvertedDoublePendulum", d -> { d.qpos().set(1, edge + 1e-4); d.qpos().set(2, 0); }));
  }

  @Test
  void cheetahAndSwimmerNeverTerminate() {
    assertFalse(terminatedAt("HalfCheetah", d -> d.qpos().set(1, -5)));
    assertFalse(terminatedAt("Swimmer", d -> d.qpos().set(2, 3)));
  }

  @Test
  void antContactForcesAreNotSilentlyZero() {
    try (MujocoEnv env = Tasks.make(TaskConfig.of("Ant"), 2, null)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      double[] a = new double[env.actDim()];
      double largest = 0;
      for (int t = 0; t < 30; t++) {
        env.step(a, obs);
        for (int k = 29; k < 29 + 84; k++) {
          largest = Math.max(largest, Math.abs(obs[k]));
        }
      }
      assertTrue(largest > 0.1, "cfrc_ext in the Ant observation stays ~0: " + largest);
    }
  }

  /** rllab's and Gym's tasks alike (MujocoEnv's stepping, whatever the task's own termination). */
  @ParameterizedTest
  @ValueSource(strings = {"HalfCheetah", "HalfCheetah-v1"})
  void instabilityEndsTheEpisodeAndIsReported(String task) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(task), 1, null)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      env.data().qvel().set(3, Double.NaN); // MuJoCo's own check raises a BADQVEL warning
      env.step(new double[6], obs);
      assertTrue(env.unstable());
      assertTrue(env.terminated());
      env.reset(obs);
      env.step(new double[6], obs);
      assertFalse(env.unstable());
      assertFalse(env.terminated());
    }
    try (VecEnv vec = new VecEnv(TaskConfig.of(task), 1, 1, 1)) {
      assertEquals(0, vec.unstableEpisodes());
    }
  }
}
