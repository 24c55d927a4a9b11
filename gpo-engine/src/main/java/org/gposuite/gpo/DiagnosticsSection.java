package org.gposuite.gpo;

/**
 * Measurements that explain a run without changing it: nothing here is read by the algorithm, so
 * their episodes are not charged to the run's totalSteps (they are reported separately).
 *
 * @param evalEpisodes episodes (Evaluation protocol) to score every parent and child each round for the CSV
 *        (Fig. 3a); 0 = off, 5 (ours)
 * @param parameterCrossover also build and score the naive parameter-space child of every couple (Fig. 3a), false
 */
public record DiagnosticsSection(int evalEpisodes, boolean parameterCrossover) {

  /** The defaults, in one place. */
  public static final DiagnosticsSection DEFAULTS = new DiagnosticsSection(5, false);

  public DiagnosticsSection {
    if (evalEpisodes < 0) throw new IllegalArgumentException("GpoConfig: evaluation episodes must be >= 0");
  }
}
