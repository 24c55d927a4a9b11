package org.gposuite.reproduce.plan;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.gposuite.nn.NetworkBackend;

/**
 * The engine settings a cell runs under: a named PPO preset (the engine's hyperparameter set,
 * e.g. "tuned" or "paper-calibrated"), key = value overrides of the engine's open choices
 * (e.g. gpo.child_init=first-parent) and who computes the networks (--networks). The harness only
 * carries and records the first two; the engine validates them ({@link org.gposuite.reproduce.run.EngineBinding#checkSettings})
 * and its runners read all three from {@link CellSpec#settings()}. All are part of a cell's config
 * hash; the preset is part of its id too, so that cells of two presets can share a run folder.
 *
 * @param preset the preset's name; {@link #DEFAULT_PRESET} keeps the ids of earlier runs
 * @param overrides engine settings by key, in key order (the hash depends on the order)
 * @param networks our networks or DL4J's for every network of the cell; {@link NetworkBackend#OURS}
 *     adds nothing to the hash or the stored settings, so the cells of earlier runs keep theirs
 */
public record Settings(String preset, SortedMap<String, String> overrides, NetworkBackend networks) {
  /** The preset of every cell before presets existed; its ids carry no preset. */
  public static final String DEFAULT_PRESET = "tuned";

  // Presets name folders and file names, so no separators or spaces. (Declared before DEFAULT,
  // whose construction uses it.)
  private static final Pattern PRESET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public static final Settings DEFAULT = new Settings(DEFAULT_PRESET, new TreeMap<>());

  /**
   * The key under which cells.csv's settings column stores a cell's networks when they are not
   * ours; never an engine setting, so --networks stays the one way to choose them.
   */
  static final String NETWORKS_KEY = "networks";

  public Settings {
    requirePresetName(preset);
    overrides = checkedCopy(overrides);
    if (networks == null) throw new IllegalArgumentException("cell settings: networks missing; use NetworkBackend.OURS");
  }

  /** Settings on our networks. */
  public Settings(String preset, SortedMap<String, String> overrides) {
    this(preset, overrides, NetworkBackend.OURS);
  }

  /** The same preset and overrides on other networks. */
  public Settings withNetworks(NetworkBackend networks) {
    return new Settings(preset, overrides, networks);
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

  /**
   * The overrides as cells.csv's settings column stores them, {@code k=v;k=v}, empty when there are
   * none; a cell on DL4J's networks adds {@code networks=dl4j}.
   */
  public String storedText() {
    StringJoiner j = new StringJoiner(";");
    SortedMap<String, String> all = new TreeMap<>(overrides);
    if (networks != NetworkBackend.OURS) all.put(NETWORKS_KEY, networks.label());
    all.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /**
   * How these settings differ from {@code there}'s, key by key ("gpo.child_init: fresh here, unset
   * there"), networks included; empty when they do not.
   */
  public String differenceFrom(Settings there) {
    SortedMap<String, String> mine = parse(storedText()), theirs = parse(there.storedText());
    TreeSet<String> keys = new TreeSet<>(mine.keySet());
    keys.addAll(theirs.keySet());
    StringJoiner j = new StringJoiner("; ");
    for (String key : keys) {
      String a = mine.get(key), b = theirs.get(key);
      if (Objects.equals(a, b)) continue;
      j.add(key + ": " + (a == null ? "unset" : a) + " here, " + (b == null ? "unset" : b) + " there");
    }
    return j.toString();
  }

  /** Reads a preset and {@link #storedText()} back; the message says which item is malformed. */
  public static Settings parseStored(String preset, String text) {
    SortedMap<String, String> overrides = parse(text);
    String networks = overrides.remove(NETWORKS_KEY);
    return new Settings(preset, overrides, networks == null ? NetworkBackend.OURS : NetworkBackend.of(networks));
  }

  private static SortedMap<String, String> parse(String text) {
    SortedMap<String, String> out = new TreeMap<>();
    if (text.isBlank()) return out;
    for (String item : text.split(";", -1)) {
      int eq = item.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("setting \"" + item + "\" is not key=value");
      String key = item.substring(0, eq).strip();
      if (!key.equals(NETWORKS_KEY)) requireKey(key);
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
    if (key.equals(NETWORKS_KEY)) {
      throw new IllegalArgumentException("\"" + NETWORKS_KEY + "\" is not a setting: choose the networks with --networks "
          + String.join("|", NetworkBackend.labels()));
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
