package org.gposuite.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MjDataTest {

  @Test
  void viewsHaveTheModelsSizes() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      assertEquals(m.nq(), d.qpos().size());
      assertEquals(m.nv(), d.qvel().size());
      assertEquals(m.nv(), d.qacc().size());
      assertEquals(m.nu(), d.ctrl().size());
      assertEquals(m.na(), d.act().size());
      assertEquals(m.nv(), d.qfrcConstraint().size());
      assertEquals(m.nbody() * 6, d.cfrcExt().size());
      assertEquals(m.nbody() * 3, d.xpos().size());
      assertEquals(m.nbody() * 9, d.xmat().size());
      assertEquals(m.nbody() * 3, d.subtreeCom().size());
      assertEquals(m.nsite() * 3, d.siteXpos().size());
      assertEquals(m.nbody() * 3, d.subtreeLinvel().size());
      assertEquals(m.nbody() * 6, d.cvel().size());
      assertThrows(IndexOutOfBoundsException.class, () -> d.qpos().get(m.nq()));
      assertThrows(IndexOutOfBoundsException.class, () -> d.qpos().set(-1, 0));
      assertThrows(IndexOutOfBoundsException.class, () -> d.qpos().copyTo(new double[1], 0));
    }
  }

  @Test
  void resetDataRestoresQpos0AndTime() {
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX); MjData d = m.makeData()) {
      assertArrayEquals(m.qpos0(), d.qpos().toArray());
      for (int i = 0; i < 10; i++) {
        d.step();
      }
      assertEquals(10 * m.timestep(), d.time(), 1e-15);
      d.qvel().set(0, 5);
      d.resetData();
      assertArrayEquals(m.qpos0(), d.qpos().toArray());
      assertArrayEquals(new double[6], d.qvel().toArray());
      assertEquals(0.0, d.time());
    }
  }

  @Test
  void freeFallFollowsSemiImplicitEuler() {
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX); MjData d = m.makeData()) {
      double h = m.timestep();
      double g = -9.81;
      int n = 500;
      for (int k = 0; k < n; k++) {
        d.step();
      }
      // v_{k+1} = v_k + h g ; z_{k+1} = z_k + h v_{k+1}  =>  v_n = n h g, z_n = z_0 + h^2 g n(n+1)/2
      assertEquals(n * h * g, d.qvel().get(2), 1e-9);
      assertEquals(Models.BOX_Z0 + h * h * g * n * (n + 1) / 2.0, d.qpos().get(2), 1e-9);
      assertEquals(0.0, d.qvel().get(0), 0.0);
      assertEquals(0.0, d.qpos().get(0), 0.0);
      d.forward();
      int box = m.id(MjObject.BODY, "box");
      assertEquals(d.qpos().get(2), d.xpos().get(3 * box + 2), 1e-12, "xpos of the box is its free-joint position");
      assertEquals(d.qpos().get(2) + Models.BOX_HZ, d.siteXpos().get(2), 1e-12, "the corner site sits hz above");
    }
  }

  @Test
  void copyFromAndToRoundTrip() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      d.ctrl().copyFrom(new double[] {9, 0.5, -0.25}, 1);
      assertEquals(0.5, d.ctrl().get(0));
      double[] out = new double[4];
      d.ctrl().copyTo(out, 2);
      assertArrayEquals(new double[] {0, 0, 0.5, -0.25}, out);
    }
  }

  /** The hot path (views, ctrl writes, step, warnings) must not allocate on the Java heap. */
  @Test
  void steppingAllocatesNothing() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    try (MjModel m = MjModel.fromXml(Models.pendulum("RK4")); MjData d = m.makeData()) {
      double[] obs = new double[m.nq() + m.nv()];
      Runnable loop = () -> {
        for (int k = 0; k < 20_000; k++) {
          d.ctrl().set(0, 0.1);
          d.step();
          d.qpos().copyTo(obs, 0);
          d.qvel().copyTo(obs, m.nq());
          if (d.takeWarnings() != 0) {
            throw new AssertionError("unexpected warning");
          }
        }
      };
      loop.run(); // warm up: let the JIT compile the path
      long before = threads.getCurrentThreadAllocatedBytes();
      loop.run();
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 4096, allocated + " bytes allocated over 20,000 steps");
    }
  }
}
