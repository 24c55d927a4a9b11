package org.gposuite.pg;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ObsNormalizer;
import org.gposuite.nn.kernel.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The policy loss of PPO (Eq. 3/5) and A2C (Eq. 4/6) with data sharing, and its gradient.
 *
 * <p>For policy i with batches j in S_i (its own first):
 * <pre>
 *   L(theta) = -(1/|S_i|) sum_j mean_{t in j} [ pi_theta(a_t|s_t) / pi_j_old(a_t|s_t) * A_t ]
 *              + beta * mean_{t in own} KL[ pi_i_old(.|s_t) || pi_theta(.|s_t) ]
 * </pre>
 * For j = i the weight is PPO's usual ratio, exactly 1 before the first step; A2C is beta = 0 and
 * one step, where the gradient of the ratio equals grad log pi * A (Eq. 4). We average the per-batch
 * terms over S_i (the paper writes a sum) so the penalty's weight does not shrink as more
 * neighbours share; with Adam the overall scale would hardly matter anyway. That is Eq. 5 as written
 * ({@link SharingRule#LITERAL}); {@link #prepare(GaussianPolicy, List, List, SharingRule)} can bound
 * the shared rows' ratios (truncated, clipped) or extend the penalty to their states (penalised).
 */
public final class Surrogate {
  private Surrogate() {}

  /** @param loss L above; @param surrogate the advantage term without sign; @param kl mean KL[old || new] on own data */
  public record Result(double loss, double surrogate, double kl) {}

  /**
   * Advantages of a batch, standardised to mean 0 and std 1 (the sample std, n - 1) if asked:
   * a new array, in Java (nd4j's mean, std, sub and divide cost ~0.2 ms per update in fixed costs).
   */
  public static INDArray advantages(Batch b, boolean normalize) {
    if (!normalize) return b.advantages();
    INDArray a = b.advantages();
    int n = (int) a.length();
    double[] v = HostArrays.read(a, new double[n]);
    double mu = 0;
    for (double x : v) mu += x;
    mu /= n;
    double ss = 0;
    for (double x : v) ss += (x - mu) * (x - mu);
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    for (int i = 0; i < n; i++) v[i] = (v[i] - mu) / (sd + 1e-8);
    return HostArrays.write(v, Nd4j.create(a.dataType(), a.shape()));
  }

  /** {@link #advantages(Batch, boolean)} of each batch, in order (each batch standardised on its own). */
  public static List<INDArray> advantages(List<Batch> batches, boolean normalize) {
    List<INDArray> adv = new ArrayList<>(batches.size());
    for (Batch b : batches) adv.add(advantages(b, normalize));
    return adv;
  }

  /** Per-row importance weights pi(a|s) / pi_old(a|s) of a batch under the current policy, {@code [B, 1]}. */
  public static INDArray importanceWeights(GaussianPolicy pi, Batch b) {
    // the kernel's log-prob, the same arithmetic as the collector's stored old log-probs
    INDArray logp = SurrogateKernel.logProb(pi.mean(b.obs()), pi.logStd(), b.actions());
    return org.nd4j.linalg.ops.transforms.Transforms.exp(logp.subi(b.oldLogProb()), false);
  }

  /**
   * Computes L and writes dL/dtheta to {@code pi.grads()}.
   * @param batches own batch first, then the shared ones
   * @param advantages per batch, same order (see {@link #advantages})
   */
  public static Result lossAndGradient(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages, double beta) {
    return lossAndGradient(pi, prepare(pi, batches, advantages), beta);
  }

  /**
   * The batches of one update, read once into the plain-Java Gaussian kernel's arrays and with
   * the gradient buffers it needs, so repeated epochs neither re-read nor allocate.
   */
  public static final class Prepared {
    private final List<SurrogateKernel> kernels;
    private final INDArray acc, dLogStdArr;
    private final double[] dLogStd;
    private final DataType dtype;
    /** Each batch's observations normalised once (every epoch would otherwise redo it), and by what. */
    private final INDArray[] normObs;
    private ObsNormalizer normalizer;
    private long normVersion;

    private Prepared(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages, SharingRule rule) {
      checkArgs(batches, advantages);
      dtype = pi.dataType();
      kernels = new ArrayList<>(batches.size());
      for (int j = 0; j < batches.size(); j++) kernels.add(new SurrogateKernel(batches.get(j), advantages.get(j), dtype));
      normObs = new INDArray[batches.size()];
      normalizeFor(pi);
      for (int j = 1; j < batches.size(); j++) {
        SurrogateKernel k = kernels.get(j);
        k.treatAsShared(rule);
        // the policy as it is now, before this update's first step, is what PENALISED holds it near
        if (rule.mode() == SharingRule.Mode.PENALISED) k.anchorPenalty(pi.meanOfNormalized(normObs[j]), pi.logStdValues());
      }
      acc = batches.size() > 1 ? pi.grads().like() : null;
      dLogStd = new double[pi.actDim()];
      dLogStdArr = Nd4j.create(dtype, 1, pi.actDim());
    }

    public int numBatches() { return kernels.size(); }

    /** Mean KL[pi_i_old || pi] over the own batch (the first), for the policy as it is now: one forward. */
    public double ownKl(GaussianPolicy pi) {
      return kernels.get(0).klMean(pi.meanOfNormalized(normalizedObs(pi, 0)), pi.logStdValues());
    }

    /** Batch j's observations normalised by {@code pi}'s normaliser, redone only if its statistics changed. */
    INDArray normalizedObs(GaussianPolicy pi, int j) {
      if (pi.normalizer() != normalizer || pi.normalizer().version() != normVersion) normalizeFor(pi);
      return normObs[j];
    }

    private void normalizeFor(GaussianPolicy pi) {
      normalizer = pi.normalizer();
      normVersion = normalizer.version();
      for (int j = 0; j < normObs.length; j++) normObs[j] = pi.normalize(kernels.get(j).batch.obs());
    }
  }

  /** Prepares {@code batches} (own first) and their advantages for {@link #lossAndGradient(GaussianPolicy, Prepared, double)}: Eq. 5 as written. */
  public static Prepared prepare(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages) {
    return new Prepared(pi, batches, advantages, SharingRule.LITERAL);
  }

  /** {@link #prepare(GaussianPolicy, List, List)} with the shared batches' rows under {@code rule} ({@link SharingRule}). */
  public static Prepared prepare(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages, SharingRule rule) {
    return new Prepared(pi, batches, advantages, rule);
  }

  /**
   * Same L and gradient as {@link #lossAndGradient(GaussianPolicy, List, List, double)}: the MLP
   * forward/backward on nd4j, the per-row Gaussian math in {@link SurrogateKernel}.
   */
  public static Result lossAndGradient(GaussianPolicy pi, Prepared p, double beta) {
    if (pi.dataType() != p.dtype)
      throw new IllegalArgumentException("Surrogate: prepared for " + p.dtype + " but the policy is " + pi.dataType() + "; prepare again");
    int k = p.kernels.size();
    double[] logStd = pi.logStdValues().clone();
    double surrogate = 0, kl = 0, sharedPenalty = 0;
    for (int j = 0; j < k; j++) {
      SurrogateKernel kern = p.kernels.get(j);
      long n = kern.batch.size();
      INDArray mean = pi.meanOfNormalized(p.normalizedObs(pi, j));
      java.util.Arrays.fill(p.dLogStd, 0.0);
      boolean penalty = j == 0 || kern.penalised;
      SurrogateKernel.Out o = kern.run(mean, logStd, 1.0 / (n * (double) k), penalty, penalty ? beta / n : 0.0, p.dLogStd);
      surrogate += o.surrogateSum() / (n * (double) k);
      if (j == 0) kl = o.klMean();
      else if (kern.penalised) sharedPenalty += o.klMean();
      for (int a = 0; a < p.dLogStd.length; a++) p.dLogStdArr.putScalar(a, p.dLogStd[a]);
      pi.backward(kern.dMeanArray, p.dLogStdArr);
      if (p.acc != null) {
        if (j == 0) p.acc.assign(pi.grads());
        else p.acc.addi(pi.grads());
      }
    }
    if (p.acc != null) pi.grads().assign(p.acc);
    return new Result(-surrogate + beta * (kl + sharedPenalty), surrogate, kl);
  }

  /** The argument checks of every path, its test-scope reference's included. */
  static void checkArgs(List<Batch> batches, List<INDArray> advantages) {
    if (batches.isEmpty() || batches.size() != advantages.size())
      throw new IllegalArgumentException("Surrogate: need one advantage array per batch and at least the own batch");
  }

  static List<Batch> ownFirst(Batch own, List<Batch> shared) {
    List<Batch> all = new ArrayList<>(1 + shared.size());
    all.add(own);
    for (Batch b : shared) if (b != own) all.add(b);
    return all;
  }
}
