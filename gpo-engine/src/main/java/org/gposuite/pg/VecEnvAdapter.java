package org.gposuite.pg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.VecEnv;

/** {@link VectorEnv} over the MuJoCo tasks' {@link VecEnv}: the one place the env and pg layers meet. */
public final class VecEnvAdapter implements VectorEnv {
  private final VecEnv env;

  public VecEnvAdapter(VecEnv env) { this.env = env; }

  /** Factory for one task; each created VecEnv steps its copies on {@code threads} threads (1 = caller's thread). */
  public static EnvFactory factory(TaskConfig task, int threads) {
    return (n, seed) -> new VecEnvAdapter(new VecEnv(task, n, seed, threads));
  }

  @Override public int numEnvs() { return env.numEnvs(); }
  @Override public int obsDim() { return env.obsDim(); }
  @Override public int actDim() { return env.actDim(); }
  @Override public int horizon() { return env.horizon(); }
  @Override public double[] observations() { return env.observations(); }
  @Override public void step(double[] actions) { env.step(actions); }
  @Override public double[] rewards() { return env.rewards(); }
  @Override public boolean[] terminated() { return env.terminated(); }
  @Override public boolean[] truncated() { return env.truncated(); }
  @Override public double[] finalObservations() { return env.finalObservations(); }
  @Override public double[] episodeReturns() { return env.episodeReturns(); }
  @Override public void save(DataOutput out) throws IOException { env.save(out); }
  @Override public void restore(DataInput in) throws IOException { env.restore(in); }
  @Override public void close() { env.close(); }
}
