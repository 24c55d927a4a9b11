package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gposuite.reproduce.ReproduceMainTest.Outcome;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.Faults;
import org.gposuite.reproduce.run.MethodRunner;
import org.gposuite.reproduce.run.RunLock;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a run does when it cannot write or its folder is taken: one line naming the path and the
 * cause, no stack trace, a distinct exit code (3), nothing half-written left behind, and a
 * second process on one run folder refused while a dead one's lock is taken over.
 */
class FaultsTest {
  /** One tiny run, GPO on Swimmer for seeds 1 and 2, through the command line. */
  static List<String> args(Path tmp, Path out, String... more) throws IOException {
    Path profile = tmp.resolve("unit.profile");
    if (!Files.exists(profile)) Files.writeString(profile, TestFiles.profileText("Swimmer", "Swimmer", 40));
    if (!Files.exists(tmp.resolve("expected-results"))) TestFiles.scratchExpected(tmp);
    List<String> args = new ArrayList<>(List.of("--profile", profile.toString(), "--tables", "1", "--tasks", "Swimmer",
        "--methods", "GPO", "--no-compare", "--out", out.toString(), "--expected", tmp.resolve("expected-results").toString()));
    args.addAll(List.of(more));
    return args;
  }

  static Outcome run(RunnerRegistry registry, List<String> args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReproduceMain.run(args.toArray(String[]::new), registry, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static void assertOneLine(Outcome o, String start) {
    List<String> lines = o.err().lines().toList();
    assertEquals(1, lines.size(), "one line, no stack trace:\n" + o.err());
    assertTrue(lines.get(0).startsWith(start), "expected a line starting with\n" + start + "\ngot\n" + lines.get(0));
  }

  @Test
  void aReadOnlyRunFolderIsOneLineNamingPathAndCauseExit3(@TempDir Path tmp) throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("run"));
    FakeRunner runner = new FakeRunner();
    Outcome o;
    try (AutoCloseable readOnly = TestFiles.readOnly(runDir)) {
      o = ReproduceMainTest.run(runner, args(tmp, runDir));
    }
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    // "permission denied" for a user, "Operation not permitted" for root on an immutable folder.
    assertOneLine(o, "error: cannot write " + runDir.resolve(RunLock.FILE) + ": ");
    assertTrue(o.err().matches("(?s).*: (permission denied|Operation not permitted)"
        + java.util.regex.Pattern.quote("; free space or fix permissions there, then rerun the same command (finished cells are kept)") + "\n"), o.err());
    assertEquals(0, runner.calls.get(), "nothing is computed that could not be kept");
    assertEquals(List.of(), TestFiles.temporaryFiles(runDir));
  }

  @Test
  void outNamingAFileIsBadInput(@TempDir Path tmp) throws Exception {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine\n");
    Outcome o = ReproduceMainTest.run(new FakeRunner(), args(tmp, notes));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertOneLine(o, "error: run folder " + notes + " is a file; give --out a folder (it is created when missing)");
    assertEquals("mine\n", Files.readString(notes));
  }

  @Test
  void aNonUtf8ProfileIsOneLineNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path profile = tmp.resolve("latin1.profile");
    Files.write(profile, ("# r\u00e9sum\u00e9\n" + TestFiles.profileText("Swimmer", "Swimmer", 40))
        .getBytes(StandardCharsets.ISO_8859_1));
    Outcome o = ReproduceMainTest.run(new FakeRunner(), List.of("--profile", profile.toString(), "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertOneLine(o, "error: " + profile + " line 1: is not UTF-8 text (byte 0xE9 at offset 3); save the file as UTF-8");
  }

  @Test
  void aFolderWhereTheReportGoesIsExit3WithNothingHalfWrittenLeft(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    Files.createDirectories(runDir.resolve("report.md").resolve("mine"));
    Outcome o = ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir));
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    assertOneLine(o, "error: cannot write " + runDir.resolve("report.md") + ": is a folder, where a file is to be written");
    assertEquals(List.of(), TestFiles.temporaryFiles(runDir));
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "the lock is released on failure too");
    // The cells were kept: once the obstacle is gone, a rerun resumes them.
    assertTrue(Files.isRegularFile(runDir.resolve("cells.csv")));
    Files.delete(runDir.resolve("report.md/mine"));
    Files.delete(runDir.resolve("report.md"));
    FakeRunner again = new FakeRunner();
    assertEquals(Harness.OK, ReproduceMainTest.run(again, args(tmp, runDir)).exit());
    assertEquals(0, again.calls.get());
  }

  @Test
  void aFailedAtomicWriteNamesItsTargetAndLeavesNoTemporaryFile(@TempDir Path tmp) throws IOException {
    Path target = tmp.resolve("cells.csv");
    Files.writeString(target, "old\n");
    FileSystemException full = assertThrows(FileSystemException.class,
        () -> AtomicFiles.write(target, out -> {
          out.write("new, half");
          throw new IOException("No space left on device");
        }));
    assertEquals(target + ": No space left on device", Faults.describe(full));
    assertEquals("old\n", Files.readString(target), "the old content stays whole");

    // The rename itself fails: something took the target's place while the temporary file was written.
    Path taken = tmp.resolve("report.md");
    FileSystemException moved = assertThrows(FileSystemException.class,
        () -> AtomicFiles.write(taken, out -> Files.createDirectories(taken.resolve("mine"))));
    assertEquals(taken.toString(), moved.getFile());
    assertEquals(List.of(), TestFiles.temporaryFiles(tmp));
  }

  @Test
  void whenErrorTxtCannotBeWrittenTheCellsErrorIsStillPrinted(@TempDir Path tmp) throws Exception {
    RunnerRegistry broken = new RunnerRegistry().register("GPO", (cell, dir, progress) -> {
      // Whatever broke the cell also took the place of its error file.
      Files.createDirectories(dir.resolve("error.txt").resolve("mine"));
      throw new IllegalStateException("diverged at iteration 7");
    });
    Path runDir = tmp.resolve("run");
    Outcome o = run(broken, args(tmp, runDir));
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    Path errorTxt = runDir.resolve("cells/PPO/Swimmer/GPO/seed-1/error.txt");
    assertTrue(o.out().contains("cannot write " + errorTxt + ": is a folder, where a file is to be written; the error of"
        + " PPO/Swimmer/GPO/seed-1 was: java.lang.IllegalStateException: diverged at iteration 7\n"), o.out());
    assertTrue(o.out().contains("2 cell(s) failed; see error.txt in their folders:\n"
        + "  PPO/Swimmer/GPO/seed-1: java.lang.IllegalStateException: diverged at iteration 7\n"), o.out());
    assertEquals(List.of(), TestFiles.temporaryFiles(runDir));
  }

  @Test
  void aSecondRunIntoTheSameFolderRefusesWhileTheFirstRuns(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    MidRun m = secondRunDuringCell(tmp, runDir, 0);
    assertEquals(Harness.OK, m.first().exit(), m.first().out() + m.first().err());
    assertEquals(2, m.firstRunner().calls.get());

    Outcome refused = m.second();
    assertEquals(Harness.FAILED, refused.exit());
    assertEquals(0, m.secondRunner().calls.get());
    long pid = ProcessHandle.current().pid();
    assertTrue(refused.out().contains("error: run folder " + runDir + " is in use by another ./reproduce (pid " + pid
        + ", started "), refused.out());
    assertTrue(refused.out().contains("; lock " + runDir.resolve(RunLock.FILE) + "); wait for it to finish, or give this"
        + " run another --out\n"), refused.out());
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "released at the end");
  }

  /** --report-only computes nothing, so it may read a folder a run is computing into: the cells finished so far. */
  @Test
  void aReportOnlyRunReportsAFolderWhileARunComputesIntoIt(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    MidRun m = secondRunDuringCell(tmp, runDir, 1, "--report-only");
    assertEquals(Harness.OK, m.first().exit(), m.first().out() + m.first().err());
    Outcome report = m.second();
    assertEquals(Harness.OK, report.exit(), report.out() + report.err());
    assertEquals(0, m.secondRunner().calls.get(), "a report computes nothing");
    assertTrue(report.out().contains("note: " + runDir + " is in use by a run still computing into it; reporting the cells it has"
        + " finished so far"), report.out());
    assertTrue(report.out().contains("1 cell(s) of the selection not computed yet (--report-only)"), report.out());
    assertEquals(2, CellsCsv.read(runDir.resolve("cells.csv")).size(), "the run's own report, at its end, has both cells");
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "released at the end");
  }

  /** Both outcomes of {@link #secondRunDuringCell}, with the fake runner each run computed with. */
  record MidRun(Outcome first, FakeRunner firstRunner, Outcome second, FakeRunner secondRunner) {}

  /**
   * Runs the test selection into {@code runDir} and, inside the cell that starts once {@code atCall} cells have been
   * computed, a second {@code ./reproduce} into the same folder with {@code extraArgs}: a second run while the first
   * holds the folder's lock.
   */
  static MidRun secondRunDuringCell(Path tmp, Path runDir, int atCall, String... extraArgs) throws Exception {
    FakeRunner first = new FakeRunner();
    FakeRunner second = new FakeRunner();
    AtomicReference<Outcome> secondOutcome = new AtomicReference<>();
    MethodRunner startsAnother = (cell, dir, progress) -> {
      if (first.calls.get() == atCall && secondOutcome.get() == null)
        secondOutcome.set(ReproduceMainTest.run(second, args(tmp, runDir, extraArgs)));
      return first.run(cell, dir, progress);
    };
    Outcome o = run(new RunnerRegistry().bind(FakeRunner.binding(startsAnother)), args(tmp, runDir));
    return new MidRun(o, first, secondOutcome.get(), second);
  }

  @Test
  void aLockOfAnotherLiveProcessRefuses(@TempDir Path tmp) throws Exception {
    Process holder = new ProcessBuilder("sleep", "60").start();
    try {
      Path runDir = Files.createDirectories(tmp.resolve("run"));
      String started = holder.info().startInstant().map(Instant::toString).orElse("");
      String lock = "pid " + holder.pid() + "\nstarted " + started + "\n";
      Files.writeString(runDir.resolve(RunLock.FILE), lock);
      FakeRunner runner = new FakeRunner();
      Outcome o = ReproduceMainTest.run(runner, args(tmp, runDir));
      assertEquals(Harness.FAILED, o.exit());
      assertTrue(o.out().contains("is in use by another ./reproduce (pid " + holder.pid()), o.out());
      assertEquals(0, runner.calls.get());
      assertEquals(lock, Files.readString(runDir.resolve(RunLock.FILE)), "another's lock is left alone");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void aLockOfADeadProcessIsTakenOver(@TempDir Path tmp) throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    assertTakenOver(tmp, "pid " + ended.pid() + "\nstarted 2026-01-01T00:00:00Z\n", ended.pid());
  }

  @Test
  void aLockWhosePidNowBelongsToAnotherProcessIsTakenOver(@TempDir Path tmp) throws Exception {
    // This very process, but not started when the lock was written: the pid was reused.
    long pid = ProcessHandle.current().pid();
    assertTakenOver(tmp, "pid " + pid + "\nstarted 2000-01-01T00:00:00Z\n", pid);
  }

  static void assertTakenOver(Path tmp, String lock, long pid) throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(runDir.resolve(RunLock.FILE), lock);
    Outcome o = ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir));
    assertEquals(Harness.OK, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("taking over the lock of an earlier run that did not release it (pid " + pid), o.out());
    assertTrue(Files.isRegularFile(runDir.resolve("cells.csv")));
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)));
    try (var files = Files.list(runDir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".stale")), "the stale lock is gone");
    }
  }

  @Test
  void anEmptyLockFileIsStaleAndTakenOver(@TempDir Path tmp) throws Exception {
    // Locks are created whole (issue 21, item 1), so an empty one is never one being written:
    // it is what a disk-full left behind before, and must not strand the folder.
    Path runDir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(runDir.resolve(RunLock.FILE), "");
    Outcome o = ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir));
    assertEquals(Harness.OK, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("taking over the lock of an earlier run that did not release it ("
        + runDir.resolve(RunLock.FILE) + " named no process)\n"), o.out());
    assertFalse(Files.exists(runDir.resolve(RunLock.FILE)));
  }

  /** Issue 21, item 1: a disk full at start names the lock and leaves none, so the rerun after freeing space runs. */
  @Test
  void aDiskFullAtStartLeavesNoLockAndTheRerunRuns(@TempDir Path tmp) throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"))) {
      Path runDir = Files.createDirectories(disk.dir().resolve("run"));
      disk.fill();
      FakeRunner runner = new FakeRunner();
      Outcome full = ReproduceMainTest.run(runner, args(tmp, runDir));
      assertEquals(Harness.FAILED, full.exit(), full.out() + full.err());
      assertOneLine(full, "error: cannot write " + runDir.resolve(RunLock.FILE) + ": No space left on device;"
          + " free space or fix permissions there, then rerun the same command (finished cells are kept)");
      assertEquals(0, runner.calls.get());
      assertFalse(Files.exists(runDir.resolve(RunLock.FILE)), "no empty lock is left to strand the folder");
      assertEquals(List.of(), TestFiles.temporaryFiles(runDir));

      disk.free();
      Outcome rerun = ReproduceMainTest.run(runner, args(tmp, runDir));
      assertEquals(Harness.OK, rerun.exit(), rerun.out() + rerun.err());
      assertEquals(2, runner.calls.get());
    }
  }

  /** Issue 21, item 2: a CI job with a mistyped --out must not go green on zero cells. */
  @Test
  void reportOnlyOnAFolderWithoutFinishedCellsIsExit4AndLeavesNothing(@TempDir Path tmp) throws Exception {
    Path nothingHere = tmp.resolve("nothing-here");
    Outcome o = ReproduceMainTest.run(new FakeRunner(), args(tmp, nothingHere, "--report-only"));
    assertEquals(4, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("error: " + nothingHere + " holds no finished cell of the selection (2 looked for, e.g. "
        + nothingHere.resolve("cells/PPO/Swimmer/GPO/seed-1/result.csv") + "); check --out, or rerun without"
        + " --report-only to compute them\n"), o.out());
    assertFalse(o.out().contains("groups match"), o.out());
    assertFalse(Files.exists(nothingHere), "no folder is made for a report of nothing");
  }

  @Test
  void aComparisonThatMetNoExpectedRowIsExit4(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    List<String> seed1 = new ArrayList<>(args(tmp, runDir, "--seeds", "1", "--rebaseline"));
    seed1.remove("--no-compare");
    assertEquals(Harness.OK, ReproduceMainTest.run(new FakeRunner(), seed1).exit());
    // Seed 2 has no expected row: it is new, and nothing at all was compared.
    List<String> seed2 = new ArrayList<>(args(tmp, runDir, "--seeds", "2"));
    seed2.remove("--no-compare");
    Outcome o = ReproduceMainTest.run(new FakeRunner(), seed2);
    assertEquals(4, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("comparison: no group was compared (1 without expected results)\n"), o.out());
    assertTrue(o.out().contains("error: nothing was compared: none of the 1 finished cell(s) of the selection has an"
        + " expected row in " + tmp.resolve("expected-results/unit/cells.csv") + "; add them with --rebaseline, or run"
        + " with --no-compare\n"), o.out());
  }

  @Test
  void aRunWhoseEveryCellFailedSaysSoAndNeverThatGroupsMatch(@TempDir Path tmp) throws Exception {
    RunnerRegistry broken = new RunnerRegistry().register("GPO", (cell, dir, progress) -> {
      throw new IllegalStateException("diverged");
    });
    Path runDir = tmp.resolve("run");
    List<String> seed1 = new ArrayList<>(args(tmp, runDir, "--seeds", "1", "--rebaseline"));
    seed1.remove("--no-compare");
    assertEquals(Harness.OK, ReproduceMainTest.run(new FakeRunner(), seed1).exit());
    Files.delete(runDir.resolve("cells/PPO/Swimmer/GPO/seed-1/result.csv"));
    List<String> again = new ArrayList<>(args(tmp, runDir, "--seeds", "1"));
    again.remove("--no-compare");
    Outcome o = run(broken, again);
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    assertFalse(o.out().contains("groups match"), o.out());
    assertTrue(o.out().contains("error: no cell of the selection finished, so nothing was compared\n"), o.out());
  }

  /** Issue 21, item 6: one damaged cell costs that cell, not the run; removing its folder recomputes it. */
  @ParameterizedTest
  @ValueSource(strings = {"result.csv", "curve.csv"})
  void aDamagedCellIsSkippedAndNamedAndRecomputedOnceRemoved(String damagedFile, @TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    assertEquals(Harness.OK, ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir)).exit());
    Path cell = runDir.resolve("cells/PPO/Swimmer/GPO/seed-1");
    Path file = cell.resolve(damagedFile);
    String text = Files.readString(file);
    // Cut short mid-row (result.csv), or a number that does not parse (curve.csv).
    Files.writeString(file, damagedFile.equals("result.csv") ? text.substring(0, text.length() / 2)
        : text.replaceFirst("\n[0-9]+,", "\nten,"));

    FakeRunner runner = new FakeRunner();
    Outcome o = ReproduceMainTest.run(runner, args(tmp, runDir, "--seeds", "1,2,3"));
    assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
    assertEquals("", o.err());
    assertEquals(1, runner.calls.get(), "seed 3 is computed, seed 2 kept, the damaged seed 1 left as found");
    assertTrue(o.out().contains("1 damaged cell(s) skipped; delete their folders to recompute them:\n  PPO/Swimmer/GPO/seed-1: "),
        o.out());
    assertTrue(o.out().contains("warning: skipping damaged cell PPO/Swimmer/GPO/seed-1: " + (damagedFile.equals("result.csv")
        ? file : cell)), o.out());
    assertTrue(o.out().contains("; delete " + cell + " to recompute the cell\n"), o.out());
    assertTrue(Files.readString(runDir.resolve("report.md")).contains("seed-3"), "the report covers the other cells");

    deleteTree(cell);
    Outcome again = ReproduceMainTest.run(runner, args(tmp, runDir, "--seeds", "1,2,3"));
    assertEquals(Harness.OK, again.exit(), again.out() + again.err());
    assertEquals(2, runner.calls.get(), "the removed cell is recomputed, nothing else");
  }

  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  /** Issue 21, item 4: a run folder has one identity; --set into a folder of default-settings cells is refused up front. */
  @Test
  void setIntoAFolderOfOtherSettingsIsRefusedUpFrontInOneLine(@TempDir Path tmp) throws Exception {
    Path runDir = tmp.resolve("run");
    assertEquals(Harness.OK, ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir)).exit());
    Path result = runDir.resolve("cells/PPO/Swimmer/GPO/seed-1/result.csv");
    String before = Files.readString(result);

    FakeRunner runner = new FakeRunner();
    Outcome o = ReproduceMainTest.run(runner, args(tmp, runDir, "--set", "fake.scale=2", "--seeds", "1"));
    assertEquals(Harness.CANNOT_RUN, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("error: run folder " + runDir + " holds 1 cell(s) of the selection computed under other"
        + " settings (PPO/Swimmer/GPO/seed-1: fake.scale: 2 here, unset there); give this run another --out, or delete"
        + " those cells' folders to recompute them\n"), o.out());
    assertEquals(0, runner.calls.get());
    assertEquals(before, Files.readString(result));
    assertFalse(Files.exists(result.resolveSibling("error.txt")));
  }

  /**
   * A changed budget still recomputes (the profile changed), and from scratch: like a GPO cell, this
   * runner refuses a checkpoint of another configuration, which the finished cell left behind.
   */
  @Test
  void aChangedBudgetRecomputesFromScratchNotFromTheOldCheckpoint(@TempDir Path tmp) throws Exception {
    FakeRunner fake = new FakeRunner();
    MethodRunner checkpointing = (cell, dir, progress) -> {
      Path checkpoint = dir.resolve("checkpoint.bin");
      if (Files.exists(checkpoint) && !Files.readString(checkpoint).equals(cell.configHash())) {
        throw new IllegalStateException(checkpoint + " belongs to a run with a different configuration");
      }
      Files.writeString(checkpoint, cell.configHash());
      return fake.run(cell, dir, progress);
    };
    RunnerRegistry registry = new RunnerRegistry().bind(FakeRunner.binding(checkpointing));
    Path runDir = tmp.resolve("run");
    assertEquals(Harness.OK, run(registry, args(tmp, runDir)).exit());
    Path bigger = tmp.resolve("bigger.profile");
    Files.writeString(bigger, TestFiles.profileText("Swimmer", "Swimmer", 80));
    List<String> changed = args(tmp, runDir);
    changed.set(1, bigger.toString());
    Outcome o = run(registry, changed);
    assertEquals(Harness.OK, o.exit(), o.out() + o.err());
    assertEquals(4, fake.calls.get(), "both cells computed again under the new budget");
  }

  /**
   * Issue 21, item 7: a disk that fills mid-cell. The engine's curve writer (the real one) fails
   * with "CurveWriter: write failed", its cause holding the OS's reason: the cell's line must carry
   * that reason, the failed-cells list must be printed although the run's own files cannot be
   * written either, and no temporary file (here a checkpoint cut off) may be left behind.
   */
  @Test
  void aDiskFullMidCellSaysWhyListsTheCellAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"))) {
      Path runDir = disk.dir().resolve("run");
      RunnerRegistry fillsTheDisk = new RunnerRegistry().register("GPO", (cell, dir, progress) -> {
        Files.writeString(dir.resolve("checkpoint.bin.tmp"), "a checkpoint the full disk cut off");
        disk.fill();
        try (org.gposuite.pg.CurveWriter curve = new org.gposuite.pg.CurveWriter(dir.resolve("curve-rows.csv"))) {
          curve.write(new org.gposuite.pg.CurveRow(0, 0, 10, 1.0, 1, 0, 1, 0, 0, 0));
        }
        throw new AssertionError("the disk was not full");
      });
      Outcome o = run(fillsTheDisk, args(tmp, runDir, "--seeds", "1"));
      assertEquals(Harness.FAILED, o.exit(), o.out() + o.err());
      assertTrue(o.out().contains("1 cell(s) failed; see error.txt in their folders:\n  PPO/Swimmer/GPO/seed-1:"
          + " java.io.UncheckedIOException: CurveWriter: write failed: No space left on device\n"), o.out());
      assertOneLine(o, "error: cannot write " + runDir.resolve("cells.csv") + ": No space left on device; free space");
      assertEquals(List.of(), TestFiles.temporaryFiles(runDir));
      assertFalse(Files.exists(runDir.resolve(RunLock.FILE)));

      disk.free();
      Outcome rerun = ReproduceMainTest.run(new FakeRunner(), args(tmp, runDir, "--seeds", "1"));
      assertEquals(Harness.OK, rerun.exit(), rerun.out() + rerun.err());
    }
  }

  /** Issue 21, small items: a mistyped --expected names the option and the folder, not a file inside it. */
  @Test
  void anExpectedFolderThatDoesNotExistNamesTheOption(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("nonexistent");
    List<String> a = args(tmp, tmp.resolve("run"));
    a.set(a.indexOf("--expected") + 1, missing.toString());
    Outcome o = ReproduceMainTest.run(new FakeRunner(), a);
    assertEquals(Harness.CANNOT_RUN, o.exit(), o.out() + o.err());
    assertOneLine(o, "error: --expected " + missing + " is not a folder; give the expected-results folder");
    assertFalse(Files.exists(tmp.resolve("run")));
  }

  @Test
  void aRunThatStopsBeforeItsFirstCellLeavesNoFolderBehind(@TempDir Path tmp) throws Exception {
    // No GPO in this build: the run stops after taking the lock of a folder it created.
    RunnerRegistry noGpo = new RunnerRegistry().register("Single", new FakeRunner());
    Path runDir = tmp.resolve("run");
    Outcome o = run(noGpo, args(tmp, runDir));
    assertEquals(Harness.CANNOT_RUN, o.exit(), o.out() + o.err());
    assertTrue(o.out().contains("error: method GPO is not available in this build"), o.out());
    assertFalse(Files.exists(runDir));
  }
}
