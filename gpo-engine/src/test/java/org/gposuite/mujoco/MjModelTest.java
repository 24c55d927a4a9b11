package org.gposuite.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MjModelTest {

  @Test
  void versionIsTheInstalledLibrary() {
    assertEquals("2.2.2", MuJoCo.version());
  }

  @Test
  void freeBoxSizesMatchTheMjcf() {
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX)) {
      assertEquals(7, m.nq(), "a free joint has 3 position + 4 quaternion coordinates");
      assertEquals(6, m.nv());
      assertEquals(0, m.nu());
      assertEquals(0, m.na());
      assertEquals(2, m.nbody(), "world + box");
      assertEquals(1, m.njnt());
      assertEquals(1, m.ngeom());
      assertEquals(1, m.nsite());
      assertEquals(0.002, m.timestep());
      assertEquals(MjIntegrator.EULER, m.integrator());
      double[] g = new double[3];
      m.gravity(g);
      assertArrayEquals(new double[] {0, 0, -9.81}, g);
      assertEquals(MjLayout.mjJNT_FREE, m.jointType(0));
      assertArrayEquals(new double[] {0, 0, Models.BOX_Z0, 1, 0, 0, 0}, m.qpos0());
    }
  }

  @Test
  void boxMassAndInertiaMatchHandComputation() {
    double hx = Models.BOX_HX, hy = Models.BOX_HY, hz = Models.BOX_HZ;
    double mass = Models.BOX_DENSITY * (2 * hx) * (2 * hy) * (2 * hz);
    // Solid cuboid about its centre: I_x = m (b^2 + c^2) / 12 with full edge lengths b, c.
    double[] expected = {
        mass * (4 * hy * hy + 4 * hz * hz) / 12,
        mass * (4 * hx * hx + 4 * hz * hz) / 12,
        mass * (4 * hx * hx + 4 * hy * hy) / 12};
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX)) {
      int box = m.id(MjObject.BODY, "box");
      assertEquals(mass, m.bodyMass(box), 1e-12 * mass);
      assertEquals(0.0, m.bodyMass(0), "the world body has no mass");
      assertEquals(0, m.bodyParent(box));
      double[] inertia = new double[3];
      m.bodyInertia(box, inertia);
      // MuJoCo stores principal moments (it may order the principal axes its own way).
      Arrays.sort(inertia);
      Arrays.sort(expected);
      assertArrayEquals(expected, inertia, 1e-12 * mass);
    }
  }

  @Test
  void pendulumNamesSizesAndActuators() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("RK4"))) {
      assertEquals(2, m.nq());
      assertEquals(2, m.nv());
      assertEquals(2, m.nu());
      assertEquals(3, m.nbody());
      assertEquals(MjIntegrator.RK4, m.integrator());
      assertEquals(0.01, m.timestep());
      int link1 = m.id(MjObject.BODY, "link1");
      int link2 = m.id(MjObject.BODY, "link2");
      assertEquals(link1, m.bodyParent(link2));
      assertEquals("link2", m.name(MjObject.BODY, link2));
      assertEquals("world", m.name(MjObject.BODY, 0));
      assertEquals(1, m.id(MjObject.JOINT, "hinge2"));
      assertEquals(MjLayout.mjJNT_HINGE, m.jointType(1));
      assertEquals(1, m.jointQposAdr(1));
      int m1 = m.id(MjObject.ACTUATOR, "m1");
      int m2 = m.id(MjObject.ACTUATOR, "m2");
      assertTrue(m.actuatorCtrlLimited(m1));
      assertFalse(m.actuatorCtrlLimited(m2));
      assertEquals(-1.0, m.actuatorCtrlLow(m1));
      assertEquals(1.0, m.actuatorCtrlHigh(m1));
      assertEquals(2.0, m.actuatorGear(m1));
      assertEquals(3.0, m.actuatorGear(m2));
      assertEquals(0, m.id(MjObject.SITE, "tip"));
      assertArrayEquals(new double[] {0.3, -0.2}, m.customNumeric("init_qpos"));
      assertNull(m.customNumeric("absent"));
      // capsule mass = density * (cylinder + sphere), default density 1000
      double r = 0.05, len = 0.5;
      double capsule = 1000 * (Math.PI * r * r * len + 4.0 / 3 * Math.PI * r * r * r);
      assertEquals(capsule, m.bodyMass(link1), 1e-9);
      assertEquals(2 * capsule, m.bodySubtreeMass(link1), 1e-9);
    }
  }

  @Test
  void unknownNameIsAnErrorNamingIt() {
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.id(MjObject.BODY, "torso"));
      assertTrue(e.getMessage().contains("'torso'"), e.getMessage());
      assertTrue(e.getMessage().contains("body"), e.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> m.bodyMass(2));
    }
  }

  @Test
  void brokenXmlCarriesMuJoCosMessage() {
    MjLoadException unknownElement = assertThrows(MjLoadException.class,
        () -> MjModel.fromXml("<mujoco><worldbody><bogus/></worldbody></mujoco>"));
    assertTrue(unknownElement.mujocoMessage().contains("Schema violation"), unknownElement.mujocoMessage());
    assertTrue(unknownElement.getMessage().contains(unknownElement.mujocoMessage()));

    MjLoadException malformed = assertThrows(MjLoadException.class, () -> MjModel.fromXml("<mujoco><worldbody>"));
    assertTrue(malformed.mujocoMessage().contains("XML parse error"), malformed.mujocoMessage());

    // A compiler (not parser) error: a joint needs a non-world body.
    MjLoadException compile = assertThrows(MjLoadException.class, () -> MjModel.fromXml(
        "<mujoco><worldbody><geom type=\"sphere\" size=\"0.1\"/><joint type=\"hinge\"/></worldbody></mujoco>"));
    assertFalse(compile.mujocoMessage().isBlank());

    // Still loading fine afterwards: the failed loads left MuJoCo's handlers in place.
    try (MjModel m = MjModel.fromXml(Models.FREE_BOX)) {
      assertEquals(7, m.nq());
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() {
    MjModel m = MjModel.fromXml(Models.FREE_BOX);
    MjData d = m.makeData();
    MjDoubles qpos = d.qpos();
    d.close();
    d.close();
    assertThrows(IllegalStateException.class, d::step);
    assertThrows(IllegalStateException.class, () -> qpos.get(0));
    MjData other = m.makeData();
    m.close();
    m.close();
    assertThrows(IllegalStateException.class, other::step);
    assertThrows(IllegalStateException.class, () -> m.id(MjObject.BODY, "box"));
    assertThrows(IllegalStateException.class, m::makeData);
    other.close();
  }
}
