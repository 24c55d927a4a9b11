package org.gposuite.reproduce.store;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long does the harness take to format one finished cell as a CSV row (header included)?
 * Measures CellsCsv.write into memory: commons-csv quoting plus Double.toString of the
 * round-trippable numbers. Excludes the file system (temp file, rename), which dominates a real
 * save and is not ours to tune. The question it answers: is per-cell bookkeeping negligible
 * next to a cell's training (it should be microseconds against minutes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResultRowCsvBenchmark {
  private List<CellRecord> row;

  @Setup
  public void setUp() {
    Provenance p = new Provenance("8276e1d8b1ced09eebbe53b88a6596e7116361a5-dirty", "2.2.2",
        "Eclipse Adoptium 25.0.3+9-LTS", "Linux 6.1 amd64", "Intel(R) Xeon(R) Processor",
        "commons-csv=1.14.1 commons-math3=3.6.1 nd4j-api=1.0.0-M2.1 xchart=3.8.8");
    CellSpec spec = new CellSpec(Algorithm.PPO, "HalfCheetah-hilly", "Base+M+C", 3, Budget.PAPER,
        Settings.DEFAULT, List.of());
    row = List.of(new CellRecord(spec.algorithm(), spec.task(), spec.method(), spec.seed(), spec.settings(),
        spec.configHash(),
        "paper", 1234.987654321, 8_000_000, new WallClock(4788.1, 3015.2, 1012.4, 760.5), p,
        "2026-11-24T07:25:00Z"));
  }

  @Benchmark
  public String formatResultRow() throws IOException {
    StringWriter out = new StringWriter(512);
    CellsCsv.write(out, row);
    return out.toString();
  }
}
