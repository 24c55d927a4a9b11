package org.gposuite.reproduce.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * Cells in this JVM, up to {@code jobs} at a time on threads, admitted by cores: a cell takes as
 * many of the machine's cores as it keeps busy ({@link Executor.Cell#threads}), so two Single or
 * Joint cells share two cores while a GPO cell, whose population already runs on every core,
 * runs alone; a cell that fits the free cores starts before an earlier one that does not. {@code
 * jobs = 1} is the one-cell-after-another loop of before. Results cannot
 * depend on it: a cell's objects are its own and every random stream is seeded from the cell.
 */
public final class LocalExecutor implements Executor {
  private final int jobs;
  private final int cores;

  /** @param jobs cells at most at a time; at least 1 */
  public LocalExecutor(int jobs) {
    this(jobs, Executor.cores());
  }

  LocalExecutor(int jobs, int cores) {
    if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
    this.jobs = jobs;
    this.cores = Math.max(1, cores);
  }

  /** The default --jobs: one cell per core, which the core admission turns into "fill the machine". */
  public static int defaultJobs() {
    return Executor.cores();
  }

  public int jobs() {
    return jobs;
  }

  @Override
  public Map<String, String> run(List<CellSpec> plan, List<Cell> todo, Compute compute) throws InterruptedException {
    Map<String, String> failures = new LinkedHashMap<>();
    if (jobs == 1) {
      for (Cell c : todo) compute.compute(c).ifPresent(msg -> failures.put(c.spec().id(), msg));
      return failures;
    }
    // A cell wanting more cores than the machine has takes them all. Cells start in plan order, except
    // that a cell which fits the free cores starts before an earlier one which does not (backfill): a
    // GPO cell waiting for both cores would otherwise hold a one-core Joint cell's spare core idle.
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "cell-worker");
      t.setDaemon(true);
      return t;
    });
    Map<Integer, Future<Optional<String>>> futures = new LinkedHashMap<>();
    try {
      Admission admission = new Admission(cores, jobs);
      List<Cell> pending = new ArrayList<>(todo);
      while (!pending.isEmpty()) {
        Cell c = admission.next(pending);
        futures.put(todo.indexOf(c), pool.submit(() -> {
          try {
            return compute.compute(c);
          } finally {
            admission.release(c);
          }
        }));
      }
      for (int i = 0; i < todo.size(); i++) {
        Optional<String> msg;
        try {
          msg = futures.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          msg = Optional.of(String.valueOf(e.getCause()));
        }
        String id = todo.get(i).spec().id();
        msg.ifPresent(m -> failures.put(id, m));
      }
    } finally {
      pool.shutdownNow();
    }
    return failures;
  }

  /** Free cores and job slots; hands out the first pending cell that fits them, waiting until one does. */
  private static final class Admission {
    private final int cores;
    private int freeCores, freeSlots;

    Admission(int cores, int jobs) {
      this.cores = cores;
      this.freeCores = cores;
      this.freeSlots = jobs;
    }

    private int need(Cell c) {
      return Math.min(cores, Math.max(1, c.threads()));
    }

    /** Removes from {@code pending} and returns the first cell that fits; a cell always fits an idle machine. */
    synchronized Cell next(List<Cell> pending) throws InterruptedException {
      while (true) {
        if (freeSlots > 0) {
          for (Cell c : pending) {
            if (need(c) <= freeCores) {
              pending.remove(c);
              freeCores -= need(c);
              freeSlots--;
              return c;
            }
          }
        }
        wait();
      }
    }

    synchronized void release(Cell c) {
      freeCores += need(c);
      freeSlots++;
      notifyAll();
    }
  }
}
