package org.gposuite.reproduce.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gposuite.reproduce.plan.Settings;

/**
 * Method name to runner, plus what the engine says about itself: its versions for provenance,
 * the presets it offers and its check of settings overrides.
 */
public final class RunnerRegistry {
  private final Map<String, MethodRunner> runners = new TreeMap<>();
  private final Map<String, String> engineVersions = new TreeMap<>();
  private final List<EngineBinding> bindings = new ArrayList<>();

  /** Everything the {@link EngineBinding}s on the class path provide. */
  public static RunnerRegistry fromServiceLoader() {
    RunnerRegistry registry = new RunnerRegistry();
    for (EngineBinding binding : ServiceLoader.load(EngineBinding.class)) registry.bind(binding);
    return registry;
  }

  /** Adds a binding's runners and versions, and its presets and settings check. */
  public RunnerRegistry bind(EngineBinding binding) {
    binding.runners().forEach(this::register);
    engineVersions.putAll(binding.versions());
    bindings.add(binding);
    return this;
  }

  /**
   * The presets a cell may name, the first binding's default first; only the default preset
   * when no binding is bound (runners registered one by one know no others).
   */
  public List<String> presets() {
    Set<String> all = new LinkedHashSet<>();
    for (EngineBinding b : bindings) all.addAll(b.presets());
    return all.isEmpty() ? List.of(Settings.DEFAULT_PRESET) : List.copyOf(all);
  }

  /**
   * The engine's spelling of a preset given in any case ("Paper-Calibrated"), so that ids and
   * folders do not depend on how it was typed; unknown names come back as given, for
   * {@link #checkSettings} to reject.
   */
  public String canonicalPreset(String preset) {
    return presets().stream().filter(p -> p.equalsIgnoreCase(preset.strip())).findFirst().orElse(preset);
  }

  /**
   * Fails before any cell runs, with the engine's one-line message, on a preset no binding
   * offers or on overrides a binding rejects. Overrides reach every runner, so every binding
   * checks them (one binding is the usual case).
   */
  public void checkSettings(Collection<String> presets, Map<String, String> overrides) {
    List<String> offered = presets();
    for (String p : presets) {
      if (!offered.contains(p)) {
        throw new IllegalArgumentException("unknown preset \"" + p + "\"; the engine offers "
            + String.join(", ", offered));
      }
    }
    SortedMap<String, String> view = Collections.unmodifiableSortedMap(new TreeMap<>(overrides));
    for (EngineBinding b : bindings) b.checkSettings(view);
  }

  public RunnerRegistry register(String method, MethodRunner runner) {
    MethodRunner earlier = runners.putIfAbsent(method, runner);
    if (earlier != null) {
      throw new IllegalStateException("two runners registered for method " + method);
    }
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
        + "). Runners come from an org.gposuite.reproduce.run.EngineBinding listed in "
        + "META-INF/services; select other methods with --methods.";
  }
}
