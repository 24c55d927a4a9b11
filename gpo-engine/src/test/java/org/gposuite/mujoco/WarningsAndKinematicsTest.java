package org.gposuite.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WarningsAndKinematicsTest {

  @Test
  void nanStateIsReportedOnceAndCountersReset() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      d.step();
      assertEquals(0, d.takeWarnings(), "a healthy step raises nothing");

      d.qpos().set(0, Double.NaN);
      d.step();
      assertEquals(1, d.warningCount(MjWarning.BADQPOS));
      assertTrue(Double.isFinite(d.qpos().get(0)), "MuJoCo reset the bad state");
      int mask = d.takeWarnings();
      assertEquals(MjWarning.BADQPOS.bit(), mask);
      assertTrue(MjWarning.BADQPOS.in(mask));
      assertEquals(0, d.warningCount(MjWarning.BADQPOS), "takeWarnings resets the counter");
      assertEquals(0, d.takeWarnings());

      d.qvel().set(1, Double.POSITIVE_INFINITY);
      d.step();
      assertEquals(MjWarning.BADQVEL.bit(), d.takeWarnings());

      // A force too large for MuJoCo (|qacc| > mjMAXVAL) makes the acceleration bad.
      d.qfrcApplied().set(0, 1e30);
      d.step();
      assertTrue(MjWarning.BADQACC.in(d.takeWarnings()));
    }
  }

  @Test
  void warningEnumMatchesMuJoCo() {
    assertEquals(MjLayout.mjNWARNING, MjWarning.values().length);
    for (MjWarning w : MjWarning.values()) {
      assertEquals(w.ordinal(), w.value());
    }
  }

  @Test
  void subtreeLinvelIsTheMassWeightedComVelocity() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      d.qpos().copyFrom(new double[] {0.4, 0.2}, 0);
      d.qvel().copyFrom(new double[] {1.3, -0.7}, 0);
      d.forward();
      d.subtreeVel();
      double[] v = new double[6];
      for (int root = 0; root < m.nbody(); root++) {
        double[] momentum = new double[3];
        double mass = 0;
        for (int b = 0; b < m.nbody(); b++) {
          if (!inSubtree(m, b, root)) {
            continue;
          }
          d.objectVelocity(MjObject.BODY, b, false, v); // [rot; lin] at the body's centre of mass
          for (int i = 0; i < 3; i++) {
            momentum[i] += m.bodyMass(b) * v[3 + i];
          }
          mass += m.bodyMass(b);
        }
        double[] actual = {d.subtreeLinvel().get(3 * root), d.subtreeLinvel().get(3 * root + 1),
            d.subtreeLinvel().get(3 * root + 2)};
        for (int i = 0; i < 3; i++) {
          assertEquals(momentum[i] / mass, actual[i], 1e-12, "body " + root + " axis " + i);
        }
        assertEquals(m.bodySubtreeMass(root), mass, 1e-12);
      }
      // The hinges turn about y, so the motion stays in the x-z plane; link2's com moves.
      assertEquals(0.0, d.subtreeLinvel().get(3 * 2 + 1), 1e-12);
      assertTrue(Math.abs(d.subtreeLinvel().get(3 * 2)) > 0.1);
    }
  }

  private static boolean inSubtree(MjModel m, int body, int root) {
    for (int b = body; ; b = m.bodyParent(b)) {
      if (b == root) {
        return true;
      }
      if (b == 0) {
        return false;
      }
    }
  }

  @Test
  void objectVelocityRejectsTypesMuJoCoCannotHandle() {
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX); MjData d = m.makeData()) {
      assertThrows(IllegalArgumentException.class, () -> d.objectVelocity(MjObject.JOINT, 0, false, new double[6]));
      assertThrows(IndexOutOfBoundsException.class, () -> d.objectVelocity(MjObject.BODY, 5, false, new double[6]));
      d.qvel().copyFrom(new double[] {1, 2, 3, 0, 0, 0}, 0);
      d.forward();
      double[] v = new double[6];
      d.objectVelocity(MjObject.BODY, 1, false, v);
      assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3}, v, 1e-12);
    }
  }

  static final String HFIELD = """
      <mujoco model="terrain">
        <option timestep="0.002"/>
        <asset>
          <hfield name="terrain" nrow="4" ncol="5" size="2 2 0.5 0.1"/>
        </asset>
        <worldbody>
          <geom name="ground" type="hfield" hfield="terrain"/>
          <body name="ball" pos="0 0 1">
            <freejoint/>
            <geom type="sphere" size="0.1"/>
          </body>
        </worldbody>
      </mujoco>
      """;

  @Test
  void heightFieldRoundTripsAndChecksItsInput() {
    try (MjModel m = MjModel.fromXml(HFIELD)) {
      int id = m.id(MjObject.HFIELD, "terrain");
      assertEquals(1, m.nhfield());
      assertEquals(4, m.hfieldNrow(id));
      assertEquals(5, m.hfieldNcol(id));
      float[] terrain = new float[20];
      Random random = new Random(7);
      for (int i = 0; i < terrain.length; i++) {
        terrain[i] = random.nextFloat();
      }
      m.setHeightField(id, terrain);
      float[] back = new float[20];
      m.heightField(id, back);
      assertArrayEquals(terrain, back);

      IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
          () -> m.setHeightField(id, new float[19]));
      assertTrue(size.getMessage().contains("4 x 5"), size.getMessage());
      float[] bad = new float[20];
      bad[3] = 1.5f;
      assertThrows(IllegalArgumentException.class, () -> m.setHeightField(id, bad));
      bad[3] = Float.NaN;
      assertThrows(IllegalArgumentException.class, () -> m.setHeightField(id, bad));
      m.heightField(id, back);
      assertArrayEquals(terrain, back, "a rejected write changes nothing");
    }
  }

  @Test
  void heightFieldDataReachesTheCollider() {
    try (MjModel m = MjModel.fromXml(HFIELD)) {
      int id = m.id(MjObject.HFIELD, "terrain");
      for (float level : new float[] {1f, 0.4f}) {
        float[] flat = new float[20];
        java.util.Arrays.fill(flat, level);
        m.setHeightField(id, flat);
        try (MjData d = m.makeData()) {
          for (int k = 0; k < 1500; k++) {
            d.step();
          }
          // elevation = size_z * data; the ball (radius 0.1) rests on it, up to a small penetration.
          double surface = 0.5 * level;
          assertEquals(surface + 0.1, d.qpos().get(2), 0.01, "level " + level);
          assertFalse(Double.isNaN(d.qpos().get(2)));
        }
      }
    }
  }
}
