package org.gposuite.gpo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.nn.ObsNormalizer;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.MinibatchTrainer;
import org.gposuite.nn.kernel.Shuffle;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training of the binary policy pi_S(parent | s) by weighted maximum likelihood (Eq. 1, App. 6.3).
 *
 * <p>Data: the two parents' complete trajectories from their last mutation window are pooled and
 * sorted by return; the best {@code topFraction} (rounded up, at least one) are kept. Every state is
 * labelled with the parent whose trajectory holds it and weighted by its trajectory's normalised
 * return: {@code u = R - R_min} with R_min the lowest return in the whole pool (so every kept
 * trajectory has u >= 0 and better ones weigh more, whatever the sign of the returns), then divided
 * by the mean of u over the kept states so the weights average 1 (the loss keeps the scale of plain
 * maximum likelihood, for which Adam's step size was chosen). If all kept u are 0 (all returns
 * equal), every weight is 1.
 *
 * <p>Observations: pi_S gets its own normaliser whose statistics are those of its training states
 * (both parents' kept states), fixed while it trains; the parents' normalisers were fitted to each
 * parent's own visits, neither of which is pi_S's input distribution.
 */
public final class BinaryPolicyTraining {
  private BinaryPolicyTraining() {}

  /** pi_S's training set: states {@code [n, obsDim]}, one-hot parent labels {@code [n, 2]}, weights {@code [n, 1]}. */
  public record Data(INDArray states, INDArray oneHot, INDArray weights, int keptX, int keptY, int poolSize) {
    public int size() { return (int) states.size(0); }
  }

  public record Result(BinaryPolicy policy, double firstEpochLoss, double lastEpochLoss) {}

  public static Data data(List<Trajectories.Trajectory> fromX, List<Trajectories.Trajectory> fromY, double topFraction) {
    record Tagged(Trajectories.Trajectory t, int parent, int order) {}
    List<Tagged> pool = new ArrayList<>();
    for (int i = 0; i < fromX.size(); i++) pool.add(new Tagged(fromX.get(i), 0, i));
    for (int i = 0; i < fromY.size(); i++) pool.add(new Tagged(fromY.get(i), 1, i));
    if (pool.isEmpty()) throw new IllegalArgumentException("BinaryPolicyTraining: the parents have no complete trajectory in their mutation window; raise windowBatches");
    double rMin = Double.POSITIVE_INFINITY;
    for (Tagged t : pool) rMin = Math.min(rMin, t.t().ret());
    pool.sort(Comparator.comparingDouble((Tagged t) -> -t.t().ret()).thenComparingInt(Tagged::parent).thenComparingInt(Tagged::order));
    int keep = Math.max(1, (int) Math.ceil(topFraction * pool.size() - 1e-9));
    List<Tagged> kept = pool.subList(0, keep);
    int n = 0, od = kept.get(0).t().states()[0].length, kx = 0, ky = 0;
    double uSum = 0;
    for (Tagged t : kept) {
      n += t.t().length();
      uSum += (t.t().ret() - rMin) * t.t().length();
      if (t.parent() == 0) kx++; else ky++;
    }
    double uMean = uSum / n;
    float[] s = new float[n * od], oh = new float[n * 2], w = new float[n];
    int r = 0;
    for (Tagged t : kept) {
      double weight = uMean > 0 ? (t.t().ret() - rMin) / uMean : 1.0;
      for (float[] st : t.t().states()) {
        System.arraycopy(st, 0, s, r * od, od);
        oh[r * 2 + t.parent()] = 1f;
        w[r] = (float) weight;
        r++;
      }
    }
    return new Data(Nd4j.createFromArray(s).reshape(n, od), Nd4j.createFromArray(oh).reshape(n, 2), Nd4j.createFromArray(w).reshape(n, 1),
        kx, ky, pool.size());
  }

  /**
   * Fits a fresh pi_S (32-32 tanh, softmax; init from {@code initSeed}, computed by {@code networks}) on {@code d}
   * with {@code s}'s epochs, minibatch and step size ({@code s.topFraction()} already chose {@code d}).
   */
  public static Result train(Data d, CrossoverSection.PisTraining s, long initSeed, NetworkBackend networks, RandomGenerator shuffle) {
    int epochs = s.epochs(), minibatch = s.minibatch();
    double learningRate = s.learningRate();
    int od = (int) d.states().size(1);
    ObsNormalizer norm = new ObsNormalizer(od, true);
    norm.update(d.states().castTo(DataType.DOUBLE).reshape(d.states().length()).toDoubleVector(), d.size());
    BinaryPolicy pis = new BinaryPolicy(od, BinaryPolicy.PAPER_HIDDEN, DataType.FLOAT, initSeed, norm, networks);
    AdamOptimizer opt = new AdamOptimizer(pis.params(), pis.grads(), learningRate);
    Prepared p = prepare(pis, d, minibatch);
    int[] idx = Shuffle.identity(d.size());
    double first = Double.NaN, last = Double.NaN;
    for (int e = 0; e < epochs; e++) {
      double loss = epoch(pis, opt, p, idx, shuffle);
      if (e == 0) first = loss;
      last = loss;
    }
    return new Result(pis, first, last);
  }

  /**
   * {@code d} ready for many epochs of {@code pis}: states normalised once with pi_S's (fixed)
   * normaliser and held as Java arrays for {@link MinibatchTrainer}, with labels and weights and
   * their reused minibatch buffers. Valid while {@code pis.normalizer()} does not change.
   */
  public static final class Prepared {
    final MinibatchTrainer trainer;
    final double[] weights;
    final int[] parent;
    /** One minibatch's labels and weights, gathered (the buffers' first rows serve a partial minibatch). */
    final int[] batchParent;
    final double[] batchWeight;

    Prepared(double[] states, int[] parent, double[] weights, int od, int minibatch, DataType t) {
      if (minibatch <= 0) throw new IllegalArgumentException("BinaryPolicyTraining: minibatch must be positive, got " + minibatch);
      trainer = new MinibatchTrainer(states, od, minibatch, t);
      this.parent = parent;
      this.weights = weights;
      int rows = Math.min(minibatch, parent.length);
      batchParent = new int[rows];
      batchWeight = new double[rows];
    }

    public int size() { return trainer.size(); }
  }

  /** Normalises {@code d}'s states with {@code pis}'s normaliser once and copies the data to Java arrays. */
  public static Prepared prepare(BinaryPolicy pis, Data d, int minibatch) {
    int n = d.size(), od = (int) d.states().size(1);
    double[] x = HostArrays.read(pis.normalize(d.states().castTo(pis.params().dataType())), new double[n * od]);
    double[] oh = HostArrays.read(d.oneHot(), new double[n * 2]), w = HostArrays.read(d.weights(), new double[n]);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = oh[2 * i + 1] > 0.5 ? 1 : 0;
    return new Prepared(x, parent, w, od, minibatch, pis.params().dataType());
  }

  /**
   * One epoch of Eq. 1 on prepared data: shuffle {@code idx} (a permutation of the rows, kept across
   * epochs), then a pass in minibatches ({@link MinibatchTrainer}, Adam steps by {@code opt}); returns
   * the sample-weighted mean minibatch loss. {@code CrossoverFastPathTest} checks it against the all-nd4j
   * epoch ({@code BinaryPolicyTrainingReference}, test scope): the same shuffle draws and minibatches.
   */
  public static double epoch(BinaryPolicy pis, AdamOptimizer opt, Prepared p, int[] idx, RandomGenerator shuffle) {
    int n = idx.length;
    if (n != p.size()) throw new IllegalArgumentException("BinaryPolicyTraining.epoch: permutation has " + n + " rows, data " + p.size());
    double[] sum = {0}; // the minibatches' losses times their rows, added in order
    p.trainer.epoch(idx, shuffle, b -> {
      for (int r = 0; r < b.rows(); r++) {
        int k = b.row(r);
        p.batchParent[r] = p.parent[k];
        p.batchWeight[r] = p.weights[k];
      }
      sum[0] += pis.weightedNllAndGradientOfNormalized(b.inputs(), p.batchParent, p.batchWeight) * b.rows();
    }, opt::step);
    return sum[0] / n;
  }
}
