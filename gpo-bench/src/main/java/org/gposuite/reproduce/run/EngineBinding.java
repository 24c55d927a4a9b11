package org.gposuite.reproduce.run;

import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.plan.Settings;

/**
 * The engine's side of the harness, found with {@link java.util.ServiceLoader}: the integrator
 * implements it (e.g. {@code org.gposuite.experiment.GpoSuiteBinding}) and lists the class in
 * {@code META-INF/services/org.gposuite.reproduce.run.EngineBinding}. Without one, the harness still
 * builds and runs its own checks, and refuses to run cells with a message naming the method.
 */
public interface EngineBinding {
  /** Runners by method name: "GPO", "Single", "Joint", the Fig. 5 variants, "Crossover". */
  Map<String, MethodRunner> runners();

  /** The engine's own versions for provenance, at least "mujoco" (MuJoCo.version()). */
  Map<String, String> versions();

  /**
   * The PPO presets the runners know ({@link Settings#preset()}), the engine's default first.
   * The harness refuses any other before a cell runs.
   */
  default List<String> presets() {
    return List.of(Settings.DEFAULT_PRESET);
  }

  /**
   * Checks overrides before any cell runs ({@link Settings#overrides()}, the profile's
   * {@code set.} lines and {@code --set}): throws IllegalArgumentException with a one-line
   * message naming the key, for a key the engine does not know or a value it cannot use.
   */
  default void checkSettings(Map<String, String> overrides) {}
}
