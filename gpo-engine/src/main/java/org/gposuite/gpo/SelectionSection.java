package org.gposuite.gpo;

/**
 * SELECT's settings (Sec. 3.3.3): which m couples of the population become parents. The fitness of a
 * couple is (1 - w) * performance + w * diversity, each min-max scaled over the candidates.
 *
 * @param byFitness flag S: couples chosen by fitness; off = a uniformly random m-subset of the same candidate
 *        couples (paper, Fig. 5), true
 * @param diversityWeightFirst weight w of the diversity fitness in round 0, 0 (paper Sec. 3.3.3: experiments put all
 *        weight on performance)
 * @param diversityWeightLast w in the last round, 0 (paper); linear annealing between the two (the paper describes
 *        annealing), see {@link #diversityWeight}
 * @param allowSelfPairs whether (x, x) is a candidate, true (paper: "from all possible m^2 couples"; kept after the
 *        diagnosis, see expected-results/medium/diagnosis.md); couples are ordered, so (x, y) and (y, x) are
 *        distinct candidates and may both be chosen (siblings from different seeds). A self-couple's child is a copy
 *        and spends no DAgger steps; its unspent reservation goes to later rounds ({@link StepBudget})
 * @param fitness what E[R] in the performance fitness is estimated from ({@link FitnessSource}), TRAINING (ours, see
 *        diagnosis.md); the paper only says "expected return"
 * @param fitnessEpisodes episodes per policy when fitness is EVALUATION, 5 (ours: one evaluation episode costs up to
 *        a quarter batch; the steps are charged to the run's totalSteps)
 */
public record SelectionSection(boolean byFitness, double diversityWeightFirst, double diversityWeightLast, boolean allowSelfPairs,
                               FitnessSource fitness, int fitnessEpisodes) {

  /** The defaults, in one place. */
  public static final SelectionSection DEFAULTS = new SelectionSection(true, 0.0, 0.0, true, FitnessSource.TRAINING, 5);

  /** What SELECT's performance fitness E[R] of a policy is estimated from. */
  public enum FitnessSource {
    /** the complete episodes of the policy's last mutation window (no extra steps) */
    TRAINING,
    /** fitnessEpisodes fresh episodes of the mutated policy (Evaluation protocol), charged to the budget */
    EVALUATION
  }

  public SelectionSection {
    unit("diversityWeightFirst", diversityWeightFirst);
    unit("diversityWeightLast", diversityWeightLast);
    if (fitness == null) throw new IllegalArgumentException("GpoConfig.fitness: TRAINING or EVALUATION");
    if (fitness == FitnessSource.EVALUATION && fitnessEpisodes <= 0)
      throw new IllegalArgumentException("GpoConfig.fitnessEpisodes: must be > 0 when fitness is EVALUATION, got " + fitnessEpisodes);
  }

  /** Diversity weight of round {@code round} of {@code rounds}: linear from first (round 0) to last (round k-1). */
  public double diversityWeight(int round, int rounds) {
    if (rounds == 1) return diversityWeightFirst;
    return diversityWeightFirst + (diversityWeightLast - diversityWeightFirst) * round / (double) (rounds - 1);
  }

  public SelectionSection withByFitness(boolean byFitness) {
    return new SelectionSection(byFitness, diversityWeightFirst, diversityWeightLast, allowSelfPairs, fitness, fitnessEpisodes);
  }

  public SelectionSection withSelfPairs(boolean allowSelfPairs) {
    return new SelectionSection(byFitness, diversityWeightFirst, diversityWeightLast, allowSelfPairs, fitness, fitnessEpisodes);
  }

  public SelectionSection withFitness(FitnessSource fitness, int fitnessEpisodes) {
    return new SelectionSection(byFitness, diversityWeightFirst, diversityWeightLast, allowSelfPairs, fitness, fitnessEpisodes);
  }

  private static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("GpoConfig." + name + ": must be in [0, 1], got " + v);
  }
}
