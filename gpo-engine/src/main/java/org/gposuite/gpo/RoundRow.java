package org.gposuite.gpo;

/**
 * One round: wall-clock per operator (Table 3), steps, and population summaries.
 *
 * @param mutationSteps the round's policy-gradient batches, plus its fitness episodes with EVALUATION fitness
 * @param evaluateSeconds time of the diagnostic evaluations (not part of GPO's Table 3 split)
 * @param stepsUsed environment steps of the run so far, all operators (the budget's count)
 * @param bestFitnessReturn, meanFitnessReturn over the mutated population (SELECT estimates)
 * @param bestEvalReturn best diagnostic evaluation of the mutated population, NaN when off
 * @param lineages and the next four: see {@link Diversity}. Round k (after the last) is the final MUTATE of the
 *        children that spends the budget the last round left (see {@link StepBudget}).
 */
public record RoundRow(int round, String configHash, String variant, int mutationIterations, long mutationSteps, long crossoverSteps,
                       long stepsUsed, double mutateSeconds, double selectSeconds, double crossoverSeconds, double evaluateSeconds,
                       double bestFitnessReturn, double meanFitnessReturn, double bestEvalReturn, double bestChildReturn,
                       int lineages, int largestFamily, double meanPairKl, double fitnessPicksBest, double medianChildParentRatio) {}
