package org.gposuite.gpo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.kernel.Shuffle;
import org.gposuite.pg.WorkClock;
import org.gposuite.random.SplitMix64;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SELECT (Sec. 3.3.3). Candidates are the ordered couples (x, y) of the m policies: all m^2 with
 * self-couples, m(m-1) without. Per candidate:
 * <ul>
 *   <li>performance P(x, y) = R_x + R_y, R = the policy's estimated expected return (mean return of
 *       the episodes that finished in its last mutation window; no extra rollouts);</li>
 *   <li>diversity D(x, y) = KL[pi_x || pi_y], mean over pooled states of the closed-form Gaussian KL;</li>
 *   <li>fitness = (1 - w) P' + w D', where P', D' are P, D min-max scaled to [0, 1] over the candidates
 *       (returns and KLs have unrelated units) and w is the round's diversity weight.</li>
 * </ul>
 * With S the m fittest candidates are returned, ties broken by (x, y) ascending; without S a
 * uniformly random m-subset of the same candidates. A couple is ordered: x is the first parent.
 */
public final class Selection {
  private final SelectionSection section;
  private final int rounds;

  /** @param rounds k, over which the diversity weight moves from its first to its last value */
  Selection(SelectionSection section, int rounds) {
    this.section = section;
    this.rounds = rounds;
  }

  static Selection of(GpoConfig cfg) {
    return new Selection(cfg.selection(), cfg.rounds());
  }

  /** A chosen couple and its fitness terms. */
  public record Couple(int x, int y, double fitness, double performance, double diversity) {}

  /**
   * How {@link #select} chooses.
   *
   * @param diversityWeight w in [0, 1]
   * @param count number of couples to return (m in GPO)
   * @param allowSelfPairs whether (x, x) is a candidate
   * @param byFitness flag S; false = random couples
   */
  public record Rule(double diversityWeight, int count, boolean allowSelfPairs, boolean byFitness) {}

  /**
   * SELECT's inputs and choice in one round.
   *
   * @param fitness each mutated policy's estimated expected return R, by slot
   * @param kl KL[pi_x || pi_y] of every ordered pair on the pooled states of their last batches ({@link #klMatrix})
   * @param couples the m chosen couples, in the order CROSSOVER makes their children
   */
  record Result(double[] fitness, double[][] kl, List<Couple> couples) {}

  /** SELECT over the round's mutated population: fitness and diversity, then m couples. */
  Result apply(RoundContext ctx, Mutation.RoundResult mutated) {
    List<Mutation.Outcome> outcomes = mutated.outcomes();
    double[] fitness = new double[outcomes.size()];
    for (int i = 0; i < fitness.length; i++) {
      fitness[i] = outcomes.get(i).fitnessReturn();
      if (Double.isNaN(fitness[i]))
        throw new IllegalStateException("GPO round " + ctx.round() + ": policy " + i + " finished no episode in its last " + outcomes.get(i).window().size()
            + " batches, so its fitness return is unknown; raise windowBatches or the round budget, lower the horizon, or use EVALUATION fitness");
    }
    List<GaussianPolicy> policies = ctx.population().stream().map(Member::policy).toList();
    double[][] kl = WorkClock.time(WorkClock.Kind.KL_SELECT,
        () -> klMatrix(policies, Mutation.pooledStates(outcomes.stream().map(Mutation.Outcome::lastBatch).toList())));
    Rule rule = new Rule(section.diversityWeight(ctx.round(), rounds), ctx.size(), section.allowSelfPairs(), section.byFitness());
    List<Couple> couples = WorkClock.time(WorkClock.Kind.KL_SELECT,
        () -> select(fitness, kl, rule, new SplitMix64(ctx.seed(0, Seeds.Purpose.SELECT))));
    return new Result(fitness, kl, couples);
  }

  /** {@code kl[x][y]} = mean over {@code states} of KL[pi_x(.|s) || pi_y(.|s)]. */
  public static double[][] klMatrix(List<GaussianPolicy> policies, INDArray states) {
    int m = policies.size();
    INDArray[] means = new INDArray[m];
    for (int i = 0; i < m; i++) means[i] = policies.get(i).mean(states).dup();
    double[][] kl = new double[m][m];
    for (int x = 0; x < m; x++)
      for (int y = 0; y < m; y++)
        if (x != y) kl[x][y] = DiagGaussian.kl(means[x], policies.get(x).logStd(), means[y], policies.get(y).logStd()).meanNumber().doubleValue();
    return kl;
  }

  /**
   * @param returns estimated expected return of each policy
   * @param kl diversity matrix (see {@link #klMatrix})
   * @param rng draws the random couples when {@code rule.byFitness()} is false
   */
  public static List<Couple> select(double[] returns, double[][] kl, Rule rule, RandomGenerator rng) {
    double diversityWeight = rule.diversityWeight();
    int count = rule.count();
    boolean allowSelfPairs = rule.allowSelfPairs();
    int m = returns.length;
    if (kl.length != m) throw new IllegalArgumentException("Selection: " + m + " returns but a " + kl.length + "-row KL matrix");
    if (!(diversityWeight >= 0 && diversityWeight <= 1)) throw new IllegalArgumentException("Selection: diversity weight must be in [0, 1], got " + diversityWeight);
    for (int i = 0; i < m; i++)
      if (!Double.isFinite(returns[i])) throw new IllegalArgumentException("Selection: return of policy " + i + " is " + returns[i] + "; every policy needs a finite return estimate");
    List<int[]> cand = new ArrayList<>();
    for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) if (allowSelfPairs || x != y) cand.add(new int[] {x, y});
    if (count <= 0 || count > cand.size())
      throw new IllegalArgumentException("Selection: asked for " + count + " couples but there are " + cand.size() + " candidates");
    double pMin = Double.POSITIVE_INFINITY, pMax = Double.NEGATIVE_INFINITY, dMin = Double.POSITIVE_INFINITY, dMax = Double.NEGATIVE_INFINITY;
    for (int[] c : cand) {
      double p = returns[c[0]] + returns[c[1]], d = kl[c[0]][c[1]];
      pMin = Math.min(pMin, p); pMax = Math.max(pMax, p);
      dMin = Math.min(dMin, d); dMax = Math.max(dMax, d);
    }
    List<Couple> scored = new ArrayList<>(cand.size());
    for (int[] c : cand) {
      double p = returns[c[0]] + returns[c[1]], d = kl[c[0]][c[1]];
      double f = (1 - diversityWeight) * scale(p, pMin, pMax) + diversityWeight * scale(d, dMin, dMax);
      scored.add(new Couple(c[0], c[1], f, p, d));
    }
    if (rule.byFitness()) {
      // Stable sort keeps the (x, y) ascending order among equal fitness.
      scored.sort(Comparator.comparingDouble(Couple::fitness).reversed());
    } else {
      Shuffle.permute(scored, rng);
    }
    return new ArrayList<>(scored.subList(0, count));
  }

  private static double scale(double v, double min, double max) {
    return max > min ? (v - min) / (max - min) : 0.0;
  }
}
