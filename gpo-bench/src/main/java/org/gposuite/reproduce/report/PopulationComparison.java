package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.store.FinalPolicies;
import org.gposuite.reproduce.store.StoredCell;

/**
 * Fig. 6 of the paper: the return of every policy GPO ends with (its final population) beside
 * every one of Single's independent policies, on one task, and the paper's reading of it: "every
 * GPO policy above every Single policy". Checked seed by seed (a GPO cell and the Single cell of the
 * same seed), from the selection evaluation that scores every final policy.
 *
 * @param seeds per seed with both sides, the two populations sorted from best to worst
 */
public record PopulationComparison(String task, Map<Integer, Pair> seeds) {

  /** One seed: both final populations, best first. */
  public record Pair(List<Double> gpo, List<Double> single) {
    public boolean everyGpoAboveEverySingle() {
      return gpo.getLast() > single.getFirst();
    }
  }

  public static PopulationComparison of(Results results, String preset, String task) {
    Map<Integer, List<Double>> gpo = byseed(results.group(preset, Algorithm.PPO, task, "GPO"));
    Map<Integer, List<Double>> single = byseed(results.group(preset, Algorithm.PPO, task, "Single"));
    Map<Integer, Pair> seeds = new TreeMap<>();
    gpo.forEach((seed, g) -> {
      if (single.containsKey(seed)) seeds.put(seed, new Pair(g, single.get(seed)));
    });
    return new PopulationComparison(task, seeds);
  }

  public long seedsWhereClaimHolds() {
    return seeds.values().stream().filter(Pair::everyGpoAboveEverySingle).count();
  }

  private static Map<Integer, List<Double>> byseed(List<StoredCell> cells) {
    Map<Integer, List<Double>> out = new TreeMap<>();
    for (StoredCell c : cells) {
      if (c.finalPolicies().isEmpty()) continue;
      List<Double> r = new ArrayList<>(c.finalPolicies().stream().map(FinalPolicies.Policy::selectionReturn).toList());
      r.sort(java.util.Comparator.reverseOrder());
      out.put(c.record().seed(), List.copyOf(r));
    }
    return out;
  }
}
