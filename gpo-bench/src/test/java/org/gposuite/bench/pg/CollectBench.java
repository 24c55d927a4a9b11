package org.gposuite.bench.pg;

import java.util.concurrent.TimeUnit;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.VecEnv;
import org.gposuite.pg.Agent;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Collector;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.VecEnvAdapter;
import org.openjdk.jmh.annotations.*;

/**
 * Collecting a 2048-step batch on HalfCheetah (8 copies, stepped on the caller's thread): per-step
 * inference + sampling + physics + the batched old-policy / value / GAE pass. Next to it, the raw
 * physics reference: 256 steps of the same 8-copy VecEnv with fixed actions, so the ratio comes
 * from one run. Env and agent construction are in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class CollectBench {
  VecEnvAdapter env;
  Agent agent;
  PpoConfig cfg = PpoConfig.defaults(2048);
  double[] actions;

  @Setup
  public void setup() {
    env = new VecEnvAdapter(new VecEnv(TaskConfig.of("HalfCheetah"), cfg.numEnvs(), 1, 1));
    agent = Agent.create(env.obsDim(), env.actDim(), cfg, 1);
    actions = new double[env.numEnvs() * env.actDim()];
    for (int i = 0; i < actions.length; i++) actions[i] = Math.sin(i);
  }

  @TearDown
  public void close() { env.close(); }

  @Benchmark
  public Batch collect2048() {
    return Collector.collect(agent, env, 2048, cfg.gamma(), cfg.gaeLambda());
  }

  @Benchmark
  public double physicsOnly2048() {
    for (int t = 0; t < 2048 / env.numEnvs(); t++) env.step(actions);
    return env.rewards()[0];
  }
}
