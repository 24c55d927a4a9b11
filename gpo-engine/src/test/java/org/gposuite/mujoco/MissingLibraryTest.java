package org.gposuite.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingLibraryTest {
  private static final String ONE_LINE = "libmujoco not found: install it with `apt-get install libmujoco-dev`"
      + " (Debian) or set MUJOCO_LIB=/path/to/libmujoco.so";

  @Test
  void nonExistentMujocoLibGivesTheOneLineMessage() {
    MuJoCoUnavailableException e = assertThrows(MuJoCoUnavailableException.class,
        () -> MuJoCo.open("/nonexistent/libmujoco.so"));
    assertEquals(ONE_LINE, e.getMessage());
  }

  /** End to end in a fresh JVM, where MUJOCO_LIB is read from the real environment. */
  @Test
  void freshJvmWithMissingMujocoLibFailsWithTheMessage() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), MissingLibraryMain.class.getName());
    pb.environment().put("MUJOCO_LIB", "/nonexistent/libmujoco.so");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, p.waitFor(), String.join("\n", lines));
    assertEquals(List.of(MuJoCoUnavailableException.class.getSimpleName() + ": " + ONE_LINE,
        MuJoCoUnavailableException.class.getSimpleName() + ": " + ONE_LINE), lines);
  }
}
