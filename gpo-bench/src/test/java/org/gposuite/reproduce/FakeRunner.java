package org.gposuite.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CrossoverTrial;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.run.EngineBinding;
import org.gposuite.reproduce.store.FinalPolicies;
import org.gposuite.reproduce.run.MethodRunner;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.WallClock;

/**
 * Test-only stand-in for the engine: deterministic synthetic numbers from (method, task, seed),
 * with GPO > Joint > Single and the Fig. 5 variants at the paper's normalized levels, so every
 * path of the harness has data to chew on. Its binding offers two presets; under the second the
 * levels are mirrored (Single on top, GPO at the bottom), so a report that mixed the presets'
 * cells would show the wrong verdicts. Its one setting, {@link #SCALE}, multiplies every return,
 * so a test can see that overrides reach the runner.
 */
final class FakeRunner implements MethodRunner {
  static final Map<String, Double> LEVEL = Map.ofEntries(Map.entry("GPO", 1.0), Map.entry("Joint", 0.8),
      Map.entry("Single", 0.33), Map.entry("Base+C", 0.47), Map.entry("Base+S", 0.471),
      Map.entry("Base+C+S", 0.5), Map.entry("Base+M", 0.83), Map.entry("Base+M+S", 0.86),
      Map.entry("Base+M+C", 0.9), Map.entry("Crossover", 0.7));

  static final List<String> PRESETS = List.of("tuned", "paper-calibrated");
  static final String MIRRORED = "paper-calibrated";
  static final String SCALE = "fake.scale";

  final AtomicInteger calls = new AtomicInteger();
  /** After this many calls, the next one throws InterruptedException (a killed run). */
  int interruptAfter = Integer.MAX_VALUE;

  static RunnerRegistry registry(FakeRunner runner) {
    return new RunnerRegistry().bind(binding(runner));
  }

  static EngineBinding binding(MethodRunner runner) {
    return new EngineBinding() {
      @Override
      public Map<String, MethodRunner> runners() {
        Map<String, MethodRunner> m = new TreeMap<>();
        for (String method : LEVEL.keySet()) m.put(method, runner);
        return m;
      }

      @Override
      public Map<String, String> versions() {
        return Map.of("mujoco", "2.2.2-fake");
      }

      @Override
      public List<String> presets() {
        return PRESETS;
      }

      @Override
      public void checkSettings(Map<String, String> overrides) {
        overrides.forEach((key, value) -> {
          if (!key.equals(SCALE)) {
            throw new IllegalArgumentException("unknown setting \"" + key + "\"; the fake engine knows " + SCALE);
          }
          scale(value);
        });
      }
    };
  }

  static double scale(String value) {
    try {
      double v = Double.parseDouble(value);
      if (v > 0) return v;
    } catch (NumberFormatException e) {
      // Reported below with the key.
    }
    throw new IllegalArgumentException("setting " + SCALE + " must be a number > 0, got \"" + value + "\"");
  }

  /** Fig. 3b's files for the probe's three pairs: 8 rollouts of 3-D states per policy, from a stream of their own. */
  static List<StateVisitation.Crossover> visitation(CellSpec cell) {
    SplittableRandom rng = new SplittableRandom(cell.seed() * 7_919L + 17);
    List<StateVisitation.Crossover> out = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Map<StateVisitation.Role, StateVisitation.Rollouts> r = new java.util.EnumMap<>(StateVisitation.Role.class);
      for (StateVisitation.Role role : StateVisitation.Role.values()) {
        double[] returns = new double[8];
        List<List<double[]>> states = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
          returns[e] = 100 * role.ordinal() + rng.nextDouble();
          List<double[]> s = new ArrayList<>();
          for (int t = 0; t < 20; t++) s.add(new double[] {role.ordinal() + rng.nextGaussian(), t * 0.1, rng.nextGaussian()});
          states.add(s);
        }
        r.put(role, new StateVisitation.Rollouts(returns, states));
      }
      out.add(StateVisitation.of(p, r, Map.of()));
    }
    return out;
  }

  @Override
  public CellResult run(CellSpec cell, Path cellDir, Progress progress) throws Exception {
    if (calls.get() >= interruptAfter) throw new InterruptedException("killed");
    calls.incrementAndGet();
    SplittableRandom rng = new SplittableRandom(cell.seed() * 1_000_003L + cell.groupId().hashCode());
    double level = LEVEL.get(cell.method());
    if (cell.settings().preset().equals(MIRRORED)) level = LEVEL.get("GPO") + LEVEL.get("Single") - level;
    double scale = scale(cell.settings().get(SCALE, "1"));
    double finalReturn = 1000 * scale * level * (1 + 0.02 * rng.nextGaussian());
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      curve.add(new CurvePoint(cell.budget().totalSteps() * i / 4, finalReturn * i / 4));
      progress.update(cell.budget().totalSteps() * i / 4, "point " + i);
    }
    List<CrossoverTrial> trials = new ArrayList<>();
    if (cell.method().equals(Catalogue.CROSSOVER_PROBE)) {
      for (int p = 0; p < 3; p++) {
        double a = 500 + 50 * rng.nextDouble();
        double b = 450 + 50 * rng.nextDouble();
        trials.add(new CrossoverTrial(p, a, b, Math.max(a, b) * 1.02, Math.min(a, b) * 0.3));
      }
      StateVisitation.write(cellDir, visitation(cell));
    }
    if (cell.method().equals("GPO") || cell.method().equals("Single")) {
      // Fig. 6: four final policies a little below the reported one (no draws: the other numbers stay put)
      List<FinalPolicies.Policy> finals = new ArrayList<>();
      for (int i = 0; i < 4; i++) finals.add(new FinalPolicies.Policy(i, finalReturn * (1 - 0.05 * i), 1.0, i == 0));
      FinalPolicies.write(cellDir, finals);
    }
    return new CellResult(finalReturn, cell.budget().totalSteps(), new WallClock(60, 40, 8, 12),
        curve, trials);
  }
}
