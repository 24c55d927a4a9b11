package org.gposuite.pg;

import java.util.SplittableRandom;

/**
 * A small deterministic-physics test task: a 2-D point pushed by the action, reward
 * -|x|^2 - 0.01 |a|^2, terminated when |x| > 3, truncated at the horizon. Cheap, so tests can
 * run many iterations, and with both kinds of episode end.
 */
final class PointMassEnv implements VectorEnv {
  private final int n, horizon;
  private final SplittableRandom rng;
  private final double[] obs, rew, fin, ret, epRet;
  private final boolean[] term, trunc;
  private final int[] t;

  PointMassEnv(int numEnvs, int horizon, long seed) {
    n = numEnvs;
    this.horizon = horizon;
    rng = new SplittableRandom(seed);
    obs = new double[2 * n];
    fin = new double[2 * n];
    rew = new double[n];
    ret = new double[n];
    epRet = new double[n];
    term = new boolean[n];
    trunc = new boolean[n];
    t = new int[n];
    for (int e = 0; e < n; e++) reset(e);
  }

  private void reset(int e) {
    obs[2 * e] = rng.nextDouble() * 2 - 1;
    obs[2 * e + 1] = rng.nextDouble() * 2 - 1;
    t[e] = 0;
    ret[e] = 0;
  }

  public int numEnvs() { return n; }
  public int obsDim() { return 2; }
  public int actDim() { return 2; }
  public int horizon() { return horizon; }
  public double[] observations() { return obs; }

  public void step(double[] a) {
    for (int e = 0; e < n; e++) {
      double ax = Math.max(-1, Math.min(1, a[2 * e])), ay = Math.max(-1, Math.min(1, a[2 * e + 1]));
      obs[2 * e] += 0.3 * ax;
      obs[2 * e + 1] += 0.3 * ay;
      double x = obs[2 * e], y = obs[2 * e + 1];
      rew[e] = -(x * x + y * y) - 0.01 * (ax * ax + ay * ay);
      ret[e] += rew[e];
      t[e]++;
      term[e] = x * x + y * y > 9;
      trunc[e] = !term[e] && t[e] >= horizon;
      if (term[e] || trunc[e]) {
        fin[2 * e] = x;
        fin[2 * e + 1] = y;
        epRet[e] = ret[e];
        reset(e);
      }
    }
  }

  public double[] rewards() { return rew; }
  public boolean[] terminated() { return term; }
  public boolean[] truncated() { return trunc; }
  public double[] finalObservations() { return fin; }
  public double[] episodeReturns() { return epRet; }
  public void close() {}
}
