package org.gposuite.reproduce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Method name to runner, plus the engine's versions for provenance. */
public final class RunnerRegistry {
  private final Map<String, MethodRunner> runners = new TreeMap<>();
  private final Map<String, String> engineVersions = new TreeMap<>();

  /** Everything the {@link EngineBinding}s on the class path provide. */
  public static RunnerRegistry fromServiceLoader() {
    RunnerRegistry registry = new RunnerRegistry();
    for (EngineBinding binding : ServiceLoader.load(EngineBinding.class)) {
      binding.runners().forEach(registry::register);
      registry.engineVersions.putAll(binding.versions());
    }
    return registry;
  }

  public RunnerRegistry register(String method, MethodRunner runner) {
    MethodRunner earlier = runners.putIfAbsent(method, runner);
    if (earlier != null) {
      throw new IllegalStateException("two runners registered for method " + method);
    }
    return this;
  }

  public RunnerRegistry engineVersion(String name, String version) {
    engineVersions.put(name, version);
    return this;
  }

  public Map<String, String> engineVersions() {
    return Map.copyOf(engineVersions);
  }

  public MethodRunner require(String method) {
    MethodRunner runner = runners.get(method);
    if (runner == null) throw new MethodUnavailableException(unavailableMessage(List.of(method)));
    return runner;
  }

  /** Fails before any cell runs, naming every missing method at once. */
  public void requireAll(Collection<String> methods) {
    List<String> missing = new ArrayList<>();
    for (String m : methods) {
      if (!runners.containsKey(m)) missing.add(m);
    }
    if (!missing.isEmpty()) throw new MethodUnavailableException(unavailableMessage(missing));
  }

  private String unavailableMessage(List<String> missing) {
    String what = missing.size() == 1 ? "method " + missing.get(0) + " is"
        : "methods " + String.join(", ", missing) + " are";
    return what + " not available in this build (available: "
        + (runners.isEmpty() ? "none" : String.join(", ", runners.keySet()))
        + "). Runners come from an org.gposuite.reproduce.EngineBinding listed in "
        + "META-INF/services; select other methods with --methods.";
  }
}
