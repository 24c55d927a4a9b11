package org.gposuite.nn;

import java.util.HashMap;
import java.util.Map;
import org.gposuite.nn.kernel.DimensionOps;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.NativeArithmetic;
import org.gposuite.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Parent-choice policy pi_S(parent | s) of GPO's state-space crossover (Sec. 3.3.1): MLP 32-32
 * tanh with a softmax over the two parents (column 0 = parent x, column 1 = parent y). Trained
 * by weighted maximum likelihood (paper Eq. 1):
 * {@code loss = -(1/n) sum_s w_s log pi_S(label_s | s)}.
 */
public final class BinaryPolicy {
  static {
    NativeArithmetic.pin(); // before this class makes its first nd4j array: OpenBLAS loads with it
  }

  public static final int[] PAPER_HIDDEN = {32, 32};
  private final DataType dtype;
  private final INDArray params, grads;
  private final NetworkBackend backend;
  private final MlpNetwork mlp;
  private final NetworkInput input;

  /** @param normalizer input normaliser (its own, or a parent's); disabled = raw inputs */
  public BinaryPolicy(int obsDim, int[] hidden, DataType dtype, long seed, ObsNormalizer normalizer) {
    this(obsDim, hidden, dtype, seed, normalizer, NetworkBackend.OURS);
  }

  /** As above, the network computed by {@code backend}. */
  public BinaryPolicy(int obsDim, int[] hidden, DataType dtype, long seed, ObsNormalizer normalizer, NetworkBackend backend) {
    input = new NetworkInput("BinaryPolicy", obsDim, dtype, normalizer);
    this.dtype = dtype;
    this.backend = backend;
    int[] sizes = Mlp.layerSizes(obsDim, hidden, 2);
    long p = Mlp.numParams(sizes);
    params = Nd4j.create(dtype, 1, p);
    grads = Nd4j.create(dtype, 1, p);
    mlp = backend.mlp(sizes, params, grads);
    mlp.initialize(new SplitMix64(seed), 0.01);
  }

  public INDArray params() { return params; }
  public INDArray grads() { return grads; }
  public ObsNormalizer normalizer() { return input.normalizer(); }
  /** Who computes the network. */
  public NetworkBackend backend() { return backend; }
  /** Layer widths, input first, the two outputs last. */
  public int[] layerSizes() { return mlp.sizes(); }

  /** pi_S(. | s) for raw observations {@code [n, obsDim]}: a new {@code [n, 2]} array. */
  public INDArray probabilities(INDArray rawObs) {
    return Transforms.softmax(mlp.forward(input.normalizedInBuffer("probabilities", rawObs)), true);
  }

  /**
   * Weighted negative log-likelihood (Eq. 1) and its gradient (written to {@link #grads()}).
   * @param oneHot {@code [n, 2]} labels, row = which parent's trajectory the state came from
   * @param weights {@code [n, 1]} per-state weights (the normalised return of its trajectory)
   */
  public double weightedNllAndGradient(INDArray rawObs, INDArray oneHot, INDArray weights) {
    long n = rawObs.size(0);
    if (oneHot.size(0) != n || oneHot.size(1) != 2 || weights.size(0) != n)
      throw new IllegalArgumentException("BinaryPolicy: need oneHot [" + n + ", 2] and weights [" + n + ", 1]");
    INDArray p = probabilities(rawObs);
    double loss = -Transforms.log(DimensionOps.rowSums(p.mul(oneHot)), false).muli(weights).sumNumber().doubleValue() / n;
    // d/dlogits of -w log softmax_label = w (p - onehot)
    INDArray dLogits = DimensionOps.muliColumnVector(p.subi(oneHot), weights).divi(n);
    mlp.backward(dLogits);
    return loss;
  }

  /**
   * The observations as the network sees them: a new {@code [n, obsDim]} array normalised with the
   * current statistics, for {@link #weightedNllAndGradientOfNormalized} (a training loop whose
   * normaliser is fixed normalises its data once).
   */
  public INDArray normalize(INDArray rawObs) {
    return input.normalizedCopy("normalize", rawObs);
  }

  /**
   * {@link #weightedNllAndGradient} for already normalised observations, with labels and weights as
   * Java arrays: the softmax, the loss and dLoss/dlogits are one Java pass into a reused buffer, so a
   * 64-row step costs the MLP's forward and backward and nothing else in nd4j ops.
   *
   * @param normObs {@code [n, obsDim]} from {@link #normalize}; kept by reference until the backward is done
   * @param parent per row, 0 (parent x) or 1 (parent y); at least n entries
   * @param weight per row weight; at least n entries
   */
  public double weightedNllAndGradientOfNormalized(INDArray normObs, int[] parent, double[] weight) {
    int n = (int) input.checked("weightedNllAndGradientOfNormalized", normObs).size(0);
    if (parent.length < n || weight.length < n)
      throw new IllegalArgumentException("BinaryPolicy: need " + n + " labels and weights, got " + parent.length + " and " + weight.length);
    Scratch s = scratch.computeIfAbsent((long) n, k -> new Scratch(n, dtype));
    HostArrays.read(mlp.forward(normObs), s.logits);
    double loss = 0, inv = 1.0 / n;
    for (int r = 0; r < n; r++) {
      double z0 = s.logits[2 * r], z1 = s.logits[2 * r + 1], mx = Math.max(z0, z1);
      double lse = mx + Math.log(Math.exp(z0 - mx) + Math.exp(z1 - mx));
      int y = parent[r];
      if (y != 0 && y != 1) throw new IllegalArgumentException("BinaryPolicy: parent label must be 0 or 1, got " + y + " at row " + r);
      double w = weight[r];
      loss -= w * ((y == 0 ? z0 : z1) - lse);
      // d/dlogits of -w log softmax_label = w (p - onehot)
      s.dLogits[2 * r] = w * (Math.exp(z0 - lse) - (y == 0 ? 1 : 0)) * inv;
      s.dLogits[2 * r + 1] = w * (Math.exp(z1 - lse) - (y == 1 ? 1 : 0)) * inv;
    }
    mlp.backward(HostArrays.write(s.dLogits, s.dLogitsArr));
    return loss * inv;
  }

  private final Map<Long, Scratch> scratch = new HashMap<>();

  private static final class Scratch {
    final double[] logits, dLogits;
    final INDArray dLogitsArr;

    Scratch(int n, DataType t) {
      logits = new double[2 * n];
      dLogits = new double[2 * n];
      dLogitsArr = Nd4j.create(t, n, 2);
    }
  }
}
