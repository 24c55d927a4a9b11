package org.gposuite.reproduce.plan;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The engine settings a cell runs under: a named PPO preset (the engine's hyperparameter set,
 * e.g. "tuned" or "paper-calibrated") and key = value overrides of the engine's open choices
 * (e.g. gpo.child_init=first-parent). The harness only carries and records them; the engine
 * validates them ({@link EngineBinding#checkSettings}) and its runners read them from
 * {@link CellSpec#settings()}. Both are part of a cell's config hash; the preset is part of its
 * id too, so that cells of two presets can share a run folder.
 *
 * @param preset the preset's name; {@link #DEFAULT_PRESET} keeps the ids of earlier runs
 * @param overrides engine settings by key, in key order (the hash depends on the order)
 */
public record Settings(String preset, SortedMap<String, String> overrides) {
  /** The preset of every cell before presets existed; its ids carry no preset. */
  public static final String DEFAULT_PRESET = "tuned";

  // Presets name folders and file names, so no separators or spaces. (Declared before DEFAULT,
  // whose construction uses it.)
  private static final Pattern PRESET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public static final Settings DEFAULT = new Settings(DEFAULT_PRESET, new TreeMap<>());

  public Settings {
    requirePresetName(preset);
    overrides = checkedCopy(overrides);
  }

  /**
   * An unmodifiable copy in natural key order (whatever comparator the caller's map had), every
   * key and value checked; for anything that holds overrides.
   */
  public static SortedMap<String, String> checkedCopy(Map<String, String> overrides) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      copy.put(requireKey(e.getKey()), requireValue(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /** The override of {@code key}, or {@code fallback} (the engine's own default) when none is set. */
  public String get(String key, String fallback) {
    return overrides.getOrDefault(key, fallback);
  }

  /** The overrides as cells.csv stores them: {@code k=v;k=v}, empty when there are none. */
  public String overridesText() {
    StringJoiner j = new StringJoiner(";");
    overrides.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** Reads {@link #overridesText()} back; the message says which item is malformed. */
  public static SortedMap<String, String> parseOverrides(String text) {
    SortedMap<String, String> out = new TreeMap<>();
    if (text.isBlank()) return out;
    for (String item : text.split(";", -1)) {
      int eq = item.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("setting \"" + item + "\" is not key=value");
      String key = requireKey(item.substring(0, eq).strip());
      if (out.put(key, requireValue(key, item.substring(eq + 1).strip())) != null) {
        throw new IllegalArgumentException("setting " + key + " appears twice");
      }
    }
    return out;
  }

  /**
   * What a preset adds to the first segment of ids, folders and plot names: nothing for the
   * default preset (so earlier runs keep their paths), "-name" for any other.
   */
  public static String suffix(String preset) {
    return DEFAULT_PRESET.equals(preset) ? "" : "-" + preset;
  }

  public static String requirePresetName(String preset) {
    if (preset == null || !PRESET_NAME.matcher(preset).matches()) {
      throw new IllegalArgumentException("preset name \"" + preset
          + "\" must be letters, digits, '.', '_' or '-' (it becomes part of folder names)");
    }
    return preset;
  }

  // ';' separates settings in cells.csv, '=' ends a key, and a newline would break the hash's
  // one-line-per-field text, so none may appear where it would be ambiguous.
  private static String requireKey(String key) {
    if (key == null || key.isEmpty()) throw new IllegalArgumentException("a setting has an empty key");
    if (!key.matches("[^\\s=;]+")) {
      throw new IllegalArgumentException("setting key \"" + key + "\" may not contain spaces, '=' or ';'");
    }
    return key;
  }

  private static String requireValue(String key, String value) {
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("setting " + key + " has no value");
    if (value.contains(";") || value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("setting " + key + " has a value with ';' or a line break: \"" + value + "\"");
    }
    return value;
  }
}
