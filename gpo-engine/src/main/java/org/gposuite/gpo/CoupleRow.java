package org.gposuite.gpo;

/**
 * One couple of a round and its child (Fig. 3a data). Returns of parents and children are the
 * diagnostic evaluations (NaN when off); fitness terms as in {@link Selection}.
 *
 * @param childKind "state-space" (C), "copy" (no C) or "self-copy" (a couple (x, x) under C)
 * @param strongerParent slot of the parent with the higher fitness return
 * @param initParent slot of the parent the child started from (CrossoverSection.childInit; for a fresh child, the parent pi_H followed most)
 * @param paramChildReturn evaluated return of the naive parameter-space child, NaN unless asked
 * @param pisStates, keptX, keptY size of pi_S's data and how many trajectories of each parent it kept
 * @param shareY share of expert-labelled states for which pi_H chose parent y
 * @param daggerInitialKl, daggerFinalKl mean KL[child || expert label] over the DAgger data before / after
 * @param daggerSteps environment steps of this crossover's DAgger rollouts
 */
public record CoupleRow(int round, int couple, int x, int y, double fitness, double performance, double diversity, String childKind,
                        int strongerParent, int initParent, double xReturn, double yReturn, double childReturn, double paramChildReturn,
                        int pisStates, int keptX, int keptY, double pisFirstLoss, double pisLastLoss, double shareY,
                        double daggerInitialKl, double daggerFinalKl, long daggerSteps) {}
