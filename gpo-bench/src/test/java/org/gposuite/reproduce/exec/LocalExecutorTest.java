package org.gposuite.reproduce.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.junit.jupiter.api.Test;

/** Admission of cells by the cores they keep busy; failures by cell id. */
class LocalExecutorTest {
  @Test
  void coresAreNeverOversubscribedAndFailuresAreKept() throws Exception {
    List<Executor.Cell> cells = new ArrayList<>();
    int[] threads = {1, 1, 2, 1, 2, 1, 1};
    for (int i = 0; i < threads.length; i++) cells.add(new Executor.Cell(i, null, threads[i]));
    AtomicInteger busy = new AtomicInteger(), peak = new AtomicInteger(), running = new AtomicInteger(), peakCells = new AtomicInteger();
    Executor.Compute compute = c -> {
      int b = busy.addAndGet(c.threads());
      peak.accumulateAndGet(b, Math::max);
      peakCells.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } finally {
        busy.addAndGet(-c.threads());
        running.decrementAndGet();
      }
      return c.index() == 3 ? Optional.of("boom") : Optional.empty();
    };
    Map<String, String> failures = new LocalExecutor(4, 2).run(List.<CellSpec>of(), withIds(cells), compute);
    assertTrue(peak.get() <= 2, "cores in use peaked at " + peak.get());
    assertEquals(2, peakCells.get(), "two one-core cells should have run together");
    assertEquals(Map.of("PPO/Swimmer/GPO/seed-4", "boom"), failures);
  }

  /**
   * A two-core cell waiting behind a running one-core cell does not hold the spare core idle: the one-core
   * cell after it starts at once (cell 0 finishes only once cell 2 has started; without backfill cell 2
   * would wait for cell 1, which waits for cell 0, and the latch would time out).
   */
  @Test
  void aCellThatFitsStartsBeforeAnEarlierOneThatDoesNot() throws Exception {
    List<Executor.Cell> cells = new ArrayList<>();
    int[] threads = {1, 2, 1};
    for (int i = 0; i < threads.length; i++) cells.add(new Executor.Cell(i, null, threads[i]));
    CountDownLatch thirdStarted = new CountDownLatch(1);
    List<Integer> started = java.util.Collections.synchronizedList(new ArrayList<>());
    Executor.Compute compute = c -> {
      started.add(c.index());
      if (c.index() == 2) thirdStarted.countDown();
      if (c.index() == 0 && !thirdStarted.await(20, TimeUnit.SECONDS)) return Optional.of("cell 2 did not start beside cell 0");
      return Optional.empty();
    };
    Map<String, String> failures = new LocalExecutor(2, 2).run(List.<CellSpec>of(), withIds(cells), compute);
    assertEquals(Map.of(), failures);
    // cells 0 and 2 start together (in either order: two threads), cell 1 once both cores are free
    assertEquals(java.util.Set.of(0, 2), java.util.Set.copyOf(started.subList(0, 2)), started.toString());
    assertEquals(1, started.get(2), started.toString());
  }

  /** Cells with real specs: seed = index + 1, so cell 3 is PPO/Swimmer/GPO/seed-4. */
  private static List<Executor.Cell> withIds(List<Executor.Cell> cells) {
    Budget b = new Budget(1000, 2, 1, 10, 100, 200, 1, 1, 4, 1, 4, 1);
    return cells.stream().map(c -> new Executor.Cell(c.index(), new CellSpec(Algorithm.PPO, "Swimmer", "GPO",
        c.index() + 1, b, Settings.DEFAULT, List.of()), c.threads())).toList();
  }
}
