package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A JVM started without the vector module stops at the first SIMD kernel with the flag to add. */
class MissingVectorModuleTest {
  /** Run in the fresh JVM: touches the SIMD kernels and prints what stopped it. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        System.out.println("tanh(0.5) = " + FloatTanh.tanh(0.5f));
      } catch (ExceptionInInitializerError e) {
        System.out.println(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
      }
    }
  }

  private static String run(boolean withModule) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb = withModule
        ? new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Probe.class.getName())
        : new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void withoutTheModuleTheErrorNamesTheFlag() throws Exception {
    String out = run(false);
    assertTrue(out.contains("IllegalStateException: gpo-suite's SIMD kernels need the JDK's vector module"), out);
    assertTrue(out.contains("--add-modules=jdk.incubator.vector"), out);
  }

  @Test
  void withTheModuleTheKernelRuns() throws Exception {
    assertTrue(run(true).contains("tanh(0.5) = 0.46211"), "the probe itself must work when the flag is there");
  }
}
