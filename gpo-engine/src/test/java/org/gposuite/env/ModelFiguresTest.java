package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our MJCF files against rllab's and Gym's (-v1) originals, both loaded into MuJoCo 2.2.2: sizes,
 * masses, inertias, timestep, integrator, gears, control ranges and initial qpos must be
 * identical, and so must 500 steps of dynamics.
 */
class ModelFiguresTest {
  // ../shared from the project root; tests run in gpo-engine/
  private static final Path REFERENCE = Path.of("..", "..", "shared", "reference", "rllab-models");
  private static final Path GYM_REFERENCE = Path.of("..", "..", "shared", "reference", "gym-v1-models");
  /** Gym's file -> ours: HalfCheetah-v1 shares rllab's cheetah model (same figures). */
  private static final Map<String, String> GYM_OURS = Map.of(
      "half_cheetah.xml", "half_cheetah.xml", "hopper.xml", "gym_hopper.xml", "walker2d.xml", "gym_walker2d.xml");
  /**
   * hopper.xml and walker2d.xml (rllab's and Gym's alike): MuJoCo 2.2 rejects "0.13/2"; 1.31
   * read up to the "/".
   */
  private static final Map<String, String[]> PATCHES = Map.of(
      "hopper.xml", new String[] {"0.13/2", "0.13"},
      "walker2d.xml", new String[] {"0.2/2", "0.2"});

  @ParameterizedTest
  @ValueSource(strings = {"half_cheetah.xml", "hopper.xml", "walker2d.xml", "ant.xml", "swimmer.xml",
      "inverted_double_pendulum.xml"})
  void sameFiguresAsRllabModel(String file) throws IOException {
    assertSameFigures(REFERENCE, file, file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"half_cheetah.xml", "hopper.xml", "walker2d.xml"})
  void sameFiguresAsGymV1Model(String file) throws IOException {
    assertSameFigures(GYM_REFERENCE, file, GYM_OURS.get(file));
  }

  private static void assertSameFigures(Path dir, String file, String ourFile) throws IOException {
    Path ref = dir.resolve(file);
    assumeTrue(Files.exists(ref), "reference models not present at " + dir);
    String refXml = Files.readString(ref);
    if (PATCHES.containsKey(file)) {
      String[] p = PATCHES.get(file);
      assertTrue(refXml.contains(p[0]), ref + " no longer holds " + p[0]);
      refXml = refXml.replace(p[0], p[1]);
    }
    try (MjModel theirs = MjModel.fromXml(refXml);
         MjModel ours = MjModel.fromXml(Tasks.modelXml(ourFile))) {
      assertEquals(theirs.nq(), ours.nq(), "nq");
      assertEquals(theirs.nv(), ours.nv(), "nv");
      assertEquals(theirs.nu(), ours.nu(), "nu");
      assertEquals(theirs.nbody(), ours.nbody(), "nbody");
      assertEquals(theirs.njnt(), ours.njnt(), "njnt");
      assertEquals(theirs.timestep(), ours.timestep(), "timestep");
      assertEquals(theirs.integrator(), ours.integrator(), "integrator");
      assertArrayEquals(theirs.qpos0(), ours.qpos0(), "qpos0");
      double[] i1 = new double[3];
      double[] i2 = new double[3];
      for (int b = 0; b < ours.nbody(); b++) {
        assertEquals(theirs.bodyMass(b), ours.bodyMass(b), "mass of body " + b);
        assertEquals(theirs.bodyParent(b), ours.bodyParent(b), "parent of body " + b);
        theirs.bodyInertia(b, i1);
        ours.bodyInertia(b, i2);
        assertArrayEquals(i1, i2, "inertia of body " + b);
      }
      for (int j = 0; j < ours.njnt(); j++) {
        assertEquals(theirs.jointType(j), ours.jointType(j), "type of joint " + j);
        assertEquals(theirs.name(MjObject.JOINT, j), ours.name(MjObject.JOINT, j), "name of joint " + j);
      }
      for (int a = 0; a < ours.nu(); a++) {
        assertEquals(theirs.actuatorGear(a), ours.actuatorGear(a), "gear " + a);
        assertEquals(theirs.actuatorCtrlLow(a), ours.actuatorCtrlLow(a), "ctrl low " + a);
        assertEquals(theirs.actuatorCtrlHigh(a), ours.actuatorCtrlHigh(a), "ctrl high " + a);
        assertEquals(theirs.actuatorCtrlLimited(a), ours.actuatorCtrlLimited(a), "ctrl limited " + a);
      }
      assertArrayEquals(theirs.customNumeric("frame_skip"), ours.customNumeric("frame_skip"), "frame_skip");
      assertArrayEquals(theirs.customNumeric("init_qpos"), ours.customNumeric("init_qpos"), "init_qpos");
      // Same dynamics: 500 steps from qpos0 with a fixed control give identical states.
      try (var d1 = theirs.makeData(); var d2 = ours.makeData()) {
        for (int t = 0; t < 500; t++) {
          for (int a = 0; a < ours.nu(); a++) {
            double c = ours.actuatorCtrlHigh(a) * Math.sin(0.1 * t + a);
            d1.ctrl().set(a, c);
            d2.ctrl().set(a, c);
          }
          d1.step();
          d2.step();
        }
        assertArrayEquals(d1.qpos().toArray(), d2.qpos().toArray(), "qpos after 500 steps");
        assertArrayEquals(d1.qvel().toArray(), d2.qvel().toArray(), "qvel after 500 steps");
      }
    }
  }
}
