package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, small items: Maven 3.8's jansi wrote colour resets (ESC[0m) to a stderr that is not a
 * terminal, even under -B and -Dstyle.color=never, so ./reproduce's build line reached logs as
 * escape codes. The repository's .mvn/jvm.config turns them off for every mvn run in it.
 */
class MavenOutputTest {
  @Test
  void aQuietBatchBuildWritesNoEscapeCodesToAPipe() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-N", "validate").directory(Path.of("..").toFile())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("no mvn on the PATH to build with: " + e.getMessage());
      return;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertFalse(output.contains("\u001b"), "escape codes in: " + output.replace("\u001b", "ESC"));
  }
}
