package org.gposuite.reproduce.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;

/**
 * Reads a profile: {@code key = value} lines, {@code #} comments. Every key of {@link #KEYS} is
 * required and unknown or repeated keys are errors, so a profile file says everything about a
 * run's size. Two kinds of line are optional, because they leave the engine at its defaults
 * when absent: {@code presets = tuned, paper-calibrated} (the PPO presets every cell runs
 * under; default {@code tuned}) and any number of {@code set.<key> = <value>} (engine settings
 * overrides for every cell, checked by the engine before a run). The fields of Figs. 7, 9 and 10
 * ({@link #FIGURE_KEYS}, see {@link VariantFigures}) are required only when {@code figures} lists
 * the figure, and their budgets are checked here, before any cell runs. Errors are
 * {@link InputError}s naming file, line and field.
 */
public final class ProfileLoader {
  /** Built-in profiles, resources next to this class. */
  public static final List<String> BUILT_IN = List.of("smoke", "medium", "paper");

  private static final List<String> KEYS = List.of("description", "tasks", "seeds", "tables",
      "figures", "fig3a_task", "fig5_tasks", "assumed_steps_per_second", "total_steps",
      "population", "rounds", "horizon", "batch_per_policy", "joint_batch", "eval_episodes",
      "pi_s_epochs", "dagger_initial", "dagger_iterations", "dagger_per_iteration",
      "dagger_epochs");
  /** Optional fields of the figures that run at budgets of their own ({@link VariantFigures}). */
  static final List<String> FIGURE_KEYS = List.of("fig7_task", "fig7_populations", "fig10_dagger", "fig9_tasks", "fig9_horizons",
      "variant_seeds");
  private static final String PRESETS = "presets";
  private static final String STAT_SEEDS = "stat_seeds";
  private static final String SET = "set.";

  private ProfileLoader() {}

  /** A built-in profile by name, or a profile file by path (anything ending in .profile). */
  public static Profile load(String nameOrPath) throws IOException {
    return load(nameOrPath, Path.of(""));
  }

  /**
   * As {@link #load(String)}, a relative profile path taken from {@code base}: the directory
   * ./reproduce was called from, not the repository it runs in.
   */
  public static Profile load(String nameOrPath, Path base) throws IOException {
    if (nameOrPath.endsWith(".profile")) {
      Path file = base.resolve(nameOrPath);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("profile file " + file
            + (Files.exists(file) ? " is not a file" : " does not exist"));
      }
      String name = file.getFileName().toString().replaceFirst("\\.profile$", "");
      return parse(name, file.toString(), TextInput.read(file));
    }
    String resource = "profiles/" + nameOrPath + ".profile";
    try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("unknown profile \"" + nameOrPath + "\"; use one of "
            + BUILT_IN + " or a path to a .profile file");
      }
      return parse(nameOrPath, resource, TextInput.decode(resource, in.readAllBytes()));
    }
  }

  /** Parses profile text; {@code source} names the file in messages. */
  public static Profile parse(String name, String source, String text) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int lineNo = i + 1;
      if (line.isEmpty() || line.startsWith("#")) continue;
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new InputError(source, lineNo, null, "expected \"key = value\", got \"" + line + "\"");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals(SET)) {
        throw new InputError(source, lineNo, key, "has no setting name; write set.<key> = <value>");
      }
      if (!KEYS.contains(key) && !FIGURE_KEYS.contains(key) && !key.equals(PRESETS) && !key.equals(STAT_SEEDS)
          && !key.startsWith(SET)) {
        throw new InputError(source, lineNo, key, "unknown field; the fields are " + KEYS
            + ", optionally " + PRESETS + ", " + STAT_SEEDS + " and " + SET + "<key> lines, and the figure fields "
            + FIGURE_KEYS);
      }
      Entry earlier = entries.get(key);
      if (earlier != null) {
        throw new InputError(source, lineNo, key, "repeated (first set on line " + earlier.line + ")");
      }
      if (value.isEmpty()) throw new InputError(source, lineNo, key, "has no value");
      entries.put(key, new Entry(lineNo, value));
    }
    for (String key : KEYS) {
      if (!entries.containsKey(key)) throw new InputError(source, 0, key, "is missing; every profile sets all of " + KEYS);
    }
    Reader r = new Reader(source, entries);
    Budget budget;
    try {
      budget = new Budget(r.longValue("total_steps"), r.intValue("population"),
          r.intValue("rounds"), r.intValue("horizon"), r.intValue("batch_per_policy"),
          r.intValue("joint_batch"), r.intValue("eval_episodes"), r.intValue("pi_s_epochs"),
          r.intValue("dagger_initial"), r.intValue("dagger_iterations"),
          r.intValue("dagger_per_iteration"), r.intValue("dagger_epochs"));
    } catch (IllegalArgumentException e) {
      // Budget names the field first ("rounds must be > 0"); point at its line.
      String field = e.getMessage().split(" ", 2)[0];
      Entry entry = entries.get(field);
      throw new InputError(source, entry == null ? 0 : entry.line, field, e.getMessage());
    }
    Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
    experiments.addAll(r.list("tables", Experiment::table));
    experiments.addAll(r.list("figures", Experiment::figure));
    List<Integer> seeds = r.list("seeds", CellSelection::parseSeed);
    double sps = r.value("assumed_steps_per_second", Double::parseDouble);
    if (!(sps > 0) || !Double.isFinite(sps)) {
      throw r.error("assumed_steps_per_second", "must be a finite number > 0, got " + r.raw("assumed_steps_per_second"));
    }
    List<String> presets = entries.containsKey(PRESETS)
        ? r.list(PRESETS, Settings::requirePresetName) : List.of(Settings.DEFAULT_PRESET);
    return new Profile(name, r.raw("description"), source, r.list("tasks", Catalogue::requireTask),
        seeds, experiments, budget, presets, overrides(r), r.value("fig3a_task", Catalogue::requireTask),
        r.list("fig5_tasks", Catalogue::requireTask), sps,
        entries.containsKey(STAT_SEEDS) ? r.list(STAT_SEEDS, CellSelection::parseSeed) : List.of(),
        variantFigures(r, experiments, budget));
  }

  /** Figs. 7, 9, 10: their fields, required when the figure is listed, and every variant budget checked. */
  private static VariantFigures variantFigures(Reader r, Set<Experiment> experiments, Budget budget) {
    boolean scaling = experiments.contains(Experiment.FIGURE_7) || experiments.contains(Experiment.FIGURE_10);
    boolean gym = experiments.contains(Experiment.FIGURE_9);
    for (String key : scaling ? List.of("fig7_task", "fig7_populations") : List.<String>of()) {
      if (!r.entries().containsKey(key)) throw new InputError(r.source(), 0, key, "is missing; figures 7 and 10 need it");
    }
    for (String key : gym ? List.of("fig9_tasks", "fig9_horizons") : List.<String>of()) {
      if (!r.entries().containsKey(key)) throw new InputError(r.source(), 0, key, "is missing; figure 9 needs it");
    }
    VariantFigures v = new VariantFigures(
        r.entries().containsKey("fig7_task") ? r.value("fig7_task", Catalogue::requireTask) : null,
        r.entries().containsKey("fig7_populations") ? r.list("fig7_populations", Integer::parseInt) : List.of(),
        r.entries().containsKey("fig10_dagger") ? r.list("fig10_dagger", VariantFigures.Fig10Dagger::parse)
            : List.of(VariantFigures.Fig10Dagger.PER_CHILD),
        r.entries().containsKey("fig9_tasks") ? r.list("fig9_tasks", Catalogue::requireTask) : List.of(),
        r.entries().containsKey("fig9_horizons") ? r.list("fig9_horizons", Integer::parseInt) : List.of(),
        r.entries().containsKey("variant_seeds") ? r.list("variant_seeds", CellSelection::parseSeed) : List.of());
    for (Experiment e : List.of(Experiment.FIGURE_7, Experiment.FIGURE_10, Experiment.FIGURE_9)) {
      if (!experiments.contains(e)) continue;
      String field = e == Experiment.FIGURE_9 ? "fig9_horizons" : "fig7_populations";
      try {
        v.groups(e, budget);
      } catch (IllegalArgumentException | ArithmeticException ex) {
        throw r.error(field, "gives a budget " + e.title() + " cannot run: " + ex.getMessage());
      }
    }
    return v;
  }

  private static SortedMap<String, String> overrides(Reader r) {
    SortedMap<String, String> out = new TreeMap<>();
    for (String key : r.entries().keySet()) {
      if (!key.startsWith(SET)) continue;
      String setting = key.substring(SET.length());
      try {
        out.putAll(Settings.checkedCopy(Map.of(setting, r.raw(key))));
      } catch (IllegalArgumentException e) {
        throw r.error(key, e.getMessage());
      }
    }
    return out;
  }

  private record Entry(int line, String value) {}

  private record Reader(String source, Map<String, Entry> entries) {
    String raw(String key) {
      return entries.get(key).value;
    }

    InputError error(String key, String problem) {
      return new InputError(source, entries.get(key).line, key, problem);
    }

    <T> T value(String key, Function<String, T> parse) {
      String v = raw(key);
      try {
        return parse.apply(v.replace("_", ""));
      } catch (IllegalArgumentException e) {
        throw error(key, "\"" + v + "\" is not valid: " + e.getMessage());
      }
    }

    <T> List<T> list(String key, Function<String, T> parse) {
      List<T> out = new ArrayList<>();
      for (String item : raw(key).split(",")) {
        String v = item.strip();
        if (v.isEmpty()) throw error(key, "has an empty item in \"" + raw(key) + "\"");
        try {
          T parsed = parse.apply(v);
          if (out.contains(parsed)) throw error(key, "lists \"" + v + "\" twice");
          out.add(parsed);
        } catch (InputError e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw error(key, "item \"" + v + "\" is not valid: " + e.getMessage());
        }
      }
      return out;
    }

    int intValue(String key) {
      long v = longValue(key);
      if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw error(key, v + " is out of range");
      return (int) v;
    }

    long longValue(String key) {
      return value(key, Long::parseLong);
    }
  }
}
