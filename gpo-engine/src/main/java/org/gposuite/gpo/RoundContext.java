package org.gposuite.gpo;

import java.util.List;
import org.gposuite.pg.EnvFactory;

/**
 * What every operator of one round of Algorithm 1 works on: the round's index and population, the
 * MUTATE iterations the step budget gives it ({@link StepBudget}), the round's random streams, the
 * environments and the worker pool. Operators take their settings from their own configuration
 * section when built, and everything that changes from round to round from here.
 *
 * @param population the round's policies by slot; MUTATE trains them in place, SELECT and CROSSOVER read them
 * @param iterations MUTATE's policy-gradient iterations of every policy this round
 * @param runSeed the run's seed, from which {@link #seed} derives every stream of the round
 */
record RoundContext(int round, List<Member> population, int iterations, long runSeed, EnvFactory envs, Parallel parallel) {

  /** The round's stream for {@code slot} (a policy or a couple) and {@code purpose} ({@link Seeds}). */
  long seed(int slot, Seeds.Purpose purpose) {
    return Seeds.of(runSeed, round, slot, purpose);
  }

  /** m, the population size. */
  int size() {
    return population.size();
  }
}
