package org.gposuite.bench.dl4j;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.bench.CpuRatio;
import org.gposuite.bench.pg.UpdateFixture;
import org.gposuite.gpo.Dagger;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.nn.StepInference;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * What choosing DL4J's networks for a run ({@code ./reproduce --networks dl4j}) costs against ours,
 * per unit of work the engine does with the paper's policy (64-64 tanh, FLOAT; HalfCheetah-sized,
 * 20 obs -> 6 actions, as {@code UpdateFixture} and {@code CrossoverBench}), each through the same
 * engine code with {@code networks} = ours or dl4j:
 * <ul>
 *   <li>{@code perStepForward8}: one environment step's inference over 8 env copies
 *       ({@link StepInference}, as the collector runs it);</li>
 *   <li>{@code batchedForward2048}: the means of a 2048-step batch ({@link GaussianPolicy#mean});</li>
 *   <li>{@code ppoEpoch2048}: one PPO epoch as {@code Ppo} runs it (surrogate + KL penalty, forward and
 *       backward over the batch, Adam step);</li>
 *   <li>{@code daggerEpoch}: one DAgger epoch over 10,000 transitions in 64-row minibatches (157
 *       forward + backward + Adam steps, {@link Dagger#train}).</li>
 * </ul>
 * {@link #main} answers the same question in CPU time, DL4J and ours interleaved ({@link CpuRatio}),
 * which a shared, loaded machine does not skew; the JMH methods give wall-clock on an idle machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class Dl4jVsOursBench {
  static final int OBS = UpdateFixture.OBS, ACT = UpdateFixture.ACT, STEP_ROWS = 8, DAGGER_N = 10_000;

  @Param({"ours", "dl4j"})
  public String networks;

  GaussianPolicy pi, child;
  AdamOptimizer opt, childOpt;
  StepInference step;
  double[] stepObs = new double[STEP_ROWS * OBS], stepOut = new double[STEP_ROWS * ACT];
  Batch batch;
  Surrogate.Prepared prepared;
  INDArray dObs, dMean, dLogStd;
  final SplittableRandom rng = new SplittableRandom(1);

  @Setup
  public void setup() {
    NetworkBackend backend = NetworkBackend.of(networks);
    pi = new GaussianPolicy(GaussianPolicy.Architecture.paper(OBS, ACT, true, backend), 1, 0.0);
    opt = new AdamOptimizer(pi.params(), pi.grads(), 1e-4);
    batch = UpdateFixture.syntheticBatch(pi, 3);
    prepared = Surrogate.prepare(pi, List.of(batch), Surrogate.advantages(List.of(batch), true));
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < stepObs.length; i++) stepObs[i] = r.nextGaussian();
    step = new StepInference(pi);

    double[] o = new double[DAGGER_N * OBS];
    for (int i = 0; i < o.length; i++) o[i] = r.nextGaussian();
    dObs = Nd4j.createFromArray(o).reshape(DAGGER_N, OBS).castTo(DataType.FLOAT);
    dMean = GaussianPolicy.paper(OBS, ACT, 3, true).mean(dObs).dup();
    dLogStd = Nd4j.zeros(DataType.FLOAT, DAGGER_N, ACT).addi(-0.5);
    child = new GaussianPolicy(GaussianPolicy.Architecture.paper(OBS, ACT, true, backend), 4, 0.0);
    childOpt = new AdamOptimizer(child.params(), child.grads(), 5e-4);
  }

  @Benchmark
  public double[] perStepForward8() {
    step.forward(stepObs, STEP_ROWS, stepOut);
    return stepOut;
  }

  @Benchmark
  public INDArray batchedForward2048() {
    return pi.mean(batch.obs());
  }

  @Benchmark
  public double ppoEpoch2048() {
    return UpdateFixture.ppoEpoch(pi, prepared, opt);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public INDArray daggerEpoch() {
    Dagger.train(child, new Dagger.Labelled(dObs, dMean, dLogStd), 1, 64, childOpt, rng);
    return child.params();
  }

  /**
   * CPU-time comparison, interleaved: {@code [blocks]} (default 15), after each side has run every
   * workload for a few seconds (the JIT). DL4J's batched numbers still vary up to ~4x from run to
   * run: without workspaces it allocates every activation and gradient off-heap, freed only after
   * a Java GC, and whether the allocator serves them from recycled memory or from fresh pages (page
   * faults: measured ~10 ms of system time per PPO epoch) depends on when GCs happened. Ours
   * allocates nothing per call. Read DL4J's figures as a range over a few runs.
   */
  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Dl4jVsOursBench dl4j = of("dl4j"), ours = of("ours");
    for (Dl4jVsOursBench b : List.of(dl4j, ours)) {
      for (int i = 0; i < 2000; i++) b.perStepForward8();
      for (int i = 0; i < 300; i++) b.batchedForward2048();
      for (int i = 0; i < 200; i++) b.ppoEpoch2048();
      for (int i = 0; i < 5; i++) b.daggerEpoch();
    }
    System.out.println(CpuRatio.compare("DL4J per-step forward (8)", dl4j::perStepForward8, "ours", ours::perStepForward8, 400, blocks));
    System.out.println(CpuRatio.compare("DL4J batched forward (2048)", dl4j::batchedForward2048, "ours", ours::batchedForward2048, 40, blocks));
    System.out.println(CpuRatio.compare("DL4J PPO epoch (2048)", dl4j::ppoEpoch2048, "ours", ours::ppoEpoch2048, 10, blocks));
    System.out.println(CpuRatio.compare("DL4J DAgger epoch (10k/64)", dl4j::daggerEpoch, "ours", ours::daggerEpoch, 1, blocks));
  }

  private static Dl4jVsOursBench of(String networks) {
    Dl4jVsOursBench b = new Dl4jVsOursBench();
    b.networks = networks;
    b.setup();
    return b;
  }
}
