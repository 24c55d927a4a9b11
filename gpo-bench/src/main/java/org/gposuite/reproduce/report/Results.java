package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.store.StoredCell;

/**
 * A run's finished cells, indexed the way the report and the plots look them up. Lookups name
 * the preset: cells of two presets are two experiments, never pooled.
 */
public final class Results {
  private final Map<String, List<StoredCell>> byGroup = new TreeMap<>();

  public Results(List<StoredCell> cells) {
    for (StoredCell c : cells) {
      byGroup.computeIfAbsent(c.record().groupId(), k -> new ArrayList<>()).add(c);
    }
    byGroup.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.record().seed(), b.record().seed())));
  }

  public List<StoredCell> group(String preset, Algorithm algorithm, String task, String method) {
    return byGroup.getOrDefault(CellSpec.groupId(algorithm, preset, task, method), List.of());
  }

  /** The cells of a group of a budget variant ({@code ""}: the profile's budget). */
  public List<StoredCell> group(String preset, Algorithm algorithm, String task, String variant, String method) {
    return byGroup.getOrDefault(CellSpec.groupId(algorithm, preset, task, variant, method), List.of());
  }

  public double[] returns(String preset, Algorithm algorithm, String task, String method) {
    return group(preset, algorithm, task, method).stream().mapToDouble(c -> c.record().finalReturn()).toArray();
  }

  public Optional<Double> mean(String preset, Algorithm algorithm, String task, String method) {
    double[] xs = returns(preset, algorithm, task, method);
    return xs.length == 0 ? Optional.empty() : Optional.of(Stats.mean(xs));
  }
}
