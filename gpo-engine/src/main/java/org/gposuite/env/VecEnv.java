package org.gposuite.env;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N copies of one task stepped together, with automatic reset at termination or at the horizon.
 * Copy i is seeded from (seed, i) and only ever touched by one thread at a time, so the thread
 * count changes speed, never results. All result buffers are preallocated and overwritten by
 * each {@link #step}. The policy-gradient layer sees it as its own interface, pg.VectorEnv (through
 * pg.VecEnvAdapter), which its tests also implement on small hand-checkable environments; this
 * package stays below pg and knows nothing of it.
 */
public final class VecEnv implements AutoCloseable {
  private final TaskConfig cfg;
  private final Env[] envs;
  private final int obsDim;
  private final int actDim;
  private final double[] obs;
  private final double[] finalObs;
  private final double[] rewards;
  private final boolean[] terminated;
  private final boolean[] truncated;
  private final double[] episodeReturns;
  private final int[] episodeLengths;
  private final double[] runningReturn;
  private final int[] runningLength;
  private final double[][] actionRows;
  private final double[][] obsRows;
  /** Per copy, the actions of its current episode so far (its first runningLength rows): what {@link #save} replays. */
  private final double[][] episodeActions;
  private final ExecutorService pool;
  private final List<Callable<Void>> chunks;
  private double[] pendingActions;
  private long unstableEpisodes;
  private boolean closed;

  public VecEnv(TaskConfig cfg, int numEnvs, long seed, int threads) {
    if (numEnvs <= 0) {
      throw new IllegalArgumentException("VecEnv for " + (cfg == null ? null : cfg.name())
          + ": numEnvs must be positive, got " + numEnvs);
    }
    if (threads <= 0) {
      throw new IllegalArgumentException("VecEnv for " + (cfg == null ? null : cfg.name())
          + ": threads must be positive, got " + threads);
    }
    this.cfg = cfg;
    this.envs = new Env[numEnvs];
    try {
      for (int i = 0; i < numEnvs; i++) {
        envs[i] = Tasks.make(cfg, copySeed(seed, i));
      }
    } catch (RuntimeException e) {
      for (Env env : envs) {
        if (env != null) {
          env.close();
        }
      }
      throw e;
    }
    this.obsDim = envs[0].obsDim();
    this.actDim = envs[0].actDim();
    this.obs = new double[numEnvs * obsDim];
    this.finalObs = new double[numEnvs * obsDim];
    this.rewards = new double[numEnvs];
    this.terminated = new boolean[numEnvs];
    this.truncated = new boolean[numEnvs];
    this.episodeReturns = new double[numEnvs];
    this.episodeLengths = new int[numEnvs];
    this.runningReturn = new double[numEnvs];
    this.runningLength = new int[numEnvs];
    this.actionRows = new double[numEnvs][actDim];
    this.obsRows = new double[numEnvs][obsDim];
    this.episodeActions = new double[numEnvs][64 * actDim];
    int workers = Math.min(threads, numEnvs);
    this.pool = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "vecenv-" + cfg.name());
      t.setDaemon(true);
      return t;
    }) : null;
    this.chunks = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int from = (int) ((long) numEnvs * w / workers);
      int to = (int) ((long) numEnvs * (w + 1) / workers);
      chunks.add(() -> {
        stepRange(from, to);
        return null;
      });
    }
    for (int i = 0; i < numEnvs; i++) {
      double[] row = obsRows[i];
      envs[i].reset(row);
      System.arraycopy(row, 0, obs, i * obsDim, obsDim);
    }
    Arrays.fill(episodeReturns, Double.NaN);
  }

  /** The seed of copy i: a fixed mix of the VecEnv seed and the copy index. */
  static long copySeed(long seed, int i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public int numEnvs() {
    return envs.length;
  }

  public int obsDim() {
    return obsDim;
  }

  public int actDim() {
    return actDim;
  }

  public int horizon() {
    return cfg.horizon();
  }

  public TaskConfig config() {
    return cfg;
  }

  /** [numEnvs * obsDim], row-major: the current observations (after any automatic reset). */
  public double[] observations() {
    return obs;
  }

  /** Steps every copy with its row of {@code actions} ([numEnvs * actDim], row-major). */
  public void step(double[] actions) {
    if (closed) {
      throw new IllegalStateException("VecEnv for " + cfg.name() + " is closed");
    }
    if (actions == null || actions.length != envs.length * actDim) {
      throw new IllegalArgumentException("VecEnv for " + cfg.name() + ": actions must have length numEnvs * actDim = "
          + envs.length * actDim + ", got " + (actions == null ? "null" : actions.length));
    }
    pendingActions = actions;
    if (pool == null) {
      stepRange(0, envs.length);
    } else {
      try {
        for (Future<Void> f : pool.invokeAll(chunks)) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("VecEnv for " + cfg.name() + ": interrupted while stepping", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("VecEnv for " + cfg.name() + ": step failed", e.getCause());
      }
    }
    pendingActions = null;
    for (Env env : envs) {
      if (env.unstable()) {
        unstableEpisodes++;
      }
    }
  }

  private void stepRange(int from, int to) {
    for (int i = from; i < to; i++) {
      double[] a = actionRows[i];
      System.arraycopy(pendingActions, i * actDim, a, 0, actDim);
      stepCopy(i, a);
    }
  }

  /** One step of copy i with its action row {@code a}; at an episode's end the copy resets. */
  private void stepCopy(int i, double[] a) {
    double[] row = obsRows[i];
    int at = runningLength[i] * actDim;
    if (at + actDim > episodeActions[i].length) episodeActions[i] = Arrays.copyOf(episodeActions[i], 2 * (at + actDim));
    System.arraycopy(a, 0, episodeActions[i], at, actDim);
    Env env = envs[i];
    double r = env.step(a, row);
    rewards[i] = r;
    runningReturn[i] += r;
    runningLength[i]++;
    boolean term = env.terminated();
    boolean trunc = !term && runningLength[i] >= cfg.horizon();
    terminated[i] = term;
    truncated[i] = trunc;
    if (term || trunc) {
      System.arraycopy(row, 0, finalObs, i * obsDim, obsDim);
      episodeReturns[i] = runningReturn[i];
      episodeLengths[i] = runningLength[i];
      runningReturn[i] = 0;
      runningLength[i] = 0;
      env.reset(row);
    } else {
      episodeReturns[i] = Double.NaN;
      episodeLengths[i] = 0;
    }
    System.arraycopy(row, 0, obs, i * obsDim, obsDim);
  }

  /**
   * Writes what {@link #restore} needs to continue every copy's episode bit for bit: per copy, the
   * point its episode started from ({@link Env#resetPoint}) and the actions since, which a restore
   * replays through the same calls. Copying MuJoCo's state instead would have to name every field
   * a step reads; a replay cannot miss one. An episode is at most a horizon long, so this stays small.
   */
  public void save(DataOutput out) throws IOException {
    out.writeInt(envs.length);
    out.writeInt(actDim);
    out.writeLong(unstableEpisodes);
    for (int i = 0; i < envs.length; i++) {
      Env.ResetPoint p = envs[i].resetPoint();
      out.writeLong(p.rngState());
      out.writeInt(p.qaccWarmstart().length);
      for (double d : p.qaccWarmstart()) out.writeDouble(d);
      out.writeDouble(p.time());
      out.writeInt(runningLength[i]);
      for (int k = 0; k < runningLength[i] * actDim; k++) out.writeDouble(episodeActions[i][k]);
    }
  }

  /**
   * Continues the episodes {@link #save} wrote, on a VecEnv just made with the same task, size and
   * seed. Afterwards {@link #observations()} are the saved env's; the per-step arrays (rewards, ends)
   * are current from the next {@link #step}.
   */
  public void restore(DataInput in) throws IOException {
    int n = in.readInt(), ad = in.readInt();
    if (n != envs.length || ad != actDim)
      throw new IllegalArgumentException("VecEnv for " + cfg.name() + ": saved with " + n + " copies of action size " + ad
          + ", this one has " + envs.length + " of " + actDim);
    unstableEpisodes = in.readLong();
    double[] a = new double[actDim];
    for (int i = 0; i < envs.length; i++) {
      long rng = in.readLong();
      int nv = in.readInt();
      if (nv < 0 || nv > 10_000) throw new IllegalArgumentException("VecEnv for " + cfg.name() + ": damaged saved state (" + nv + " warm-start values)");
      double[] warm = new double[nv];
      for (int k = 0; k < nv; k++) warm[k] = in.readDouble();
      Env.ResetPoint point = new Env.ResetPoint(rng, warm, in.readDouble());
      int steps = in.readInt();
      if (steps < 0 || steps >= cfg.horizon())
        throw new IllegalArgumentException("VecEnv for " + cfg.name() + ": damaged saved state (copy " + i + " at step " + steps + " of a " + cfg.horizon() + "-step horizon)");
      envs[i].restart(point, obsRows[i]);
      System.arraycopy(obsRows[i], 0, obs, i * obsDim, obsDim);
      runningReturn[i] = 0;
      runningLength[i] = 0;
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < actDim; k++) a[k] = in.readDouble();
        stepCopy(i, a);
        if (terminated[i] || truncated[i])
          throw new IllegalStateException("VecEnv for " + cfg.name() + ": copy " + i + "'s saved episode ended at step " + (t + 1) + " of its "
              + steps + " in the replay; the saved state is not this env's (another task, model or seed?)");
      }
    }
  }

  /** Reward of each copy at the last step. */
  public double[] rewards() {
    return rewards;
  }

  /** Whether each copy's episode terminated at the last step (task rule or instability). */
  public boolean[] terminated() {
    return terminated;
  }

  /** Whether each copy's episode hit the horizon at the last step without terminating. */
  public boolean[] truncated() {
    return truncated;
  }

  /** Rows valid where terminated or truncated: the observation before the automatic reset. */
  public double[] finalObservations() {
    return finalObs;
  }

  /** Return of the episode that ended at the last step; NaN where none ended. */
  public double[] episodeReturns() {
    return episodeReturns;
  }

  /** Length of the episode that ended at the last step; 0 where none ended. */
  public int[] episodeLengths() {
    return episodeLengths;
  }

  /** Episodes ended by a MuJoCo warning (numerical instability) since construction. */
  public long unstableEpisodes() {
    return unstableEpisodes;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
    for (Env env : envs) {
      env.close();
    }
  }
}
