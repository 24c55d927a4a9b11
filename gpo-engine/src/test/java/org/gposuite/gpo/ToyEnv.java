package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.VectorEnv;

/**
 * A cheap pure-Java test task: a 2-D point pushed by the action (step 0.3 a, a clipped to [-1, 1]),
 * reward 1 - |x|^2, terminated when |x| > 2, truncated at the horizon. Returns are higher the
 * faster a policy drives the point to the origin and keeps it there.
 */
final class ToyEnv implements VectorEnv {
  private final int n, horizon;
  private final SplittableRandom rng;
  private final double[] obs, rew, fin, ret, epRet;
  private final boolean[] term, trunc;
  private final int[] t;

  ToyEnv(int numEnvs, int horizon, long seed) {
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

  static EnvFactory factory(int horizon) {
    return (n, seed) -> new ToyEnv(n, horizon, seed);
  }

  private void reset(int e) {
    obs[2 * e] = rng.nextDouble() * 3 - 1.5;
    obs[2 * e + 1] = rng.nextDouble() * 3 - 1.5;
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
      rew[e] = 1 - (x * x + y * y);
      ret[e] += rew[e];
      t[e]++;
      term[e] = x * x + y * y > 4;
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
