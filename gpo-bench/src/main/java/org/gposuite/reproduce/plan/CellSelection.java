package org.gposuite.reproduce.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gposuite.nn.NetworkBackend;

/**
 * Which cells of a profile a run selects: what the command line narrows the profile to (GPO's
 * SELECT operator is the engine's gpo.Selection). Empty = the profile's own choice.
 *
 * @param experiments --tables and --figures together; empty = the profile's experiments
 * @param tasks --tasks: only cells on these tasks
 * @param methods --methods: only cells of these methods
 * @param seeds --seeds: replaces the profile's seeds
 * @param presets --presets: replaces the profile's presets
 * @param overrides --set: engine settings on top of the profile's, a key here wins
 * @param networks --networks: who computes every cell's networks (a profile has no say: one way to choose)
 */
public record CellSelection(Set<Experiment> experiments, Set<String> tasks, Set<String> methods,
    Optional<List<Integer>> seeds, Optional<List<String>> presets, SortedMap<String, String> overrides,
    NetworkBackend networks) {

  public static final CellSelection ALL = new CellSelection(Set.of(), Set.of(), Set.of(), Optional.empty(),
      Optional.empty(), new TreeMap<>());

  /** A selection on our networks. */
  public CellSelection(Set<Experiment> experiments, Set<String> tasks, Set<String> methods,
      Optional<List<Integer>> seeds, Optional<List<String>> presets, SortedMap<String, String> overrides) {
    this(experiments, tasks, methods, seeds, presets, overrides, NetworkBackend.OURS);
  }

  public CellSelection {
    experiments = Set.copyOf(experiments);
    tasks = Set.copyOf(tasks);
    methods = Set.copyOf(methods);
    seeds = seeds.map(List::copyOf);
    presets = presets.map(List::copyOf);
    overrides = Settings.checkedCopy(overrides);
    if (networks == null) throw new IllegalArgumentException("selection: networks missing; use NetworkBackend.OURS");
  }

  /**
   * A seed as profiles and --seeds spell it. Seeds count from 1 in every profile and baseline; a
   * 0 or a negative number is a slip (a stray minus, an off-by-one), and accepting it would plan
   * cells no baseline holds.
   */
  public static int parseSeed(String text) {
    int seed;
    try {
      seed = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed \"" + text + "\" is not a whole number");
    }
    if (seed < 1) throw new IllegalArgumentException("seed " + seed + " is not allowed; seeds count from 1");
    return seed;
  }

  /**
   * One item of a --seeds list: a seed, or a range {@code a-b} of seeds a to b (a <= b), as the
   * many-seed runs of the statistical path need ({@code --seeds 1-96}).
   */
  public static List<Integer> parseSeeds(String item) {
    int dash = item.indexOf('-', 1);
    if (dash < 0) return List.of(parseSeed(item));
    int from = parseSeed(item.substring(0, dash)), to = parseSeed(item.substring(dash + 1));
    if (to < from) throw new IllegalArgumentException("seed range \"" + item + "\" runs backwards; write " + to + "-" + from);
    return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
  }

  /**
   * The whole profile under this selection's presets (besides the profile's), settings and
   * networks: every experiment, task, method and the profile's seeds.
   */
  public CellSelection wholeProfile(List<String> profilePresets) {
    List<String> all = new java.util.ArrayList<>(profilePresets);
    presets.ifPresent(p -> p.stream().filter(x -> !all.contains(x)).forEach(all::add));
    return new CellSelection(Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.of(all), overrides, networks);
  }

  /** The same selection with other seeds. */
  public CellSelection withSeeds(List<Integer> seeds) {
    return new CellSelection(experiments, tasks, methods, Optional.of(seeds), presets, overrides, networks);
  }

  /** The same selection under other presets and overrides. */
  public CellSelection withSettings(Optional<List<String>> presets, SortedMap<String, String> overrides) {
    return new CellSelection(experiments, tasks, methods, seeds, presets, overrides, networks);
  }
}
