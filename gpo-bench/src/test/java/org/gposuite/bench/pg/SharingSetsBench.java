package org.gposuite.bench.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.DataSharing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * One question: how much cheaper are GPO's sharing sets (once per round: KL between every pair of
 * the m policies on the pooled first-iteration states) with each policy's means computed once
 * ({@link DataSharing#neighbours}) than with two forwards per pair ({@link DataSharing#neighboursPairwise},
 * the code it replaces)? Walker2d sizes (21 -> 64-64 -> 6), 2048 states per policy pooled; m = 4
 * (medium profile) and 8 (paper). Same sets, bit for bit ({@code DataSharingTest}). Set-up excluded.
 * {@link #main} answers it in interleaved CPU time ({@link org.gposuite.bench.CpuRatio}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class SharingSetsBench {
  @Param({"4", "8"})
  public int m;

  List<GaussianPolicy> policies;
  List<INDArray> states;

  @Setup
  public void setup() {
    int od = 21, ad = 6, rows = 2048 * m;
    SplittableRandom r = new SplittableRandom(5);
    double[] s = new double[rows * od];
    for (int i = 0; i < s.length; i++) s[i] = r.nextGaussian();
    policies = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      GaussianPolicy p = GaussianPolicy.paper(od, ad, 10 + i, true);
      p.normalizer().update(s, rows);
      policies.add(p);
    }
    states = Collections.nCopies(m, Nd4j.createFromArray(s).reshape(rows, od).castTo(DataType.FLOAT));
  }

  @Benchmark
  public List<List<Integer>> pairwise() { return DataSharing.neighboursPairwise(policies, states, 0.05); }

  @Benchmark
  public List<List<Integer>> meansOnce() { return DataSharing.neighbours(policies, states, 0.05); }

  public static void main(String[] args) {
    for (int m : new int[] {4, 8}) {
      SharingSetsBench b = new SharingSetsBench();
      b.m = m;
      b.setup();
      System.out.println("m " + m + ": " + org.gposuite.bench.CpuRatio.compare("pairwise (before)", b::pairwise, "means once (after)", b::meansOnce, 2, 9));
    }
  }
}
