package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast physics sequence of each task must reproduce rllab's naive one (mj_step x frame_skip,
 * then mj_forward) bit for bit: observations, rewards, termination and the full state.
 */
class SteppingExactnessTest {
  static java.util.List<String> names() {
    return Tasks.names();
  }

  @ParameterizedTest
  @MethodSource("names")
  void fastSteppingIsBitIdenticalToRllabSequence(String name) {
    TaskConfig cfg = TaskConfig.of(name);
    try (MujocoEnv naive = Tasks.make(cfg, 7, Stepping.NAIVE);
         MujocoEnv fast = Tasks.make(cfg, 7, null)) {
      int steps = 600;
      double[] a = new double[fast.actDim()];
      double[] o1 = new double[fast.obsDim()];
      double[] o2 = new double[fast.obsDim()];
      naive.reset(o1);
      fast.reset(o2);
      assertArrayEquals(o1, o2);
      int resets = 0;
      for (int t = 0; t < steps; t++) {
        Scripted.action(t, a);
        double r1 = naive.step(a, o1);
        double r2 = fast.step(a, o2);
        assertEquals(Double.doubleToRawLongBits(r1), Double.doubleToRawLongBits(r2),
            name + " reward at step " + t);
        assertArrayEquals(o1, o2, name + " observation at step " + t);
        assertArrayEquals(naive.data().qpos().toArray(), fast.data().qpos().toArray(), name + " qpos " + t);
        assertArrayEquals(naive.data().qvel().toArray(), fast.data().qvel().toArray(), name + " qvel " + t);
        if (fast.stepping() != Stepping.STEP2_STEP1) {
          // mj_step1 leaves qacc of the last mj_step2 (a derived value, not state; unused by the
          // Euler step that follows when warmstart is off); every other sequence ends with forward.
          assertArrayEquals(naive.data().qacc().toArray(), fast.data().qacc().toArray(), name + " qacc " + t);
        }
        assertEquals(naive.terminated(), fast.terminated(), name + " terminated " + t);
        if (naive.terminated()) {
          naive.reset(o1);
          fast.reset(o2);
          resets++;
        }
      }
      System.out.printf("%s: %s, %d resets in %d steps%n", name, fast.stepping(), resets, steps);
    }
  }
}
