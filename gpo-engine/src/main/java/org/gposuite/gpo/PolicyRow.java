package org.gposuite.gpo;

/**
 * One policy after a round's mutation.
 *
 * @param fitnessReturn mean return of the episodes that finished in its last mutation window (the SELECT estimate)
 * @param windowEpisodes how many episodes that mean is over
 * @param evalReturn diagnostic evaluation (Evaluation protocol, evalEpisodes episodes), NaN when off
 * @param sharingSet S_i of the round, space separated (i first)
 * @param stepsUsed steps of the whole run at the end of this round's mutation
 */
public record PolicyRow(int round, int policy, double fitnessReturn, int windowEpisodes, double evalReturn, double evalStandardError,
                        String sharingSet, double beta, long stepsUsed) {}
