package org.gposuite.pg;

import org.gposuite.nn.kernel.GaussianKl;
import org.gposuite.nn.kernel.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-row Gaussian part of {@link Surrogate} in plain Java, for one batch: log-prob of the
 * taken actions under the current policy, the ratio to the collecting policy, the weighted
 * advantage, the KL[old || current] penalty, and their gradients w.r.t. the current mean and
 * log-std. The MLP forward/backward around it stay nd4j.
 *
 * <p>Why it exists: on nd4j the same math is ~40 ops on {@code [B, actDim]} arrays (several of
 * them row reductions, which are slow), ~2 ms per epoch on a 2048 batch — more than the MLP's
 * forward and backward together; here it is one pass over the rows (~0.1 ms). {@code
 * SurrogateKernelTest} checks it against the nd4j path ({@code SurrogateReference}, test scope),
 * {@code PpoEpochKernelBench} measures both. Arithmetic is in double whatever the network's data type.
 *
 * <p>Holds the batch's constant inputs (actions, old log-probs, old means, advantages) as Java
 * arrays, read once and reused by every epoch, and the dL/dmean output buffer.
 */
final class SurrogateKernel {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  final Batch batch;
  final INDArray advantagesArray;
  private final int n, d;
  private final double[] actions, oldLogProb, adv;
  /** The policy the KL penalty holds the update near: the collecting one, unless {@link #anchorPenalty} moved it. */
  private double[] klRefMean, klRefLogStd;
  private final double[] mean, dMean;
  private final boolean singlePrecision;
  /** A shared row's weight is min(ratio, cap) ({@link SharingRule.Mode#TRUNCATED}); infinite = no cap. */
  private double cap = Double.POSITIVE_INFINITY;
  /** PPO's clip range on this batch's rows ({@link SharingRule.Mode#CLIPPED}); 0 = no clipping. */
  private double clip = 0;
  /** Whether the KL penalty covers this batch although it is not the own one ({@link #anchorPenalty}). */
  boolean penalised;
  /** dL/dmean for the MLP backward, {@code [n, d]} of the policy's data type. */
  final INDArray dMeanArray;

  SurrogateKernel(Batch b, INDArray advantages, DataType dtype) {
    batch = b;
    advantagesArray = advantages;
    n = b.size();
    d = (int) b.actions().size(1);
    // straight from the buffers (HostArrays): five nd4j copies cost ~0.3 ms per update
    actions = HostArrays.read(b.actions(), new double[n * d]);
    klRefMean = HostArrays.read(b.oldMean(), new double[n * d]);
    oldLogProb = HostArrays.read(b.oldLogProb(), new double[n]);
    klRefLogStd = HostArrays.read(b.oldLogStd(), new double[d]);
    adv = HostArrays.read(advantages, new double[n]);
    mean = new double[n * d];
    dMean = new double[n * d];
    dMeanArray = Nd4j.create(dtype, n, d);
    singlePrecision = b.oldLogProb().dataType() == DataType.FLOAT;
  }

  /**
   * Makes this (shared) batch's rows follow {@code rule}: TRUNCATED caps the ratio, CLIPPED clips it
   * as PPO does; the other modes leave the rows as Eq. 5 writes them (PENALISED's penalty is set by
   * {@link #anchorPenalty}).
   */
  void treatAsShared(SharingRule rule) {
    if (rule.mode() == SharingRule.Mode.TRUNCATED) cap = rule.truncation();
    if (rule.mode() == SharingRule.Mode.CLIPPED) clip = SharingRule.CLIP_RANGE;
  }

  /**
   * Points the KL penalty of this batch at another policy: {@code anchorMean} {@code [n, d]} on this
   * batch's states and {@code anchorLogStd} (d values), i.e. the updating policy before its update
   * ({@link SharingRule.Mode#PENALISED}).
   */
  void anchorPenalty(INDArray anchorMean, double[] anchorLogStd) {
    penalised = true;
    klRefMean = HostArrays.read(anchorMean, new double[n * d]);
    klRefLogStd = anchorLogStd.clone();
  }

  private double roundTo(double v) { return singlePrecision ? (float) v : v; }

  /**
   * log N(a | mean, exp(logStd)^2) per row as {@code [n, 1]} of {@code mean}'s data type: the same
   * arithmetic as the kernel, so the collector's stored old log-probs match it bit for bit.
   */
  static INDArray logProb(INDArray meanArr, INDArray logStdArr, INDArray actionsArr) {
    int n = (int) meanArr.size(0), d = (int) meanArr.size(1);
    double[] m = HostArrays.read(meanArr, new double[n * d]);
    double[] a = HostArrays.read(actionsArr, new double[n * d]);
    double[] ls = HostArrays.read(logStdArr, new double[d]);
    double[] invVar = new double[d];
    double logNorm = 0;
    for (int j = 0; j < d; j++) {
      invVar[j] = Math.exp(-2 * ls[j]);
      logNorm += -ls[j] - 0.5 * LOG_2PI;
    }
    double[] out = new double[n];
    for (int r = 0; r < n; r++) {
      double q = 0;
      for (int j = 0; j < d; j++) {
        double diff = a[r * d + j] - m[r * d + j];
        q += diff * diff * invVar[j];
      }
      out[r] = -0.5 * q + logNorm;
    }
    return HostArrays.write(out, Nd4j.create(meanArr.dataType(), n, 1));
  }

  /** Per-batch results; the log-std gradient is accumulated into the caller's array. */
  record Out(double surrogateSum, double klMean) {}

  /**
   * @param meanArr current policy mean on this batch's states {@code [n, d]}
   * @param logStd current log-std (d values)
   * @param scale multiplies every row's surrogate gradient: {@code 1 / (n * |S_i|)}
   * @param klWeight gradient weight of the KL penalty per row ({@code beta / n}); the KL value is
   *        computed when {@code withKl}
   * @param dLogStd accumulates dL/dlogStd (d values)
   */
  Out run(INDArray meanArr, double[] logStd, double scale, boolean withKl, double klWeight, double[] dLogStd) {
    HostArrays.read(meanArr, mean);
    double[] invVar = new double[d], varP = new double[d];
    double logNorm = 0;
    for (int j = 0; j < d; j++) {
      invVar[j] = Math.exp(-2 * logStd[j]);
      varP[j] = Math.exp(2 * klRefLogStd[j]);
      logNorm += -logStd[j] - 0.5 * LOG_2PI;
    }
    double surr = 0, kl = 0;
    double[] gls = new double[d];
    for (int r = 0; r < n; r++) {
      int o = r * d;
      double q = 0;
      for (int j = 0; j < d; j++) {
        double diff = actions[o + j] - mean[o + j];
        q += diff * diff * invVar[j];
      }
      // rounded to the stored type like the collector's old log-prob, so that on one's own data
      // before the first step the ratio is exactly 1 (same states, same parameters, same bits)
      double logp = roundTo(-0.5 * q + logNorm);
      double ratio = Math.exp(logp - oldLogProb[r]);
      double w = ratio * adv[r];
      // a truncated or clipped row contributes its bound to the objective and nothing to the gradient
      if (ratio > cap) {
        surr += cap * adv[r];
        w = 0;
      } else if (clip > 0 && (adv[r] >= 0 ? ratio > 1 + clip : ratio < 1 - clip)) {
        surr += (adv[r] >= 0 ? 1 + clip : 1 - clip) * adv[r];
        w = 0;
      } else {
        surr += w;
      }
      double up = -w * scale;
      for (int j = 0; j < d; j++) {
        double diff = actions[o + j] - mean[o + j];
        double g = diff * invVar[j];               // d logp / d mean = (a - m) / s^2
        dMean[o + j] = g * up;
        gls[j] += (diff * g - 1.0) * up;           // d logp / d logStd = (a - m)^2 / s^2 - 1
      }
      if (withKl) { // KL[P = reference || Q = current], differentiated in Q
        for (int j = 0; j < d; j++) {
          double mP = klRefMean[o + j], mQ = mean[o + j];
          kl += GaussianKl.term(klRefLogStd[j], logStd[j], varP[j], mQ - mP, invVar[j]);
          if (klWeight != 0) {
            dMean[o + j] += GaussianKl.gradMeanQ(mP, mQ, invVar[j]) * klWeight;
            gls[j] += GaussianKl.gradLogStdQ(varP[j], mQ - mP, invVar[j]) * klWeight;
          }
        }
      }
    }
    for (int j = 0; j < d; j++) dLogStd[j] += gls[j];
    HostArrays.write(dMean, dMeanArray);
    return new Out(surr, kl / n);
  }

  /**
   * Mean KL[old || current] over this batch's rows for the current policy's mean on its states
   * ({@code [n, d]}) and log-std: the same closed form as {@link org.gposuite.nn.DiagGaussian#kl},
   * in one pass down each column ({@link GaussianKl#columnSum}) instead of ~10 nd4j ops.
   */
  double klMean(INDArray meanArr, double[] logStd) {
    HostArrays.read(meanArr, mean);
    double kl = 0;
    for (int j = 0; j < d; j++) {
      double invVar = Math.exp(-2 * logStd[j]), varP = Math.exp(2 * klRefLogStd[j]);
      double sum = 0;
      for (int r = 0; r < n; r++) {
        double dm = mean[r * d + j] - klRefMean[r * d + j];
        sum += varP + dm * dm;
      }
      kl += GaussianKl.columnSum(n, klRefLogStd[j], logStd[j], sum, invVar);
    }
    return kl / n;
  }
}
