package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gposuite.reproduce.run.RunLock;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, small items: Ctrl-C printed nothing. A real SIGINT to a run in another JVM (the fake
 * engine, whose second cell hangs): the run says its finished cells are kept and how to resume, and
 * leaves no lock.
 */
class InterruptTest {
  /** A run whose first cell finishes and whose second never does, until it is interrupted. */
  public static void main(String[] args) throws Exception {
    FakeRunner fake = new FakeRunner();
    RunnerRegistry hangsOnSeed2 = new RunnerRegistry().bind(FakeRunner.binding((cell, dir, progress) -> {
      if (cell.seed() == 2) {
        System.out.println("hanging");
        Thread.sleep(120_000);
      }
      return fake.run(cell, dir, progress);
    }));
    System.exit(ReproduceMain.run(args, hangsOnSeed2, System.out, System.err));
  }

  @Test
  void ctrlCSaysTheFinishedCellsAreKeptAndReleasesTheLock(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), InterruptTest.class.getName()));
    cmd.addAll(FaultsTest.args(tmp, runDir, "--jobs", "1"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.equals("hanging")) new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out.toString());
    assertEquals(130, p.exitValue(), out.toString());
    assertTrue(out.toString().contains("interrupted: the finished cells are kept in " + runDir + "; rerun the same command"
        + " to resume"), out.toString());
    assertTrue(Files.isRegularFile(runDir.resolve("cells/PPO/Swimmer/GPO/seed-1/result.csv")), "seed 1 is kept");
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "the lock is released");
  }
}
