package org.gposuite.reproduce;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cells a run needs: every selected experiment asks for its cells, and a cell asked for by
 * several experiments (e.g. PPO/Ant/GPO for Table 1, 3, Fig. 4 and 5) is run once. Every cell
 * is planned once per preset, all of the first preset's cells first: adding a preset to a
 * finished run folder reuses that folder's cells before computing the new ones.
 *
 * @param presets the presets of the run, in the order given
 * @param overrides the engine settings of every cell: the profile's, with --set on top
 */
public record Plan(Profile profile, Set<Experiment> experiments, List<String> presets,
    SortedMap<String, String> overrides, List<CellSpec> cells, List<String> warnings) {

  public Plan {
    presets = List.copyOf(presets);
    overrides = Settings.checkedCopy(overrides);
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  public static Plan of(Profile profile, Selection selection) {
    Set<Experiment> experiments = selection.experiments().isEmpty()
        ? EnumSet.copyOf(profile.experiments()) : EnumSet.copyOf(selection.experiments());
    List<Integer> seeds = selection.seeds().orElse(profile.seeds());
    List<String> presets = List.copyOf(new LinkedHashSet<>(selection.presets().orElse(profile.presets())));
    if (presets.isEmpty()) throw new IllegalArgumentException("no preset to run; name at least one with --presets");
    SortedMap<String, String> overrides = new TreeMap<>(profile.overrides());
    overrides.putAll(selection.overrides());
    Map<String, Draft> cells = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Experiment e : experiments) {
      int before = cells.size();
      List<Draft> wanted = new ArrayList<>();
      switch (e) {
        case TABLE_1 -> add(wanted, Algorithm.PPO, profile.tasks(), Tasks.TABLE_METHODS, seeds);
        case TABLE_2 -> add(wanted, Algorithm.A2C, profile.tasks(), Tasks.TABLE_METHODS, seeds);
        case TABLE_3 -> add(wanted, Algorithm.PPO, profile.tasks(), List.of("GPO", "Joint"), seeds);
        case FIGURE_4 -> add(wanted, Algorithm.PPO, profile.tasks(), Tasks.TABLE_METHODS, seeds);
        case FIGURE_5 -> add(wanted, Algorithm.PPO, profile.fig5Tasks(), Tasks.ABLATION_METHODS, seeds);
        case FIGURE_3A -> add(wanted, Algorithm.PPO, List.of(profile.fig3aTask()),
            List.of(Tasks.CROSSOVER_PROBE), seeds);
      }
      int kept = 0;
      for (Draft d : wanted) {
        if (!selection.tasks().isEmpty() && !selection.tasks().contains(d.task)) continue;
        if (!selection.methods().isEmpty() && !selection.methods().contains(d.method)) continue;
        kept++;
        cells.computeIfAbsent(d.key(), k -> d).usedBy.add(e);
      }
      if (kept == 0) {
        warnings.add(e.title() + ": no cells left after --tasks/--methods; it is skipped");
      }
    }
    List<CellSpec> specs = new ArrayList<>();
    for (String preset : presets) {
      Settings settings = new Settings(preset, overrides);
      for (Draft d : cells.values()) {
        specs.add(new CellSpec(d.algorithm, d.task, d.method, d.seed, profile.budget(), settings,
            List.copyOf(d.usedBy)));
      }
    }
    return new Plan(profile, experiments, presets, overrides, specs, warnings);
  }

  /** More than one preset: the report then judges each preset on its own. */
  public boolean multiPreset() {
    return presets.size() > 1;
  }

  /** The run's settings in one line, for the report header and the plan printout. */
  public String settingsText() {
    return "PPO presets: " + String.join(", ", presets) + "; settings: "
        + (overrides.isEmpty() ? "none" : overrides.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
  }

  /** Environment steps the plan will simulate, by the budget. */
  public long plannedSteps() {
    return cells.stream().mapToLong(c -> c.budget().totalSteps()).sum();
  }

  /** Seconds the plan costs at the profile's assumed throughput. */
  public double estimatedSeconds() {
    return plannedSteps() / profile.assumedStepsPerSecond();
  }

  /** The distinct method names the plan needs a runner for. */
  public Set<String> methods() {
    Set<String> out = new java.util.TreeSet<>();
    for (CellSpec c : cells) out.add(c.method());
    return out;
  }

  private static void add(List<Draft> out, Algorithm algorithm, List<String> tasks,
      List<String> methods, List<Integer> seeds) {
    for (String task : tasks) {
      for (String method : methods) {
        for (int seed : seeds) out.add(new Draft(algorithm, task, method, seed));
      }
    }
  }

  private static final class Draft {
    final Algorithm algorithm;
    final String task;
    final String method;
    final int seed;
    final Set<Experiment> usedBy = EnumSet.noneOf(Experiment.class);

    Draft(Algorithm algorithm, String task, String method, int seed) {
      this.algorithm = algorithm;
      this.task = task;
      this.method = method;
      this.seed = seed;
    }

    String key() {
      return algorithm + "/" + task + "/" + method + "/seed-" + seed;
    }
  }
}
