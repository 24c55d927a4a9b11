package org.gposuite.reproduce.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compute budget of one cell, shared by every cell of a profile. The paper's values are in
 * {@link #PAPER}; smaller profiles shrink them. Runners map these onto their own configs
 * (e.g. GpoConfig); anything not here is the engine's documented default.
 *
 * @param totalSteps environment steps per cell over all policies, DAgger included (paper: 8M); at
 *     least one batch per policy (population x batchPerPolicy, and jointBatch)
 * @param population GPO population, and the number of independent Single policies (paper: 8); at least 2
 * @param rounds GPO rounds (paper: 12)
 * @param horizon episode length cap T (paper: 512)
 * @param batchPerPolicy steps per policy-gradient batch for GPO and Single (paper: 2048)
 * @param jointBatch steps per batch for Joint (paper: 16384)
 * @param evalEpisodes episodes used to measure the final return of a policy
 * @param piSEpochs epochs of the binary policy pi_S per crossover (paper: 100)
 * @param daggerInitial transitions from the expert before DAgger (paper: 5000)
 * @param daggerIterations DAgger iterations (paper: 10)
 * @param daggerPerIteration transitions added per DAgger iteration (paper: 500)
 * @param daggerEpochs epochs of the child per DAgger iteration (paper: 10)
 */
public record Budget(long totalSteps, int population, int rounds, int horizon, int batchPerPolicy,
    int jointBatch, int evalEpisodes, int piSEpochs, int daggerInitial, int daggerIterations,
    int daggerPerIteration, int daggerEpochs) {

  /** One round's share of the steps: what Fig. 3a's probe, GPO's first round alone, takes. */
  public long roundSteps() {
    return totalSteps / rounds;
  }

  public static final Budget PAPER =
      new Budget(8_000_000, 8, 12, 512, 2048, 16384, 10, 100, 5000, 10, 500, 10);

  public Budget {
    positive("total_steps", totalSteps);
    positive("population", population);
    positive("rounds", rounds);
    positive("horizon", horizon);
    positive("batch_per_policy", batchPerPolicy);
    positive("joint_batch", jointBatch);
    positive("eval_episodes", evalEpisodes);
    positive("pi_s_epochs", piSEpochs);
    positive("dagger_initial", daggerInitial);
    positive("dagger_iterations", daggerIterations);
    positive("dagger_per_iteration", daggerPerIteration);
    positive("dagger_epochs", daggerEpochs);
    // A budget the methods cannot run fails when the profile is read, not in the first cell.
    if (population < 2) {
      throw new IllegalArgumentException("population must be >= 2 (GPO crosses pairs of policies), got " + population);
    }
    long batchEach = (long) population * batchPerPolicy;
    if (totalSteps < batchEach) {
      throw new IllegalArgumentException("total_steps must be at least population x batch_per_policy = " + batchEach
          + " (one batch per policy), got " + totalSteps);
    }
    if (totalSteps < jointBatch) {
      throw new IllegalArgumentException("total_steps must be at least joint_batch = " + jointBatch
          + " (one batch of Joint), got " + totalSteps);
    }
  }

  /** The fields under their profile-file names, in a fixed order (hashing depends on it). */
  public Map<String, String> asFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("total_steps", Long.toString(totalSteps));
    m.put("population", Integer.toString(population));
    m.put("rounds", Integer.toString(rounds));
    m.put("horizon", Integer.toString(horizon));
    m.put("batch_per_policy", Integer.toString(batchPerPolicy));
    m.put("joint_batch", Integer.toString(jointBatch));
    m.put("eval_episodes", Integer.toString(evalEpisodes));
    m.put("pi_s_epochs", Integer.toString(piSEpochs));
    m.put("dagger_initial", Integer.toString(daggerInitial));
    m.put("dagger_iterations", Integer.toString(daggerIterations));
    m.put("dagger_per_iteration", Integer.toString(daggerPerIteration));
    m.put("dagger_epochs", Integer.toString(daggerEpochs));
    return m;
  }

  private static void positive(String field, long value) {
    if (value <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + value);
  }
}
