package org.gposuite.bench.env;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.env.Env;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.Tasks;
import org.gposuite.mujoco.MjData;
import org.gposuite.mujoco.MjModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one Env.step cost per task, against frame_skip plain mj_step calls on the
 * same model through the same binding (rawPhysics), measured in the same run?
 *
 * <p>Measured: Env.step with a fixed cycle of random actions in [-1, 1]; a reset when the
 * episode ends is included (rare for most tasks). rawPhysics: ctrl write + frame_skip x
 * mj_step, no observation, reward or final forward. Excluded: model loading, data creation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class EnvStepBenchmark {
  @Param({"Walker2d", "HalfCheetah", "HalfCheetah-hilly", "Hopper-hilly", "InvertedDoublePendulum",
      "Ant", "Walker2d-hilly", "Swimmer", "Hopper"})
  public String task;

  private Env env;
  private MjModel model;
  private MjData data;
  private int frameSkip;
  private double[][] actions;
  private double[] obs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    TaskConfig cfg = TaskConfig.of(task);
    env = Tasks.make(cfg, 1);
    obs = new double[env.obsDim()];
    env.reset(obs);
    model = MjModel.fromXml(Tasks.modelXml(cfg));
    data = model.makeData();
    double[] fs = model.customNumeric("frame_skip");
    frameSkip = fs == null ? 1 : (int) fs[0];
    SplittableRandom rng = new SplittableRandom(3);
    actions = new double[1024][env.actDim()];
    for (double[] a : actions) {
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextDouble(-1, 1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    env.close();
    data.close();
    model.close();
  }

  @Benchmark
  public double envStep() {
    double[] a = actions[next++ & 1023];
    double r = env.step(a, obs);
    if (env.terminated()) {
      env.reset(obs);
    }
    return r;
  }

  @Benchmark
  public double rawPhysics() {
    double[] a = actions[next++ & 1023];
    for (int i = 0; i < a.length; i++) { // same rescaling as the env, so similar states
      double lo = model.actuatorCtrlLow(i);
      double hi = model.actuatorCtrlHigh(i);
      data.ctrl().set(i, lo + (a[i] + 1) * 0.5 * (hi - lo));
    }
    for (int k = 0; k < frameSkip; k++) {
      data.step();
    }
    return data.qpos().get(0);
  }
}
