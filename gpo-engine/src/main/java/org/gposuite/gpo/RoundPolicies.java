package org.gposuite.gpo;

import java.util.List;
import org.gposuite.nn.GaussianPolicy;

/**
 * The policies of one finished crossover round (ProgressListener#crossoversMade): the mutated
 * parents by slot and, per couple, its child and parameter-space child. Read-only: the children
 * become the next population.
 *
 * @param runSeed the run's seed, from which {@link Visitation} derives its rollout streams
 */
public record RoundPolicies(long runSeed, int round, List<GaussianPolicy> parents, List<Couple> couples) {
  public RoundPolicies {
    parents = List.copyOf(parents);
    couples = List.copyOf(couples);
  }

  /**
   * @param kind as CoupleRow#childKind ("state-space", "copy", "self-copy")
   * @param parameterChild the naive parameter-space child, null unless DiagnosticsSection#parameterCrossover
   */
  public record Couple(int index, int x, int y, String kind, GaussianPolicy child, GaussianPolicy parameterChild) {}
}
