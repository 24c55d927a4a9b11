package org.gposuite.nn;

import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gposuite.nn.kernel.FloatTanh;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.NativeArithmetic;
import org.gposuite.nn.kernel.Shuffle;
import org.gposuite.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * State-value baseline of the paper (Sec. 4.1): MLP 32-32 tanh, scalar linear output. It reads
 * observations through the normaliser of the policy it serves (shared instance).
 */
public final class ValueFunction {
  static {
    NativeArithmetic.pin(); // before this class makes its first nd4j array: OpenBLAS loads with it
  }

  public static final int[] PAPER_HIDDEN = {32, 32};
  private final int obsDim;
  private final DataType dtype;
  private final INDArray params, grads;
  private final MlpNetwork mlp;
  private final NetworkInput input;
  private final Map<Long, INDArray> errBuffers = new HashMap<>();

  public ValueFunction(int obsDim, int[] hidden, DataType dtype, long seed, ObsNormalizer normalizer) {
    this(obsDim, hidden, dtype, seed, normalizer, NetworkBackend.OURS);
  }

  /** As above, the network computed by {@code backend}. */
  public ValueFunction(int obsDim, int[] hidden, DataType dtype, long seed, ObsNormalizer normalizer, NetworkBackend backend) {
    input = new NetworkInput("ValueFunction", obsDim, dtype, normalizer);
    this.obsDim = obsDim;
    this.dtype = dtype;
    int[] sizes = Mlp.layerSizes(obsDim, hidden, 1);
    long p = Mlp.numParams(sizes);
    params = Nd4j.create(dtype, 1, p);
    grads = Nd4j.create(dtype, 1, p);
    mlp = backend.mlp(sizes, params, grads);
    mlp.initialize(new SplitMix64(seed), 1.0);
  }

  public INDArray params() { return params; }
  public INDArray grads() { return grads; }
  public DataType dataType() { return dtype; }

  /** V(s) for raw observations {@code [n, obsDim]}: {@code [n, 1]}, an internal buffer. */
  public INDArray predict(INDArray rawObs) {
    return mlp.forward(input.normalizedInBuffer("predict", rawObs));
  }

  /** V(s) for observations already normalised (by the shared normaliser): {@code [n, 1]}, an internal buffer. */
  public INDArray predictNormalized(INDArray normObs) {
    return mlp.forward(input.checked("predictNormalized", normObs));
  }

  /** Mean squared error of V against {@code targets} ({@code [n, 1]}); writes its gradient. */
  public double lossAndGradient(INDArray rawObs, INDArray targets) {
    return lossAndGradientNormalized(input.normalizedCopy("lossAndGradient", rawObs), targets);
  }

  private double lossAndGradientNormalized(INDArray normObs, INDArray targets) {
    INDArray v = predictNormalized(normObs);
    if (targets.rank() != 2 || targets.size(0) != v.size(0) || targets.size(1) != 1)
      throw new IllegalArgumentException("ValueFunction: expected targets [" + v.size(0) + ", 1], got " + java.util.Arrays.toString(targets.shape()));
    // the error goes into a buffer kept per batch size: the fit's steps allocate nothing here
    INDArray err = errBuffers.computeIfAbsent(v.size(0), n -> Nd4j.create(v.dataType(), n, 1));
    double loss;
    if (FloatTanh.applicable(v) && FloatTanh.applicable(targets)) {
      // one Java pass instead of nd4j's sub, norm2 and scale (three fixed per-op costs)
      loss = squaredErrorGradient(v, targets, err);
    } else {
      v.sub(targets, err);
      double norm = err.norm2Number().doubleValue();
      loss = norm * norm / err.length();
      err.muli(2.0 / err.length());
    }
    mlp.backward(err);
    return loss;
  }

  /** err = (v - y) * 2 / n, the gradient of the mean squared error; returns that error. FLOAT, plain buffers. */
  private static double squaredErrorGradient(INDArray v, INDArray y, INDArray err) {
    java.nio.FloatBuffer vb = v.data().asNioFloat(), yb = y.data().asNioFloat(), eb = err.data().asNioFloat();
    int n = (int) v.length();
    float scale = (float) (2.0 / n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = vb.get(i) - yb.get(i);
      sum += (double) e * e;
      eb.put(i, e * scale);
    }
    // the NIO views do not hold the arrays, whose memory nd4j frees once they are collected
    Reference.reachabilityFence(v);
    Reference.reachabilityFence(y);
    Reference.reachabilityFence(err);
    return sum / n;
  }

  /**
   * How a fit runs: {@code epochs} passes over the data in minibatches of {@code minibatch} rows (the
   * last partial one included), shuffled by {@code shuffle} each epoch, each an Adam step of {@code optimizer}.
   */
  public record Fitting(int epochs, int minibatch, AdamOptimizer optimizer, RandomGenerator shuffle) {}

  /**
   * Fits V to {@code targets} by Adam on the squared error, as {@code f} says.
   * The observations are normalised once, not per step: the statistics cannot change inside.
   * @return the loss of the last minibatch
   */
  public double fit(INDArray rawObs, INDArray targets, Fitting f) {
    return fitNormalized(input.normalizedCopy("fit", rawObs), targets, f);
  }

  /**
   * {@link #fit} on observations already normalised by the shared normaliser (e.g. the policy
   * update's copy of the batch). It does not read the normaliser, so the normaliser may be updated
   * while this runs on another thread.
   */
  public double fitNormalized(INDArray normObs, INDArray targets, Fitting f) {
    return fitInMinibatches(normObs, targets, null, f);
  }

  /**
   * {@link #fitNormalized} on {@link #weightedLossAndGradientNormalized}: the same epochs, shuffled
   * minibatches and random stream, each row weighted. A critic that learns from its sharing set's
   * batches too is fitted this way, as Joint's critic is on its one large batch (so it takes as many
   * Adam steps per row as Joint's, not one per epoch).
   */
  public double fitNormalizedWeighted(INDArray normObs, INDArray targets, INDArray weights, Fitting f) {
    return fitInMinibatches(normObs, targets, weights, f);
  }

  /**
   * The fit of both: {@code weights} null = every row counts once. Each minibatch's rows are copied
   * into buffers of their own (kept per minibatch size for the fit), so a step's loss sees plain
   * arrays and runs as one Java pass; the rows and their order are those of a pull of the shuffled
   * epoch sliced into minibatches, so the steps are the same.
   */
  private double fitInMinibatches(INDArray normObs, INDArray targets, INDArray weights, Fitting f) {
    int n = (int) normObs.size(0), epochs = f.epochs(), minibatch = f.minibatch();
    AdamOptimizer opt = f.optimizer();
    if (targets.size(0) != n) throw new IllegalArgumentException("ValueFunction.fit: " + n + " observations but " + targets.size(0) + " targets");
    if (minibatch <= 0 || epochs < 0) throw new IllegalArgumentException("ValueFunction.fit: minibatch must be > 0 and epochs >= 0");
    input.checked("fit", normObs);
    double loss = Double.NaN;
    if (minibatch >= n) { // one full-batch step per epoch, nothing shuffled
      for (int e = 0; e < epochs; e++) {
        loss = lossAndGradientNormalized(normObs, targets, weights);
        opt.step();
      }
      return loss;
    }
    Map<Integer, INDArray[]> buffers = new HashMap<>(); // minibatch size -> its rows' observations, targets, weights
    INDArray xs = plainCopy(normObs), ys = plainCopy(targets), ws = weights == null ? null : plainCopy(weights);
    try {
      int[] idx = Shuffle.identity(n);
      for (int e = 0; e < epochs; e++) {
        Shuffle.permute(idx, f.shuffle());
        for (int s = 0; s < n; s += minibatch) {
          int end = Math.min(n, s + minibatch);
          INDArray[] b = buffers.computeIfAbsent(end - s, m -> new INDArray[] {Nd4j.create(dtype, m, obsDim),
              Nd4j.create(targets.dataType(), m, 1), weights == null ? null : Nd4j.create(weights.dataType(), m, 1)});
          HostArrays.gatherRows(xs, idx, s, end, b[0]);
          HostArrays.gatherRows(ys, idx, s, end, b[1]);
          if (ws != null) HostArrays.gatherRows(ws, idx, s, end, b[2]);
          loss = lossAndGradientNormalized(b[0], b[1], b[2]);
          opt.step();
        }
      }
    } finally {
      // nd4j frees native memory only when the garbage collector collects the arrays, and these weigh
      // little on the heap, so a long run of fits would outgrow the machine: freed now
      for (INDArray[] b : buffers.values())
        for (INDArray a : b) if (a != null) a.close();
      if (xs != normObs) xs.close();
      if (ys != targets) ys.close();
      if (ws != null && ws != weights) ws.close();
    }
    return loss;
  }

  /** {@code a} itself when its rows can be copied directly (a plain buffer), else a c-order copy. */
  private static INDArray plainCopy(INDArray a) {
    return HostArrays.plain(a) ? a : a.dup('c');
  }

  /** The unweighted or the weighted loss of one step ({@code weights} null: unweighted). */
  private double lossAndGradientNormalized(INDArray normObs, INDArray targets, INDArray weights) {
    return weights == null ? lossAndGradientNormalized(normObs, targets) : weightedLossAndGradientNormalized(normObs, targets, weights);
  }

  /**
   * Weighted mean squared error sum_k w_k (V(s_k) - y_k)^2 / sum_k w_k on observations already
   * normalised; writes its gradient. For a critic that also learns from other policies' batches,
   * each shared row weighted by its importance weight.
   * @param weights {@code [n, 1]}, non-negative, not all zero
   */
  public double weightedLossAndGradientNormalized(INDArray normObs, INDArray targets, INDArray weights) {
    INDArray v = predictNormalized(normObs);
    if (targets.rank() != 2 || targets.size(0) != v.size(0) || targets.size(1) != 1 || !java.util.Arrays.equals(weights.shape(), targets.shape()))
      throw new IllegalArgumentException("ValueFunction: expected targets and weights [" + v.size(0) + ", 1], got "
          + java.util.Arrays.toString(targets.shape()) + " and " + java.util.Arrays.toString(weights.shape()));
    double total = weights.sumNumber().doubleValue();
    if (!(total > 0)) throw new IllegalArgumentException("ValueFunction: the weights sum to " + total + "; at least one must be > 0");
    if (FloatTanh.applicable(v) && FloatTanh.applicable(targets) && FloatTanh.applicable(weights)) {
      // one Java pass instead of nd4j's five ops and two arrays per step
      INDArray err = errBuffers.computeIfAbsent(v.size(0), n -> Nd4j.create(v.dataType(), n, 1));
      double loss = weightedSquaredErrorGradient(v, targets, weights, (float) (2.0 / total), err);
      mlp.backward(err);
      return loss / total;
    }
    INDArray diff = v.sub(targets);
    double loss = diff.mul(diff).muli(weights).sumNumber().doubleValue() / total;
    mlp.backward(diff.muli(weights).muli(2.0 / total));
    return loss;
  }

  /**
   * err = (v - y) w * scale, the weighted squared error's gradient, rounded as nd4j's sub, mul and
   * scalar mul round it; returns sum w (v - y)^2. FLOAT, plain buffers.
   */
  private static double weightedSquaredErrorGradient(INDArray v, INDArray y, INDArray w, float scale, INDArray err) {
    java.nio.FloatBuffer vb = v.data().asNioFloat(), yb = y.data().asNioFloat(), wb = w.data().asNioFloat(), eb = err.data().asNioFloat();
    int n = (int) v.length();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = vb.get(i) - yb.get(i);
      float ew = e * wb.get(i);
      sum += (double) ew * e;
      eb.put(i, ew * scale);
    }
    Reference.reachabilityFence(v); // as in squaredErrorGradient
    Reference.reachabilityFence(y);
    Reference.reachabilityFence(w);
    Reference.reachabilityFence(err);
    return sum;
  }

  public void copyFrom(ValueFunction other) { params.assign(other.params); }
}
