package org.gposuite.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gposuite.mujoco.MuJoCo;
import org.gposuite.reproduce.run.EngineBinding;
import org.gposuite.reproduce.run.MethodRunner;

/** The engine's methods under the harness's names (found by ServiceLoader). */
public final class GpoSuiteBinding implements EngineBinding {
  static {
    org.gposuite.nn.kernel.NativeArithmetic.pin(); // first thing the harness loads: before any nd4j array
  }

  @Override
  public Map<String, MethodRunner> runners() {
    Map<String, MethodRunner> m = new LinkedHashMap<>();
    m.put("Single", new BaselineRunner(false));
    m.put("Joint", new BaselineRunner(true));
    for (String variant : List.of("GPO", "Base+C", "Base+S", "Base+C+S", "Base+M", "Base+M+S", "Base+M+C")) {
      m.put(variant, GpoRunner.variant(variant));
    }
    m.put("Crossover", GpoRunner.crossoverProbe());
    return m;
  }

  @Override
  public List<String> presets() {
    return EngineSettings.presets();
  }

  @Override
  public void checkSettings(Map<String, String> overrides) {
    EngineSettings.check(overrides);
  }

  @Override
  public Map<String, String> versions() {
    return Map.of("mujoco", MuJoCo.version(), "openblas-core", org.gposuite.nn.kernel.NativeArithmetic.openblasCore());
  }
}
