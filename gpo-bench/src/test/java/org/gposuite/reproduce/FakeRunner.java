package org.gposuite.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for the engine: deterministic synthetic numbers from (method, task, seed),
 * with GPO > Joint > Single and the Fig. 5 variants at the paper's normalized levels, so every
 * path of the harness has data to chew on.
 */
final class FakeRunner implements MethodRunner {
  static final Map<String, Double> LEVEL = Map.ofEntries(Map.entry("GPO", 1.0), Map.entry("Joint", 0.8),
      Map.entry("Single", 0.33), Map.entry("Base+C", 0.47), Map.entry("Base+S", 0.471),
      Map.entry("Base+C+S", 0.5), Map.entry("Base+M", 0.83), Map.entry("Base+M+S", 0.86),
      Map.entry("Base+M+C", 0.9), Map.entry("Crossover", 0.7));

  final AtomicInteger calls = new AtomicInteger();
  /** After this many calls, the next one throws InterruptedException (a killed run). */
  int interruptAfter = Integer.MAX_VALUE;

  static RunnerRegistry registry(FakeRunner runner) {
    RunnerRegistry r = new RunnerRegistry().engineVersion("mujoco", "2.2.2-fake");
    for (String m : LEVEL.keySet()) r.register(m, runner);
    return r;
  }

  @Override
  public CellResult run(CellSpec cell, Path cellDir, Progress progress) throws Exception {
    if (calls.get() >= interruptAfter) throw new InterruptedException("killed");
    calls.incrementAndGet();
    SplittableRandom rng = new SplittableRandom(cell.seed() * 1_000_003L + cell.groupId().hashCode());
    double finalReturn = 1000 * LEVEL.get(cell.method()) * (1 + 0.02 * rng.nextGaussian());
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      curve.add(new CurvePoint(cell.budget().totalSteps() * i / 4, finalReturn * i / 4));
      progress.update(cell.budget().totalSteps() * i / 4, "point " + i);
    }
    List<CrossoverTrial> trials = new ArrayList<>();
    if (cell.method().equals(Tasks.CROSSOVER_PROBE)) {
      for (int p = 0; p < 3; p++) {
        double a = 500 + 50 * rng.nextDouble();
        double b = 450 + 50 * rng.nextDouble();
        trials.add(new CrossoverTrial(p, a, b, Math.max(a, b) * 1.02, Math.min(a, b) * 0.3));
      }
    }
    return new CellResult(finalReturn, cell.budget().totalSteps(), new WallClock(60, 40, 8, 12),
        curve, trials);
  }
}
