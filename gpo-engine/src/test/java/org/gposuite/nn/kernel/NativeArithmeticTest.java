package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pin takes in this JVM, and a JVM whose OpenBLAS was loaded with other kernels stops with a message. */
class NativeArithmeticTest {
  @Test
  void thisJvmRunsThePinnedCore() {
    assertEquals(NativeArithmetic.OPENBLAS_CORE, NativeArithmetic.openblasCore());
  }

  /** Loads nd4j (and so OpenBLAS) first, then asks for the pin: run in a child JVM. */
  public static final class LoadsNd4jFirst {
    public static void main(String[] args) {
      org.nd4j.linalg.factory.Nd4j.create(2, 2);
      System.out.println("core " + NativeArithmetic.openblasCore());
    }
  }

  /** nd4j loaded first under another core: OpenBLAS has chosen its kernels, so the pin refuses to compute. */
  @Test
  void otherKernelsLoadedFirstAreRefusedLoudly() throws Exception {
    Process p = child(LoadsNd4jFirst.class, "SkylakeX");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertNotEquals(0, p.exitValue(), out);
    assertTrue(out.contains("runs its SkylakeX kernels, not Haswell"), out);
    assertTrue(out.contains("OPENBLAS_CORETYPE=Haswell"), out);
  }

  static Process child(Class<?> main, String coretype) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-cp", System.getProperty("java.class.path"), main.getName())).redirectErrorStream(true);
    pb.environment().put("OPENBLAS_CORETYPE", coretype);
    return pb.start();
  }
}
