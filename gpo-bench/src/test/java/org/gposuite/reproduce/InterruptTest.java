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
 * Issue 21, small items: Ctrl-C printed nothing. A real SIGINT (SIGTERM where SIGINT is ignored) to a run in another JVM (the fake
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
    // A process started in the background by a non-interactive shell (nohup ... &) ignores SIGINT,
    // and so does its child JVM: there, SIGTERM takes the same shutdown path.
    boolean intIgnored = sigintIgnored();
    String signal = intIgnored ? "-TERM" : "-INT";
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.equals("hanging")) new ProcessBuilder("kill", signal, Long.toString(p.pid())).start().waitFor();
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out.toString());
    assertEquals(intIgnored ? 143 : 130, p.exitValue(), out.toString());
    assertTrue(out.toString().contains("interrupted: the finished cells are kept in " + runDir + "; rerun the same command"
        + " to resume"), out.toString());
    assertTrue(Files.isRegularFile(runDir.resolve("cells/PPO/Swimmer/GPO/seed-1/result.csv")), "seed 1 is kept");
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "the lock is released");
  }

  /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status); false where that cannot be read. */
  static boolean sigintIgnored() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux: assume the default disposition
    }
    return false;
  }
}
