package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--executor slurm` against a real single-node Slurm (scripts/slurm-local.sh up: Debian's
 * slurmctld/slurmd/munge, installed when missing), on real smoke cells: the same bits as the
 * local executor, a failing element resubmitted, a preempted GPO cell resumed from its
 * checkpoint, --cancel. Needs root (apt, daemons); skipped otherwise. A cluster that was already
 * up is left up; one this class started is stopped after it.
 */
class SlurmClusterTest {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  /** Table 1 on Swimmer, seed 1: a GPO, a Single and a Joint cell. */
  static final List<String> THREE_CELLS = List.of("--profile", "smoke", "--tables", "1", "--tasks", "Swimmer",
      "--seeds", "1", "--no-compare");

  @TempDir Path tmp;

  /** Whether this class brought the cluster up (then it takes it down again). */
  static boolean started;

  @BeforeAll
  static void cluster() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the test cluster needs root");
    Process s = new ProcessBuilder(REPO.resolve("scripts/slurm-local.sh").toString(), "status")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started = !(s.waitFor(30, TimeUnit.SECONDS) && s.exitValue() == 0);
    Process p = new ProcessBuilder(REPO.resolve("scripts/slurm-local.sh").toString(), "up").inheritIO().start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "scripts/slurm-local.sh up failed");
  }

  @AfterAll
  static void down() throws Exception {
    if (!started) return;
    Process p = new ProcessBuilder(REPO.resolve("scripts/slurm-local.sh").toString(), "down").inheritIO().start();
    p.waitFor(120, TimeUnit.SECONDS);
  }

  record Outcome(int exit, String out) {}

  static Outcome reproduce(List<String> args0) throws Exception {
    List<String> args = with(args0, "--expected", REPO.resolve("expected-results").toString());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int exit = ReproduceMain.run(args.toArray(String[]::new), REPO, RunnerRegistry.fromServiceLoader(), ps, ps);
    return new Outcome(exit, buf.toString(StandardCharsets.UTF_8));
  }

  static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  /** A cell's numbers: curve and crossovers byte for byte, the result row without wall clock, time and commit. */
  static String bits(Path runDir, String cellId) throws IOException {
    Path dir = runDir.resolve("cells").resolve(cellId);
    CellRecord r = CellsCsv.read(dir.resolve("result.csv")).get(0);
    return Files.readString(dir.resolve("curve.csv")) + Files.readString(dir.resolve("crossovers.csv"))
        + r.configHash() + " " + Double.doubleToRawLongBits(r.finalReturn()) + " " + r.stepsUsed();
  }

  static List<String> cellIds(Path runDir) throws IOException {
    try (Stream<Path> s = Files.walk(runDir.resolve("cells"))) {
      return s.filter(f -> f.getFileName().toString().equals("result.csv"))
          .map(f -> runDir.resolve("cells").relativize(f.getParent()).toString()).sorted().toList();
    }
  }

  static String logs(Path runDir) throws IOException {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> files = Files.list(runDir.resolve("slurm/logs"))) {
      for (Path f : files.sorted().toList()) s.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
    }
    return s.toString();
  }

  @Test
  void sameBitsAsTheLocalExecutorWhicheverRanTheCells() throws Exception {
    Path local1 = tmp.resolve("local1"), local2 = tmp.resolve("local2"), slurm = tmp.resolve("slurm");
    Outcome l1 = reproduce(with(THREE_CELLS, "--out", local1.toString(), "--jobs", "1"));
    assertEquals(Harness.OK, l1.exit(), l1.out());
    Outcome l2 = reproduce(with(THREE_CELLS, "--out", local2.toString(), "--jobs", "2"));
    assertEquals(Harness.OK, l2.exit(), l2.out());
    Outcome s = reproduce(with(THREE_CELLS, "--out", slurm.toString(), "--executor", "slurm", "--poll", "1"));
    assertEquals(Harness.OK, s.exit(), s.out() + logs(slurm));
    assertTrue(s.out().contains("submitted job array"), s.out());
    List<String> ids = cellIds(local1);
    assertEquals(3, ids.size(), ids.toString());
    assertEquals(ids, cellIds(slurm));
    for (String id : ids) {
      assertEquals(bits(local1, id), bits(local2, id), id + ": local --jobs 2");
      assertEquals(bits(local1, id), bits(slurm, id), id + ": slurm");
    }
    // The manifest and the script are in the run folder; a rerun submits nothing and reuses all.
    assertTrue(Files.readString(slurm.resolve("slurm/cell.sbatch")).contains("exec "));
    Outcome again = reproduce(with(THREE_CELLS, "--out", slurm.toString(), "--executor", "slurm", "--poll", "1"));
    assertEquals(Harness.OK, again.exit(), again.out());
    assertFalse(again.out().contains("submitted job array"), again.out());
    Outcome status = reproduce(with(THREE_CELLS, "--out", slurm.toString(), "--executor", "slurm", "--status"));
    assertTrue(status.out().contains("{done=3}"), status.out());
  }

  /**
   * Faults are injected from outside, with no hook in the harness: a file where the cell's folder
   * goes makes its element fail (it cannot create the folder). "Once": the file is removed as soon
   * as an element log says FAILED, before the CLI resubmits (it polls the queue after the element
   * has exited); "always": it stays.
   */
  @Test
  void aCellThatFailsIsResubmittedAndAFailureThatStaysIsReported() throws Exception {
    List<String> single = with(THREE_CELLS, "--methods", "Single", "--executor", "slurm", "--poll", "1");
    Path once = tmp.resolve("once");
    Path onceBlocker = blockCell(once);
    Thread unblock = Thread.ofVirtual().start(() -> {
      try {
        while (!Files.isDirectory(once.resolve("slurm/logs")) || !logs(once).contains("FAILED")) Thread.sleep(100);
        Files.delete(onceBlocker);
      } catch (IOException | InterruptedException e) {
        // the assertions below say what went wrong
      }
    });
    Outcome o = reproduce(with(single, "--out", once.toString()));
    unblock.interrupt();
    assertEquals(Harness.OK, o.exit(), o.out() + logs(once));
    assertTrue(o.out().contains("resubmitting (attempt 2 of 3)"), o.out());
    assertTrue(Files.isRegularFile(once.resolve("cells/PPO/Swimmer/Single/seed-1/result.csv")));

    Path always = tmp.resolve("always");
    blockCell(always);
    Outcome a = reproduce(with(single, "--out", always.toString(), "--retries", "1"));
    assertEquals(Harness.FAILED, a.exit(), a.out());
    assertTrue(a.out().contains("FAILED after 2 attempt(s)"), a.out());
    assertTrue(Files.readString(always.resolve("report.md")).contains("PPO/Swimmer/Single/seed-1"));
  }

  /** A file where the Single cell's folder goes. */
  static Path blockCell(Path runDir) throws IOException {
    Path cellDir = runDir.resolve("cells/PPO/Swimmer/Single/seed-1");
    Files.createDirectories(cellDir.getParent());
    return Files.writeString(cellDir, "not a folder: the cell cannot be computed while this file is here\n");
  }

  /** A GPO cell of 4 rounds, so that a USR1 lands before its last round. */
  static Path longerProfile(Path dir) throws IOException {
    String smoke;
    try (InputStream in = SlurmClusterTest.class.getResourceAsStream("/org/gposuite/reproduce/plan/profiles/smoke.profile")) {
      smoke = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path f = dir.resolve("preempt.profile");
    Files.writeString(f, smoke.replaceAll("(?m)^rounds = .*$", "rounds = 4").replaceAll("(?m)^total_steps = .*$", "total_steps = 40_000"));
    return f;
  }

  @Test
  void aPreemptedGpoCellCheckpointsRequeuesAndResumesToTheSameBits() throws Exception {
    preemptAndCompare(longerProfile(tmp), "GPO", "gpo/config.txt");
  }

  /** Joint trains one policy: it checkpoints within it, at the iteration after the USR1. */
  @Test
  void aPreemptedJointCellCheckpointsWithinItsPolicyRequeuesAndResumesToTheSameBits() throws Exception {
    Path profile = longerProfile(tmp);
    // 40 iterations of the smoke profile's Joint batch (2,000), so that the USR1 lands while it trains
    Files.writeString(profile, Files.readString(profile).replaceAll("(?m)^total_steps = .*$", "total_steps = 80_000"));
    String log = preemptAndCompare(profile, "Joint", "baseline-curve.csv");
    assertTrue(log.contains("stopped at a checkpoint (at iteration "), log);
  }

  /**
   * Runs Swimmer's {@code method} cell of {@code profile} locally, then on Slurm with a USR1 sent to its
   * element once {@code startedFile} exists in the cell's folder: the element checkpoints, requeues
   * itself and the requeued one resumes to the local run's bits. Returns the elements' logs.
   */
  private String preemptAndCompare(Path profile, String method, String startedFile) throws Exception {
    List<String> cell = List.of("--profile", profile.toString(), "--tables", "1", "--tasks", "Swimmer", "--methods", method,
        "--seeds", "1", "--no-compare");
    Path local = tmp.resolve("local-" + method), slurm = tmp.resolve("slurm-" + method);
    Outcome l = reproduce(with(cell, "--out", local.toString()));
    assertEquals(Harness.OK, l.exit(), l.out());

    CompletableFuture<Outcome> cli = CompletableFuture.supplyAsync(() -> {
      try {
        return reproduce(with(cell, "--out", slurm.toString(), "--executor", "slurm", "--poll", "1"));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    // Once the cell has started (its folder has the file, so the USR1 handler is in place), signal the batch step.
    String id = "PPO/Swimmer/" + method + "/seed-1";
    Path started = slurm.resolve("cells/" + id + "/" + startedFile);
    for (int i = 0; i < 600 && !Files.exists(started) && !cli.isDone(); i++) Thread.sleep(200);
    assertTrue(Files.exists(started), "the element never started");
    String array = Files.readAllLines(slurm.resolve("slurm/jobs.tsv")).get(0).split("\t")[0];
    Process sig = new ProcessBuilder("scancel", "--signal=USR1", "--batch", array + "_0").inheritIO().start();
    assertEquals(0, sig.waitFor());
    Outcome o = cli.get(10, TimeUnit.MINUTES);
    String log = logs(slurm);
    assertEquals(Harness.OK, o.exit(), o.out() + log);
    assertTrue(log.contains("requeueing job"), log);
    assertTrue(log.contains("restart 1"), log);
    assertEquals(bits(local, id), bits(slurm, id));
    return log;
  }

  @Test
  void cancelLeavesNoJobAndNoProcess() throws Exception {
    Path profile = longerProfile(tmp);
    Path run = tmp.resolve("cancel");
    List<String> args = List.of("--profile", profile.toString(), "--tables", "1", "--tasks", "Swimmer", "--methods", "GPO",
        "--seeds", "1", "--no-compare", "--out", run.toString(), "--executor", "slurm", "--poll", "1", "--retries", "0");
    CompletableFuture<Outcome> cli = CompletableFuture.supplyAsync(() -> {
      try {
        return reproduce(args);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Path started = run.resolve("cells/PPO/Swimmer/GPO/seed-1/gpo/config.txt");
    for (int i = 0; i < 600 && !Files.exists(started) && !cli.isDone(); i++) Thread.sleep(200);
    assertTrue(Files.exists(started), "the element never started");
    Outcome c = reproduce(with(args, "--cancel"));
    assertTrue(c.out().contains("none of their elements is left running"), c.out());
    Outcome o = cli.get(5, TimeUnit.MINUTES);
    assertEquals(Harness.FAILED, o.exit(), o.out());
    String array = Files.readAllLines(run.resolve("slurm/jobs.tsv")).get(0).split("\t")[0];
    Process q = new ProcessBuilder("squeue", "-h", "-j", array, "-t", "PD,R,CG,S,CF").redirectErrorStream(true).start();
    String queued = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    q.waitFor();
    assertEquals("", queued.strip());
    boolean element = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("--run-cell")
        && p.info().commandLine().orElse("").contains(run.toString()));
    assertFalse(element, "an element JVM of the cancelled run is still alive");
  }
}
