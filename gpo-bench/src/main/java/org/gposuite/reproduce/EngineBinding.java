package org.gposuite.reproduce;

import java.util.Map;

/**
 * The engine's side of the harness, found with {@link java.util.ServiceLoader}: the integrator
 * implements it (e.g. {@code org.gposuite.experiment.GpoSuiteBinding}) and lists the class in
 * {@code META-INF/services/org.gposuite.reproduce.EngineBinding}. Without one, the harness still
 * builds and runs its own checks, and refuses to run cells with a message naming the method.
 */
public interface EngineBinding {
  /** Runners by method name: "GPO", "Single", "Joint", the Fig. 5 variants, "Crossover". */
  Map<String, MethodRunner> runners();

  /** The engine's own versions for provenance, at least "mujoco" (MuJoCo.version()). */
  Map<String, String> versions();
}
