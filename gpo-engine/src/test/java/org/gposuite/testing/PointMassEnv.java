package org.gposuite.testing;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.VectorEnv;
import org.gposuite.random.SplitMix64;

/**
 * A cheap pure-Java test task for the learning layers: a 2-D point pushed by the action (step
 * 0.3 a, a clipped to [-1, 1]), a quadratic reward for staying near the origin, terminated
 * outside a radius, truncated at the horizon — so tests can run many iterations and see both
 * kinds of episode end. Returns are higher the faster a policy drives the point to the origin.
 */
public final class PointMassEnv implements VectorEnv {
  /**
   * The task's constants.
   *
   * @param startHalfWidth start position uniform in [-w, w]^2
   * @param aliveBonus added to {@code -|x|^2} every step
   * @param controlCost weight of {@code -|a|^2} in the reward
   * @param failRadius the episode terminates when {@code |x| > failRadius}
   */
  public record Spec(double startHalfWidth, double aliveBonus, double controlCost, double failRadius) {
    /** The policy-gradient tests' variant: reward {@code -|x|^2 - 0.01 |a|^2}, failure beyond 3. */
    public static final Spec PG = new Spec(1.0, 0.0, 0.01, 3.0);
    /** GPO's variant: reward {@code 1 - |x|^2} (positive returns for fitness), failure beyond 2. */
    public static final Spec GPO = new Spec(1.5, 1.0, 0.0, 2.0);
  }

  private final Spec spec;
  private final int n, horizon;
  private final SplitMix64 rng;
  private final double[] obs, rew, fin, ret, epRet;
  private final boolean[] term, trunc;
  private final int[] t;

  public PointMassEnv(Spec spec, int numEnvs, int horizon, long seed) {
    this.spec = spec;
    n = numEnvs;
    this.horizon = horizon;
    rng = new SplitMix64(seed);
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

  public static EnvFactory factory(Spec spec, int horizon) {
    return (numEnvs, seed) -> new PointMassEnv(spec, numEnvs, horizon, seed);
  }

  private void reset(int e) {
    obs[2 * e] = rng.nextDouble() * 2 * spec.startHalfWidth() - spec.startHalfWidth();
    obs[2 * e + 1] = rng.nextDouble() * 2 * spec.startHalfWidth() - spec.startHalfWidth();
    t[e] = 0;
    ret[e] = 0;
  }

  @Override public int numEnvs() { return n; }
  @Override public int obsDim() { return 2; }
  @Override public int actDim() { return 2; }
  @Override public int horizon() { return horizon; }
  @Override public double[] observations() { return obs; }

  @Override
  public void step(double[] a) {
    for (int e = 0; e < n; e++) {
      double ax = Math.max(-1, Math.min(1, a[2 * e])), ay = Math.max(-1, Math.min(1, a[2 * e + 1]));
      obs[2 * e] += 0.3 * ax;
      obs[2 * e + 1] += 0.3 * ay;
      double x = obs[2 * e], y = obs[2 * e + 1];
      rew[e] = spec.aliveBonus() - (x * x + y * y) - spec.controlCost() * (ax * ax + ay * ay);
      ret[e] += rew[e];
      t[e]++;
      term[e] = x * x + y * y > spec.failRadius() * spec.failRadius();
      trunc[e] = !term[e] && t[e] >= horizon;
      if (term[e] || trunc[e]) {
        fin[2 * e] = x;
        fin[2 * e + 1] = y;
        epRet[e] = ret[e];
        reset(e);
      }
    }
  }

  @Override public double[] rewards() { return rew; }
  @Override public boolean[] terminated() { return term; }
  @Override public boolean[] truncated() { return trunc; }
  @Override public double[] finalObservations() { return fin; }
  @Override public double[] episodeReturns() { return epRet; }
  /** The whole state is a few numbers a copy: saved as they are. */
  @Override
  public void save(DataOutput out) throws IOException {
    out.writeLong(rng.state());
    for (int e = 0; e < n; e++) {
      out.writeDouble(obs[2 * e]);
      out.writeDouble(obs[2 * e + 1]);
      out.writeDouble(ret[e]);
      out.writeInt(t[e]);
    }
  }

  @Override
  public void restore(DataInput in) throws IOException {
    rng.setState(in.readLong());
    for (int e = 0; e < n; e++) {
      obs[2 * e] = in.readDouble();
      obs[2 * e + 1] = in.readDouble();
      ret[e] = in.readDouble();
      t[e] = in.readInt();
    }
  }

  @Override public void close() {}
}
