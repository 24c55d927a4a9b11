package org.gposuite.reproduce.store;

/**
 * One crossover of the Fig. 3a experiment: the returns of two parents and of the two children
 * made from them, one by state-space crossover (GPO's), one by parameter-space crossover
 * (mixing the parents' weights).
 */
public record CrossoverTrial(int pair, double parentA, double parentB,
    double stateSpaceChild, double parameterSpaceChild) {

  public CrossoverTrial {
    if (pair < 0) throw new IllegalArgumentException("crossover pair index must be >= 0, got " + pair);
    for (double v : new double[] {parentA, parentB, stateSpaceChild, parameterSpaceChild}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("crossover pair " + pair + " has a non-finite return " + v);
      }
    }
  }

  public double betterParent() {
    return Math.max(parentA, parentB);
  }

  public double worseParent() {
    return Math.min(parentA, parentB);
  }
}
