package org.gposuite.pg;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sharing sets of Eq. 5/6: S_i = { j : KL[pi_i, pi_j] < epsilon }, i included, measured
 * before a round of mutation. The paper leaves the KL estimate open; ours is the mean over the
 * states of pi_i's latest batch of the closed-form KL[pi_i(.|s) || pi_j(.|s)] — the states where
 * pi_i would use pi_j's gradient information.
 */
public final class DataSharing {
  private DataSharing() {}

  /**
   * What a shared batch looks like to the policy about to learn from it, at the time of use.
   *
   * @param kl mean over the batch's states of KL[pi_i(.|s) || pi_j_old(.|s)] (pi_j_old = the collecting policy)
   * @param essFraction effective sample size of the importance weights w = pi_i(a|s) / pi_j_old(a|s) over the
   *        batch's length, (sum w)^2 / (n sum w^2): 1 when every weight is equal, 1/n when one row holds all
   * @param maxWeight the largest w
   */
  public record SharedBatchStats(double kl, double essFraction, double maxWeight) {}

  /**
   * {@link SharedBatchStats} of batch {@code b} for policy {@code pi} as it is now: one forward of pi on
   * the batch's states, the rest in plain Java (the log-density is the collector's arithmetic, so a
   * policy's own fresh batch has weights of exactly 1).
   */
  public static SharedBatchStats measure(GaussianPolicy pi, Batch b) {
    INDArray mean = pi.mean(b.obs()).dup();
    double kl = DiagGaussian.kl(mean, pi.logStd(), b.oldMean(), b.oldLogStd()).meanNumber().doubleValue();
    double[] logp = org.gposuite.nn.kernel.HostArrays.read(SurrogateKernel.logProb(mean, pi.logStd(), b.actions()), new double[b.size()]);
    double[] old = org.gposuite.nn.kernel.HostArrays.read(b.oldLogProb(), new double[b.size()]);
    // weights relative to the largest, so that far off-policy rows (log-ratios of hundreds) neither overflow nor vanish
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < logp.length; r++) maxLog = Math.max(maxLog, logp[r] - old[r]);
    double sum = 0, sumSq = 0;
    for (int r = 0; r < logp.length; r++) {
      double w = Math.exp(logp[r] - old[r] - maxLog);
      sum += w;
      sumSq += w * w;
    }
    return new SharedBatchStats(kl, sum * sum / (logp.length * sumSq), Math.exp(maxLog));
  }

  /** Mean over {@code states} ({@code [n, obsDim]} raw) of KL[p(.|s) || q(.|s)]. */
  public static double meanKl(GaussianPolicy p, GaussianPolicy q, INDArray states) {
    INDArray mp = p.mean(states).dup();
    INDArray mq = q.mean(states);
    return DiagGaussian.kl(mp, p.logStd(), mq, q.logStd()).meanNumber().doubleValue();
  }

  /**
   * For each policy i, the indices j (i first, then ascending) with KL[pi_i, pi_j] < epsilon on
   * {@code states.get(i)}. Each policy's means over a state array are computed once and reused
   * for every pair that reads them (GPO passes one pooled array for all i: m forwards instead of
   * 2m(m-1)); the KL values are bit for bit those of {@link #meanKl} per pair ({@link #neighboursPairwise}).
   */
  public static List<List<Integer>> neighbours(List<GaussianPolicy> policies, List<INDArray> states, double epsilon) {
    check(policies, states, epsilon);
    int m = policies.size();
    java.util.Map<INDArray, INDArray[]> meansOf = new java.util.IdentityHashMap<>();
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      INDArray si = states.get(i);
      INDArray[] means = meansOf.computeIfAbsent(si, k -> new INDArray[m]);
      List<Integer> s = new ArrayList<>();
      s.add(i);
      for (int j = 0; j < m; j++) {
        if (j == i) continue;
        GaussianPolicy p = policies.get(i), q = policies.get(j);
        if (means[i] == null) means[i] = p.mean(si).dup();
        if (means[j] == null) means[j] = q.mean(si).dup();
        if (DiagGaussian.kl(means[i], p.logStd(), means[j], q.logStd()).meanNumber().doubleValue() < epsilon) s.add(j);
      }
      out.add(s);
    }
    return out;
  }

  /** {@link #neighbours} with two forwards per pair ({@link #meanKl}): the reference it is tested and benchmarked against. */
  public static List<List<Integer>> neighboursPairwise(List<GaussianPolicy> policies, List<INDArray> states, double epsilon) {
    check(policies, states, epsilon);
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      List<Integer> s = new ArrayList<>();
      s.add(i);
      for (int j = 0; j < policies.size(); j++)
        if (j != i && meanKl(policies.get(i), policies.get(j), states.get(i)) < epsilon) s.add(j);
      out.add(s);
    }
    return out;
  }

  private static void check(List<GaussianPolicy> policies, List<INDArray> states, double epsilon) {
    if (policies.size() != states.size()) throw new IllegalArgumentException("DataSharing.neighbours: one state batch per policy needed");
    if (!(epsilon >= 0)) throw new IllegalArgumentException("DataSharing.neighbours: epsilon must be >= 0, got " + epsilon);
  }
}
