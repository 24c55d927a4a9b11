package org.gposuite.gpo;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gposuite.pg.Evaluation;

/**
 * How diverse a round left the population, for rounds.csv: GPO's edge over Single rests on
 * several lineages surviving and on crossovers of parents that differ.
 *
 * @param lineages distinct lineages (round-0 ancestors) among the next population
 * @param largestFamily most children initialised from one parent this round (m = all from one)
 * @param meanPairKl mean of KL[pi_x || pi_y] over the ordered pairs x != y of the mutated population (SELECT's states)
 * @param fitnessPicksBest 1 when the policy with the best fitness is also the best on the diagnostic evaluation,
 *        0 when not, NaN without evaluation
 * @param medianChildParentRatio median over the state-space children of child return / return of the parent it
 *        started from (diagnostic evaluations), NaN without evaluation or crossovers
 */
record Diversity(int lineages, int largestFamily, double meanPairKl, double fitnessPicksBest, double medianChildParentRatio) {

  static Diversity of(List<Member> next, List<Crossover.Child> children, double[][] kl, double[] fitness,
                      Evaluation.Result[] parentEval, Evaluation.Result[] childEval) {
    int m = kl.length;
    int[] family = new int[m];
    for (Crossover.Child c : children) family[c.initParent()]++;
    double klSum = 0;
    for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) if (x != y) klSum += kl[x][y];
    double picks = Double.NaN;
    if (parentEval[0] != null) picks = argmax(fitness) == argmax(Arrays.stream(parentEval).mapToDouble(Evaluation.Result::mean).toArray()) ? 1 : 0;
    double[] ratios = new double[children.size()];
    int n = 0;
    for (int i = 0; i < children.size(); i++) {
      Crossover.Child c = children.get(i);
      if (c.kind().equals("state-space") && childEval[i] != null) ratios[n++] = childEval[i].mean() / parentEval[c.initParent()].mean();
    }
    double median = Double.NaN;
    if (n > 0) {
      double[] r = Arrays.copyOf(ratios, n);
      Arrays.sort(r);
      median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
    }
    return new Diversity(lineages(next), Arrays.stream(family).max().orElse(0), m > 1 ? klSum / (m * (m - 1)) : 0, picks, median);
  }

  /** Only the lineage count (the final MUTATE has no couples). */
  static Diversity ofPopulation(List<Member> population) {
    return new Diversity(lineages(population), 0, Double.NaN, Double.NaN, Double.NaN);
  }

  private static int lineages(List<Member> population) {
    Set<Integer> s = new HashSet<>();
    for (Member mem : population) s.add(mem.lineage());
    return s.size();
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
