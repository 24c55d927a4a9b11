package org.gposuite.reproduce.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gposuite.nn.NetworkBackend;

/**
 * The cells a run needs: every selected experiment asks for its cells, and a cell asked for by
 * several experiments (e.g. PPO/Ant/GPO for Table 1, 3, Fig. 4 and 5) is run once. Every cell
 * is planned once per preset, all of the first preset's cells first: adding a preset to a
 * finished run folder reuses that folder's cells before computing the new ones. Figs. 7, 9 and 10
 * plan their cells at budgets of their own ({@link VariantFigures}, {@link BudgetVariant}); one
 * at the profile's budget is the same cell as the tables' and is run once.
 *
 * @param selection what the command line narrowed the profile to
 * @param presets the presets of the run, in the order given
 * @param overrides the engine settings of every cell: the profile's, with --set on top
 */
public record Plan(Profile profile, CellSelection selection, Set<Experiment> experiments, List<String> presets,
    SortedMap<String, String> overrides, List<CellSpec> cells, List<String> warnings) {

  public Plan {
    presets = List.copyOf(presets);
    overrides = Settings.checkedCopy(overrides);
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  public static Plan of(Profile profile, CellSelection selection) {
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
      List<Draft> wanted = new ArrayList<>();
      if (VariantFigures.handles(e)) {
        addVariants(wanted, profile, e, selection.seeds().orElse(profile.variantFigures().seedsOr(profile.seeds())));
      } else {
        add(wanted, algorithmOf(e), tasksOf(profile, e), methodsOf(e), seeds, BudgetVariant.none(profile.budget()));
      }
      int kept = 0;
      for (Draft d : wanted) {
        if (!tasksSelect(selection.tasks(), d.task, d.variant.label())) continue;
        if (!selection.methods().isEmpty() && !selection.methods().contains(d.method)) continue;
        kept++;
        cells.computeIfAbsent(d.key(), k -> d).usedBy.add(e);
      }
      if (kept == 0) warnings.add(e.title() + ": skipped, " + lacking(profile, selection, List.of(e)));
    }
    List<CellSpec> specs = new ArrayList<>();
    for (String preset : presets) {
      Settings settings = new Settings(preset, overrides, selection.networks());
      for (Draft d : cells.values()) {
        specs.add(new CellSpec(d.algorithm, d.task, d.method, d.seed, d.variant.budget(), settings,
            List.copyOf(d.usedBy), d.variant.label()));
      }
    }
    return new Plan(profile, selection, experiments, presets, overrides, specs, warnings);
  }

  /** The policy-gradient method of an experiment's cells: A2C for Table 2 and Fig. 8, else PPO. */
  public static Algorithm algorithmOf(Experiment e) {
    return e == Experiment.TABLE_2 || e == Experiment.FIGURE_8 ? Algorithm.A2C : Algorithm.PPO;
  }

  /** The tasks an experiment runs on, from the profile. */
  static List<String> tasksOf(Profile profile, Experiment e) {
    return switch (e) {
      case TABLE_1, TABLE_2, TABLE_3, FIGURE_4, FIGURE_6, FIGURE_8 -> profile.tasks();
      case FIGURE_5 -> profile.fig5Tasks();
      case FIGURE_3A -> List.of(profile.fig3aTask());
      case FIGURE_7, FIGURE_9, FIGURE_10 -> profile.variantFigures().tasks(e);
    };
  }

  /** The methods an experiment compares. */
  static List<String> methodsOf(Experiment e) {
    return switch (e) {
      case TABLE_1, TABLE_2, FIGURE_4, FIGURE_8 -> Catalogue.TABLE_METHODS;
      case TABLE_3 -> List.of("GPO", "Joint");
      case FIGURE_6 -> List.of("GPO", "Single");
      case FIGURE_5 -> Catalogue.ABLATION_METHODS;
      case FIGURE_3A -> List.of(Catalogue.CROSSOVER_PROBE);
      case FIGURE_7, FIGURE_9, FIGURE_10 -> VariantFigures.methods(e);
    };
  }

  /** The profile field that lists an experiment's tasks, for messages. */
  private static String tasksField(Experiment e) {
    return switch (e) {
      case FIGURE_5 -> "fig5_tasks";
      case FIGURE_3A -> "fig3a_task";
      case FIGURE_7, FIGURE_9, FIGURE_10 -> VariantFigures.tasksField(e);
      default -> "tasks";
    };
  }

  /**
   * Whether the --tasks items select a cell on {@code task} at budget variant {@code label}: none given,
   * its task named (every point of Figs. 7, 9 and 10 on it), or its own point named as its id writes it
   * ({@code Walker2d@pop32}; the label in any case, as every other name).
   */
  static boolean tasksSelect(Set<String> items, String task, String label) {
    if (items.isEmpty() || items.contains(task)) return true;
    String point = task + BudgetVariant.suffix(label);
    return !label.isEmpty() && items.stream().anyMatch(point::equalsIgnoreCase);
  }

  /**
   * Why the selection keeps no cell of these experiments: the profile (and its field) that
   * lacks a selected task, or the experiments that lack a selected method.
   */
  private static String lacking(Profile profile, CellSelection selection, Collection<Experiment> experiments) {
    Map<String, List<String>> taskFields = new LinkedHashMap<>();
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> methods = new LinkedHashSet<>();
    Set<String> points = new LinkedHashSet<>();
    for (Experiment e : experiments) {
      taskFields.put(tasksField(e), tasksOf(profile, e));
      tasks.addAll(tasksOf(profile, e));
      methods.addAll(methodsOf(e));
      if (VariantFigures.handles(e)) {
        for (VariantFigures.Group g : profile.variantFigures().groups(e, profile.budget())) {
          if (!g.variant().label().isEmpty()) points.add(g.task() + BudgetVariant.suffix(g.variant().label()));
        }
      }
    }
    List<String> missingTasks = selection.tasks().stream()
        .filter(t -> !tasks.contains(t) && points.stream().noneMatch(t::equalsIgnoreCase)).sorted().toList();
    List<String> missingMethods = selection.methods().stream().filter(m -> !methods.contains(m)).sorted().toList();
    String titles = experiments.stream().map(Experiment::title).collect(Collectors.joining(", "));
    if (!selection.tasks().isEmpty() && missingTasks.size() == selection.tasks().size()) {
      return "profile " + profile.name() + " (" + profile.source() + ") has no task " + String.join(", ", missingTasks)
          + ": " + taskFields.entrySet().stream()
              .map(f -> f.getKey() + " = " + String.join(", ", f.getValue())).collect(Collectors.joining("; "))
          + (points.isEmpty() || missingTasks.stream().noneMatch(t -> t.contains("@")) ? "" : "; the figures' points: " + String.join(", ", points));
    }
    if (!selection.methods().isEmpty() && missingMethods.size() == selection.methods().size()) {
      return titles + " has no method " + String.join(", ", missingMethods) + " (its methods: "
          + String.join(", ", methods) + ")";
    }
    return "no cell of " + titles + " has one of the tasks " + String.join(", ", new TreeSet<>(selection.tasks()))
        + " and one of the methods " + String.join(", ", new TreeSet<>(selection.methods()));
  }

  /**
   * This plan with {@code more}'s cells it lacks (by id) after its own, and both plans' experiments
   * and presets: what a report over two selections of one run folder covers.
   */
  public Plan union(Plan more) {
    Set<String> ids = new java.util.HashSet<>();
    List<CellSpec> all = new ArrayList<>();
    for (CellSpec c : cells) if (ids.add(c.id())) all.add(c);
    for (CellSpec c : more.cells) if (ids.add(c.id())) all.add(c);
    Set<Experiment> allExperiments = EnumSet.copyOf(experiments);
    allExperiments.addAll(more.experiments);
    List<String> allPresets = List.copyOf(new LinkedHashSet<>(java.util.stream.Stream.concat(presets.stream(),
        more.presets.stream()).toList()));
    return new Plan(profile, selection, allExperiments, allPresets, overrides, all, warnings);
  }

  /** This plan with only the cells {@code keep} accepts. */
  public Plan keeping(java.util.function.Predicate<CellSpec> keep) {
    return new Plan(profile, selection, experiments, presets, overrides, cells.stream().filter(keep).toList(), warnings);
  }

  /** Why the plan has no cells, for the one-line error of an empty selection. */
  public String emptyReason() {
    return "nothing to run: " + lacking(profile, selection, experiments);
  }

  /** More than one preset: the report then judges each preset on its own. */
  public boolean multiPreset() {
    return presets.size() > 1;
  }

  /** The run's settings in one line, for the report header and the plan printout. */
  public String settingsText() {
    return "PPO presets: " + String.join(", ", presets) + "; settings: "
        + (overrides.isEmpty() ? "none" : overrides.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
        + (onDl4j() ? "; networks: DL4J's MultiLayerNetwork (--networks dl4j)" : "");
  }

  /** Whether every network of the run is DL4J's (--networks dl4j), not ours. */
  public boolean onDl4j() {
    return selection.networks() == NetworkBackend.DL4J;
  }

  /** Environment steps the plan will simulate, by the budget. */
  public long plannedSteps() {
    return cells.stream().mapToLong(CellSpec::plannedSteps).sum();
  }

  /** The distinct method names the plan needs a runner for. */
  public Set<String> methods() {
    Set<String> out = new java.util.TreeSet<>();
    for (CellSpec c : cells) out.add(c.method());
    return out;
  }

  private static void add(List<Draft> out, Algorithm algorithm, List<String> tasks,
      List<String> methods, List<Integer> seeds, BudgetVariant variant) {
    for (String task : tasks) {
      for (String method : methods) {
        for (int seed : seeds) out.add(new Draft(algorithm, task, method, seed, variant));
      }
    }
  }

  /** Figs. 7, 9, 10: their groups at their own budgets (PPO), each over the given seeds. */
  private static void addVariants(List<Draft> out, Profile profile, Experiment e, List<Integer> seeds) {
    for (VariantFigures.Group g : profile.variantFigures().groups(e, profile.budget())) {
      add(out, algorithmOf(e), List.of(g.task()), List.of(g.method()), seeds, g.variant());
    }
  }

  private static final class Draft {
    final Algorithm algorithm;
    final String task;
    final String method;
    final int seed;
    final BudgetVariant variant;
    final Set<Experiment> usedBy = EnumSet.noneOf(Experiment.class);

    Draft(Algorithm algorithm, String task, String method, int seed, BudgetVariant variant) {
      this.algorithm = algorithm;
      this.task = task;
      this.method = method;
      this.seed = seed;
      this.variant = variant;
    }

    String key() {
      return algorithm + "/" + task + BudgetVariant.suffix(variant.label()) + "/" + method + "/seed-" + seed;
    }
  }
}
