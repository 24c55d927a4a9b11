package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: production code carries no fault-injection switch (Harness read
 * GPOSUITE_INJECT_FAILURE from the environment, so any user's environment could fail a cell).
 * Tests inject faults from outside: a file where a folder goes, a full tmpfs, a runner of their own.
 */
class NoTestHooksTest {
  @Test
  void noProductionSourceReadsAFaultInjectionSwitch() throws Exception {
    List<Path> hooked;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      hooked = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).contains("INJECT_FAILURE");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertEquals(List.of(), hooked);
  }

  /** The outside injection the Slurm test uses, here on the local path: a file where the cell's folder goes. */
  @Test
  void anElementWhoseCellFolderIsTakenByAFileFailsNamingIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    Path cellDir = runDir.resolve("cells/PPO/Swimmer/GPO/seed-1");
    Files.createDirectories(cellDir.getParent());
    Files.writeString(cellDir, "in the way\n");
    FakeRunner runner = new FakeRunner();
    ReproduceMainTest.Outcome o = ReproduceMainTest.run(runner, FaultsTest.args(tmp, runDir, "--run-cell", "0"));
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    assertEquals(0, runner.calls.get());
    org.junit.jupiter.api.Assertions.assertTrue(o.out().contains("element: PPO/Swimmer/GPO/seed-1 FAILED: " + cellDir), o.out());
  }
}
