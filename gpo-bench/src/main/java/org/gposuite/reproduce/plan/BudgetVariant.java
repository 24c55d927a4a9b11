package org.gposuite.reproduce.plan;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A cell's budget where it differs from its profile's one {@link Budget}: the cells of Figs. 7
 * and 10 (population sizes) and Fig. 9 (horizons). Every other cell runs the profile's budget
 * and has no variant.
 *
 * <p>Identity. The label goes into the cell's id and folder after the task,
 * {@code PPO/Walker2d@pop16/GPO/seed-1}, and is empty when the budget is the profile's own, so
 * a variant that equals the profile's budget (Fig. 7's population = the profile's population,
 * Fig. 9's horizon = the profile's horizon) is the very cell the tables already run, and every
 * cell that existed before variants keeps its id. The config hash needs nothing new: it already
 * holds every budget field, so a variant's hash differs exactly when its budget does, and the
 * hashes of existing cells are unchanged.
 *
 * <p>The arithmetic, with m0 the profile's population (8 in the paper profile, the paper's
 * default) and m the variant's:
 * <ul>
 *   <li>Fig. 7, {@link #samePerPolicy}: the paper's "same batch-size and same number of gradient
 *       steps" per policy. Batch and rounds stay; total steps = profile total x m / m0 (floored),
 *       so each policy gets the same steps, and the same PPO iterations, as at m0.
 *   <li>Fig. 10, {@link #sameTotal}: the same total steps; batch per policy = batch x m0 / m
 *       (floored to a multiple of 8, the engine's environment copies), so population x batch
 *       stays the same (to that rounding) and the number of PPO iterations per policy stays as at m0. The batch may not fall below one horizon (a batch must hold a
 *       whole episode); a population that would need less is an error when the profile is read.
 *   <li>Fig. 10 with DAgger per round, {@link #sameTotalDaggerPerRound}: as {@link #sameTotal}, and
 *       each child's DAgger transitions (initial and per iteration) x m0 / m (floored to a multiple of
 *       {@value #DAGGER_MULTIPLE}), so a round's DAgger takes the same share of the budget at every
 *       population. The paper's Fig. 10 says only that the batch shrinks in proportion; with DAgger
 *       kept per child, crossover takes 4%, 10%, 20% and 43% of the budget at m = 4, 8, 16 and 32.
 *   <li>Fig. 9, {@link #horizon}: the profile's budget at another episode horizon T.
 * </ul>
 *
 * @param label {@code ""} for the profile's budget, else letters, digits, '.', '_', '-'
 * @param budget the budget the cell runs
 */
public record BudgetVariant(String label, Budget budget) {
  /**
   * Batches are collected by 8 environment copies stepped together (the engine's
   * {@code PpoConfig.numEnvs}), so a batch per policy must be a multiple of 8: Fig. 10's scaled
   * batch is floored to one.
   */
  static final int BATCH_MULTIPLE = 8;

  /**
   * DAgger's rollouts run 4 environment copies (the engine's {@code DaggerTraining.envs}, which must
   * divide both rollout sizes): a scaled DAgger size is floored to a multiple of 4.
   */
  static final int DAGGER_MULTIPLE = 4;

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public BudgetVariant {
    requireLabel(label);
    if (budget == null) throw new IllegalArgumentException("variant budget is missing");
  }

  /**
   * The population points of Figs. 7 and 10 and the label each writes, {@code pop<m>} followed by the
   * kind's suffix; the dry run's pricing reads the labels back ({@link #population}).
   */
  public enum PopulationPoint {
    /** Fig. 7 ({@link #samePerPolicy}). */
    SAME_PER_POLICY(""),
    /** Fig. 10 ({@link #sameTotal}). */
    SAME_TOTAL("-eqsteps"),
    /** Fig. 10 with DAgger per round as at the profile's population ({@link #sameTotalDaggerPerRound}). */
    SAME_TOTAL_DAGGER_PER_ROUND("-eqsteps-dagger-per-round");

    private final Pattern pattern;
    private final String suffix;

    PopulationPoint(String suffix) {
      this.suffix = suffix;
      this.pattern = Pattern.compile("pop(\\d+)" + Pattern.quote(suffix));
    }

    public String label(int population) {
      return "pop" + population + suffix;
    }

    /** The population of a label of this kind; empty for any other label. */
    public OptionalInt population(String label) {
      var m = pattern.matcher(label);
      return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
  }

  /** The profile's own budget: no label. */
  public static BudgetVariant none(Budget profile) {
    return new BudgetVariant("", profile);
  }

  /** Fig. 7: population m, the same batch and steps per policy as at the profile's population. */
  public static BudgetVariant samePerPolicy(Budget profile, int m) {
    long total = Math.multiplyExact(profile.totalSteps(), (long) m) / profile.population();
    return of(profile, PopulationPoint.SAME_PER_POLICY.label(m), with(profile, total, m, profile.horizon(), profile.batchPerPolicy()));
  }

  /** Fig. 10: population m, the profile's total steps, the batch per policy scaled by m0 / m. */
  public static BudgetVariant sameTotal(Budget profile, int m) {
    long batch = (long) profile.batchPerPolicy() * profile.population() / m / BATCH_MULTIPLE * BATCH_MULTIPLE;
    if (batch < profile.horizon()) {
      throw new IllegalArgumentException("population " + m + " at equal total steps needs a batch per policy of "
          + profile.batchPerPolicy() + " x " + profile.population() + " / " + m + " = " + batch
          + " (floored to a multiple of " + BATCH_MULTIPLE + ")"
          + " steps, less than one episode of horizon " + profile.horizon());
    }
    return of(profile, PopulationPoint.SAME_TOTAL.label(m), with(profile, profile.totalSteps(), m, profile.horizon(), (int) batch));
  }

  /**
   * Fig. 10 with DAgger's transitions per round as at m0: {@link #sameTotal}'s budget, each child's DAgger
   * rollouts (initial and per iteration) scaled by m0 / m. At m0 it is the profile's own budget.
   */
  public static BudgetVariant sameTotalDaggerPerRound(Budget profile, int m) {
    if (m == profile.population()) return sameTotal(profile, m); // nothing to scale, nothing to floor
    Budget b = sameTotal(profile, m).budget();
    int initial = scaledDagger(profile.daggerInitial(), profile.population(), m);
    int perIteration = scaledDagger(profile.daggerPerIteration(), profile.population(), m);
    if (initial < DAGGER_MULTIPLE || (profile.daggerIterations() > 0 && perIteration < DAGGER_MULTIPLE)) {
      throw new IllegalArgumentException("population " + m + " with DAgger per round as at " + profile.population()
          + " needs " + initial + " initial and " + perIteration + " per-iteration DAgger transitions per child"
          + " (x " + profile.population() + " / " + m + ", floored to a multiple of " + DAGGER_MULTIPLE + "), fewer than "
          + DAGGER_MULTIPLE);
    }
    Budget scaled = new Budget(b.totalSteps(), b.population(), b.rounds(), b.horizon(), b.batchPerPolicy(), b.jointBatch(),
        b.evalEpisodes(), b.piSEpochs(), initial, b.daggerIterations(), perIteration, b.daggerEpochs());
    return of(profile, PopulationPoint.SAME_TOTAL_DAGGER_PER_ROUND.label(m), scaled);
  }

  private static int scaledDagger(int size, int m0, int m) {
    return (int) ((long) size * m0 / m / DAGGER_MULTIPLE * DAGGER_MULTIPLE);
  }

  /** Fig. 9: the profile's budget at horizon T. */
  public static BudgetVariant horizon(Budget profile, int horizon) {
    return of(profile, "T" + horizon, with(profile, profile.totalSteps(), profile.population(), horizon,
        profile.batchPerPolicy()));
  }

  /** The suffix a label gives the task segment of ids, folders and file names. */
  public static String suffix(String label) {
    return label.isEmpty() ? "" : "@" + label;
  }

  public static String requireLabel(String label) {
    if (label == null || !(label.isEmpty() || LABEL.matcher(label).matches())) {
      throw new IllegalArgumentException("budget variant \"" + label
          + "\" must be empty or letters, digits, '.', '_' or '-' (it becomes part of folder names)");
    }
    return label;
  }

  private static BudgetVariant of(Budget profile, String label, Budget budget) {
    return budget.equals(profile) ? none(profile) : new BudgetVariant(label, budget);
  }

  private static Budget with(Budget b, long total, int population, int horizon, int batch) {
    return new Budget(total, population, b.rounds(), horizon, batch, b.jointBatch(), b.evalEpisodes(),
        b.piSEpochs(), b.daggerInitial(), b.daggerIterations(), b.daggerPerIteration(), b.daggerEpochs());
  }
}
