package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.pg.WorkClock;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CellTimes;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.MethodRunner;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-cell time breakdown (issue 13): time.csv in every computed cell, its summary in cells.csv and the report. */
class CellTimesTest {
  @Test
  void everyCellGetsItsBreakdownAndCellsCsvItsPhysicsShare(@TempDir Path tmp) throws Exception {
    FakeRunner fake = new FakeRunner();
    // the fake engine charges 3 s of physics and 1 s of update per cell, on the harness's clock
    MethodRunner charging = (cell, dir, progress) -> {
      WorkClock c = WorkClock.current();
      assertNotNull(c, "the harness installs a clock for the cell");
      c.add(WorkClock.Kind.PHYSICS, 3_000_000_000L, 3_000_000_000L);
      c.add(WorkClock.Kind.SURROGATE_OWN, 1_000_000_000L, 1_000_000_000L);
      return fake.run(cell, dir, progress);
    };
    Harness.Options options = smallRun(tmp);
    assertEquals(Harness.OK, harness(charging).run(options));

    List<String> lines = Files.readAllLines(tmp.resolve("run/cells.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int share = header.indexOf("physics_share"), compute = header.indexOf("compute_cpu_s");
    assertTrue(share > 0 && compute > 0, "cells.csv has the breakdown's columns: " + header);
    for (String row : lines.subList(1, lines.size())) {
      String[] f = row.split(",");
      assertEquals(0.75, Double.parseDouble(f[share]), 1e-9, row);
      assertEquals(4.0, Double.parseDouble(f[compute]), 1e-9, row);
    }
    assertEquals(lines.size() - 1, CellsCsv.read(tmp.resolve("run/cells.csv")).size(), "the extra columns read back");
    try (var dirs = Files.walk(tmp.resolve("run/cells"))) {
      List<Path> results = dirs.filter(p -> p.getFileName().toString().equals(CellStore.RESULT)).toList();
      assertFalse(results.isEmpty());
      for (Path r : results) {
        CellTimes t = CellTimes.read(r.getParent()).orElseThrow(() -> new AssertionError("no time.csv beside " + r));
        assertEquals(3.0, t.cpu(WorkClock.Kind.PHYSICS), 1e-9);
      }
    }
    assertTrue(Files.readString(tmp.resolve("run/report.md")).contains("## Where the time went"));
    assertNull(WorkClock.current(), "the cell's clock is removed after it");
  }

  /**
   * A cell stopped after a checkpoint and resumed by a second process: its time.csv holds both
   * processes' work up to the checkpoint and after it, not only the last process's.
   */
  @Test
  void aResumedCellsBreakdownIncludesTheTimeBeforeItsCheckpoint(@TempDir Path tmp) throws Exception {
    FakeRunner fake = new FakeRunner();
    java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    MethodRunner crashingOnce = (cell, dir, progress) -> {
      WorkClock c = WorkClock.current();
      if (started.add(cell.id())) {
        // first process: 3 s of physics, a checkpoint, then the process dies
        c.add(WorkClock.Kind.PHYSICS, 3_000_000_000L, 3_000_000_000L);
        CellTimes.checkpointed();
        throw new IllegalStateException("killed after its checkpoint");
      }
      // the resumed process: 2 s more
      c.add(WorkClock.Kind.PHYSICS, 2_000_000_000L, 2_000_000_000L);
      return fake.run(cell, dir, progress);
    };
    Harness h = harness(crashingOnce);
    Harness.Options options = smallRun(tmp);
    assertNotEquals(Harness.OK, h.run(options));
    assertEquals(Harness.OK, h.run(options));
    try (var results = Files.walk(tmp.resolve("run/cells"))) {
      List<Path> cells = results.filter(f -> f.getFileName().toString().equals(CellStore.RESULT)).map(Path::getParent).toList();
      assertFalse(cells.isEmpty());
      for (Path dir : cells) {
        CellTimes t = CellTimes.read(dir).orElseThrow();
        assertEquals(5.0, t.cpu(WorkClock.Kind.PHYSICS), 1e-9, dir.toString());
        assertFalse(Files.exists(dir.resolve("time.partial.csv")), "the partial time is gone once time.csv is written");
      }
    }
  }

  /** A harness on the fake engine behind {@code runner}, printing nowhere. */
  private static Harness harness(MethodRunner runner) {
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new Harness(new RunnerRegistry().bind(FakeRunner.binding(runner)), log);
  }

  /** HarnessTest's small profile into tmp/run, without a comparison. */
  private static Harness.Options smallRun(Path tmp) throws Exception {
    return HarnessTest.options(HarnessTest.SMALL, tmp, TestFiles.scratchExpected(tmp), false, false);
  }
}
