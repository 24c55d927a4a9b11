package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadingAndLayoutTest {

  @Test
  void fromResourceAndFromFileGiveTheSameModel(@TempDir Path dir) throws IOException {
    try (MjModel fromResource = MjModel.fromResource("/org/gposuite/mujoco/slider.xml")) {
      assertEquals(1, fromResource.nq());
      assertEquals(0.004, fromResource.timestep());
      assertEquals(2.0, fromResource.bodyMass(fromResource.id(MjObject.BODY, "cart")));
      assertEquals(MjLayout.mjJNT_SLIDE, fromResource.jointType(0));
      Path file = dir.resolve("slider.xml");
      try (var in = MjModel.class.getResourceAsStream("/org/gposuite/mujoco/slider.xml")) {
        Files.write(file, in.readAllBytes());
      }
      try (MjModel fromFile = MjModel.fromFile(file)) {
        assertEquals(fromResource.nq(), fromFile.nq());
        assertEquals(fromResource.timestep(), fromFile.timestep());
      }
    }
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> MjModel.fromResource("/org/gposuite/mujoco/absent.xml"));
    assertTrue(missing.getMessage().contains("absent.xml"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MjModel.fromFile(dir.resolve("absent.xml")));
    assertThrows(IllegalArgumentException.class, () -> MjModel.fromXml("  "));
  }

  /** Fields that MuJoCo copies from mjModel into mjData: both generated offsets must agree. */
  @Test
  void dataAndModelOffsetsAgreeOnCopiedSizes() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      assertEquals(m.struct().get(JAVA_INT, MjLayout.M_NSTACK), d.struct().get(JAVA_INT, MjLayout.D_NSTACK));
      assertTrue(d.struct().get(JAVA_INT, MjLayout.D_NBUFFER) > 0);
      assertEquals(0, d.struct().get(JAVA_INT, MjLayout.D_PSTACK), "the stack is empty between calls");
      d.forward();
      assertEquals(0, d.struct().get(JAVA_INT, MjLayout.D_NCON), "the pendulum has no contacts");
    }
  }

  @Test
  void enumsCarryTheHeaderValues() {
    assertEquals(MjLayout.mjOBJ_BODY, MjObject.BODY.value());
    assertEquals(MjLayout.mjOBJ_NUMERIC, MjObject.NUMERIC.value());
    for (MjObject o : MjObject.values()) {
      assertEquals(o.ordinal(), o.value(), o.name());
    }
    assertEquals(MjLayout.mjSTAGE_VEL, MjStage.VEL.value());
    assertEquals(MjLayout.mjINT_RK4, MjIntegrator.RK4.value());
  }

  @Test
  void loadsFromSeveralThreadsAtOnce() throws Exception {
    Thread[] threads = new Thread[4];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        try {
          for (int i = 0; i < 25; i++) {
            try (MjModel m = MjModel.fromXml(Models.pendulum("RK4")); MjData d = m.makeData()) {
              d.step();
              assertEquals(2, m.nq());
            }
          }
        } catch (Throwable e) {
          failure[0] = e;
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
  }
}
