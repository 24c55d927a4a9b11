package org.gposuite.gpo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs per-policy tasks on a fixed pool and returns their results in task order. Tasks touch only
 * their own objects (or read shared, unchanging ones), so the thread count cannot change results.
 */
final class Parallel implements AutoCloseable {
  private final ExecutorService pool;
  private final int threads;

  Parallel(int threads) {
    this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "gpo-worker");
      t.setDaemon(true);
      return t;
    });
  }

  int threads() { return threads; }

  <T> List<T> map(int count, IntFunction<T> task) {
    List<T> out = new ArrayList<>(count);
    if (pool == null) {
      for (int i = 0; i < count; i++) out.add(task.apply(i));
      return out;
    }
    List<Future<T>> fs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int k = i;
      fs.add(pool.submit(org.gposuite.pg.WorkClock.carry((Callable<T>) () -> task.apply(k))));
    }
    // Wait for every task, even after a failure, so no task still runs when the caller moves on.
    Throwable failure = null;
    for (Future<T> f : fs) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) failure = e;
      } catch (ExecutionException e) {
        if (failure == null) failure = e.getCause();
      }
    }
    if (failure instanceof RuntimeException re) throw re;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new IllegalStateException("GPO worker failed", failure);
    return out;
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
