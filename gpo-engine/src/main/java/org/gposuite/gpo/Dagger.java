package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.HostArrays;
import org.gposuite.nn.StepInference;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Distils an expert into a Gaussian child by DAgger (Sec. 3.3.1, App. 6.3): start with
 * {@code expertSteps} transitions of the expert acting; then {@code iterations} times add
 * {@code studentSteps} transitions of the current child acting, labelled by the expert, and train
 * {@code epochs} epochs of Adam on the whole dataset. The loss is KL[pi_c(.|s) || label(s)] (Eq. 2),
 * closed form because every label is a diagonal Gaussian (the expert's chosen parent at s).
 *
 * <p>The child's observation normaliser stays frozen here (it changes only in mutation), so the
 * child is a fixed function of its parameters while it is trained.
 */
public final class Dagger {
  private Dagger() {}

  /** What a DAgger expert gives for a batch of states: one diagonal Gaussian per state. */
  public interface Expert {
    /** Label Gaussians for raw observations {@code [n, obsDim]} (FLOAT): mean and log-std, both {@code [n, actDim]}, new arrays. */
    Label label(INDArray rawObs, SplittableRandom rng);

    /**
     * The same for the few rows of one environment step on Java arrays (row-major; the expert
     * phase calls it once per step, to act): writes {@code mean} and {@code logStd}, both
     * {@code [rows, actDim]}. Draws from {@code rng} exactly as {@link #label} does for those rows.
     * By default through {@link #label}; an expert may do it without nd4j's per-op costs.
     */
    default void labelStep(double[] rawObs, int rows, SplittableRandom rng, double[] mean, double[] logStd) {
      int od = rawObs.length / rows;
      Label l = label(HostArrays.write(rawObs, Nd4j.create(DataType.FLOAT, rows, od)), rng);
      HostArrays.read(l.mean(), mean);
      HostArrays.read(l.logStd(), logStd);
    }
  }

  public record Label(INDArray mean, INDArray logStd) {}

  /** Sizes and step size (paper: 5000, 10, 500, 10, 64, 5e-4). */
  public record Settings(int expertSteps, int iterations, int studentSteps, int epochs, int minibatch, double learningRate) {
    static Settings of(CrossoverSection.DaggerTraining d) {
      return new Settings(d.expertSteps(), d.iterations(), d.studentSteps(), d.epochs(), d.minibatch(), d.learningRate());
    }
  }

  /**
   * @param steps environment steps used (expert + student rollouts)
   * @param initialKl mean KL[child || label] over the expert data before training
   * @param finalKl mean KL over the whole dataset after the last iteration
   */
  public record Result(long steps, double initialKl, double finalKl, int datasetSize) {}

  /** The growing dataset: states and their label Gaussians. */
  static final class Dataset {
    INDArray obs, mean, logStd;

    void add(INDArray o, Label l) {
      obs = obs == null ? o : Nd4j.concat(0, obs, o);
      mean = mean == null ? l.mean() : Nd4j.concat(0, mean, l.mean());
      logStd = logStd == null ? l.logStd() : Nd4j.concat(0, logStd, l.logStd());
    }

    int size() { return obs == null ? 0 : (int) obs.size(0); }
  }

  public static Result run(GaussianPolicy child, Expert expert, VectorEnv env, Settings s, SplittableRandom rng) {
    if (env.obsDim() != child.obsDim() || env.actDim() != child.actDim())
      throw new IllegalArgumentException("Dagger: env dims " + env.obsDim() + "/" + env.actDim() + " differ from the child's " + child.obsDim() + "/" + child.actDim());
    Dataset data = new Dataset();
    long steps = 0;
    // Expert phase: the expert acts; its label at each state is the distribution it acted with.
    // States and labels are gathered in Java arrays and join the dataset once.
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    int tMax = s.expertSteps() / n;
    double[] obsAll = new double[tMax * n * od], meanAll = new double[tMax * n * ad], logStdAll = new double[tMax * n * ad];
    double[] m = new double[n * ad], ls = new double[n * ad], a = new double[n * ad];
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime(), phys = 0;
    for (int t = 0; t < tMax; t++) {
      double[] o = env.observations();
      System.arraycopy(o, 0, obsAll, t * n * od, n * od);
      expert.labelStep(o, n, rng, m, ls);
      for (int i = 0; i < a.length; i++) a[i] = m[i] + Math.exp(ls[i]) * rng.nextGaussian();
      long p0 = System.nanoTime();
      env.step(a);
      phys += System.nanoTime() - p0;
      System.arraycopy(m, 0, meanAll, t * n * ad, n * ad);
      System.arraycopy(ls, 0, logStdAll, t * n * ad, n * ad);
    }
    if (tMax > 0) {
      int rows = tMax * n;
      DataType dt = child.dataType();
      data.add(HostArrays.write(obsAll, Nd4j.create(dt, rows, od)),
          new Label(HostArrays.write(meanAll, Nd4j.create(dt, rows, ad)), HostArrays.write(logStdAll, Nd4j.create(dt, rows, ad))));
    }
    WorkClock.chargeSplit(WorkClock.Kind.PHYSICS, WorkClock.Kind.DAGGER_LABEL, WorkClock.cpuNow() - cpu0, System.nanoTime() - wall0, phys);
    steps += (long) tMax * n;
    long c0 = WorkClock.cpuNow(), w0 = System.nanoTime();
    double initialKl = meanKl(child, data);
    AdamOptimizer opt = new AdamOptimizer(child.params(), child.grads(), s.learningRate());
    WorkClock.charge(WorkClock.Kind.DAGGER_EPOCHS, c0, w0);
    for (int it = 0; it < s.iterations(); it++) {
      INDArray studentObs = studentRollout(child, env, s.studentSteps(), rng);
      steps += s.studentSteps();
      c0 = WorkClock.cpuNow();
      w0 = System.nanoTime();
      Label label = expert.label(studentObs, rng);
      WorkClock.charge(WorkClock.Kind.DAGGER_LABEL, c0, w0);
      c0 = WorkClock.cpuNow();
      w0 = System.nanoTime();
      data.add(studentObs, label);
      train(child, data, s.epochs(), s.minibatch(), opt, rng);
      WorkClock.charge(WorkClock.Kind.DAGGER_EPOCHS, c0, w0);
    }
    c0 = WorkClock.cpuNow();
    w0 = System.nanoTime();
    if (s.iterations() == 0) train(child, data, s.epochs(), s.minibatch(), opt, rng);
    double finalKl = meanKl(child, data);
    WorkClock.charge(WorkClock.Kind.DAGGER_EPOCHS, c0, w0);
    return new Result(steps, initialKl, finalKl, data.size());
  }

  /** {@code steps} transitions of the child acting stochastically; returns the states it saw. */
  static INDArray studentRollout(GaussianPolicy child, VectorEnv env, int steps, SplittableRandom rng) {
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    if (steps % n != 0) throw new IllegalArgumentException("Dagger: student steps " + steps + " must be a multiple of the env count " + n);
    StepInference inf = new StepInference(child);
    double[] std = inf.logStd().clone();
    for (int j = 0; j < ad; j++) std[j] = Math.exp(std[j]);
    double[] obs = new double[steps * od], mean = new double[n * ad], act = new double[n * ad];
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime(), phys = 0;
    for (int t = 0; t < steps / n; t++) {
      double[] o = env.observations();
      System.arraycopy(o, 0, obs, t * n * od, n * od);
      inf.forward(o, n, mean);
      for (int i = 0; i < act.length; i++) act[i] = mean[i] + std[i % ad] * rng.nextGaussian();
      long p0 = System.nanoTime();
      env.step(act);
      phys += System.nanoTime() - p0;
    }
    WorkClock.chargeSplit(WorkClock.Kind.PHYSICS, WorkClock.Kind.INFERENCE, WorkClock.cpuNow() - cpu0, System.nanoTime() - wall0, phys);
    return Nd4j.createFromArray(obs).reshape(steps, od).castTo(child.dataType());
  }

  static void train(GaussianPolicy child, Dataset data, int epochs, int minibatch, AdamOptimizer opt, SplittableRandom rng) {
    train(child, data.obs, data.mean, data.logStd, epochs, minibatch, opt, rng);
  }

  /**
   * The training of one DAgger iteration: {@code epochs} shuffled passes of Adam on KL[child || label] over
   * states {@code obs} with label Gaussians ({@code labelMean}, {@code labelLogStd}, {@code [n, actDim]}),
   * minibatches of {@code minibatch} (the last partial one included).
   *
   * <p>Built for nd4j's fixed cost per op (it, not the ~2 MFLOP of gemm, was most of a 64-row step):
   * the states are normalised once per call (the child's normaliser is frozen during DAgger), the
   * dataset and the label's 1/sigma^2 are held as Java arrays, each minibatch is gathered into a reused
   * input buffer, and the closed-form gradient of KL[child || label] is one Java pass writing a reused
   * dL/dmean buffer. What stays nd4j per step is the MLP forward/backward and Adam.
   * {@code DaggerTrainTest} checks it against the all-nd4j path ({@link #trainNd4j}).
   */
  public static void train(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, int epochs, int minibatch,
                           AdamOptimizer opt, SplittableRandom rng) {
    checkTrainArgs(child, obs, labelMean, labelLogStd, minibatch);
    int n = (int) obs.size(0), od = child.obsDim(), ad = child.actDim();
    double[] x = HostArrays.read(child.normalize(obs), new double[n * od]);
    double[] mq = HostArrays.read(labelMean, new double[n * ad]);
    double[] invVarQ = HostArrays.read(labelLogStd, new double[n * ad]);
    for (int i = 0; i < invVarQ.length; i++) invVarQ[i] = Math.exp(-2 * invVarQ[i]);
    Batch full = new Batch(Math.min(minibatch, n), od, ad, child.dataType()), tail = null;
    int[] idx = identity(n);
    for (int e = 0; e < epochs; e++) {
      shuffle(idx, rng);
      for (int b = 0; b < n; b += minibatch) {
        int rows = Math.min(n, b + minibatch) - b;
        Batch buf = rows == full.rows ? full : (tail != null && tail.rows == rows ? tail : (tail = new Batch(rows, od, ad, child.dataType())));
        buf.step(child, opt, idx, b, x, mq, invVarQ);
      }
    }
  }

  /** Reused per-minibatch buffers of {@link #train} and the step that uses them. */
  private static final class Batch {
    final int rows, od, ad;
    final double[] x, mean, dMean, dLogStd;
    final INDArray xArr, dMeanArr, dLogStdArr;

    Batch(int rows, int od, int ad, DataType t) {
      this.rows = rows;
      this.od = od;
      this.ad = ad;
      x = new double[rows * od];
      mean = new double[rows * ad];
      dMean = new double[rows * ad];
      dLogStd = new double[ad];
      xArr = Nd4j.create(t, rows, od);
      dMeanArr = Nd4j.create(t, rows, ad);
      dLogStdArr = Nd4j.create(t, 1, ad);
    }

    /** One Adam step on the minibatch {@code idx[from .. from + rows)}: mean KL over it, gradient in closed form. */
    void step(GaussianPolicy child, AdamOptimizer opt, int[] idx, int from, double[] xAll, double[] mq, double[] invVarQ) {
      for (int r = 0; r < rows; r++) System.arraycopy(xAll, idx[from + r] * od, x, r * od, od);
      HostArrays.write(x, xArr);
      HostArrays.read(child.meanOfNormalized(xArr), mean);
      double[] ls = child.logStdValues();
      double inv = 1.0 / rows;
      java.util.Arrays.fill(dLogStd, 0);
      for (int r = 0; r < rows; r++) {
        int q = idx[from + r] * ad, o = r * ad;
        for (int j = 0; j < ad; j++) {
          double iv = invVarQ[q + j];
          dMean[o + j] = (mean[o + j] - mq[q + j]) * iv * inv;      // (mP - mQ) / sQ^2, mean over rows
          dLogStd[j] += Math.exp(2 * ls[j]) * iv - 1;                 // sP^2 / sQ^2 - 1
        }
      }
      for (int j = 0; j < ad; j++) dLogStd[j] *= inv;
      child.backward(HostArrays.write(dMean, dMeanArr), HostArrays.write(dLogStd, dLogStdArr));
      opt.step();
    }
  }

  /**
   * The same training as {@link #train} with every step in nd4j ops (row gather per epoch, slices,
   * {@link DiagGaussian#klGradFirst}): the reference the fast path is tested against and benchmarked beside.
   */
  public static void trainNd4j(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, int epochs, int minibatch,
                               AdamOptimizer opt, SplittableRandom rng) {
    checkTrainArgs(child, obs, labelMean, labelLogStd, minibatch);
    int n = (int) obs.size(0);
    int[] idx = identity(n);
    for (int e = 0; e < epochs; e++) {
      shuffle(idx, rng);
      INDArray xs = Nd4j.pullRows(obs, 1, idx), ms = Nd4j.pullRows(labelMean, 1, idx), ls = Nd4j.pullRows(labelLogStd, 1, idx);
      for (int b = 0; b < n; b += minibatch) {
        int end = Math.min(n, b + minibatch);
        step(child, slice(xs, b, end), slice(ms, b, end), slice(ls, b, end), opt);
      }
    }
  }

  private static void checkTrainArgs(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, int minibatch) {
    if (minibatch <= 0) throw new IllegalArgumentException("Dagger.train: minibatch must be positive, got " + minibatch);
    long n = obs.size(0);
    if (obs.rank() != 2 || obs.size(1) != child.obsDim())
      throw new IllegalArgumentException("Dagger.train: states must be [n, " + child.obsDim() + "], got " + java.util.Arrays.toString(obs.shape()));
    for (INDArray a : new INDArray[] {labelMean, labelLogStd})
      if (a.rank() != 2 || a.size(0) != n || a.size(1) != child.actDim())
        throw new IllegalArgumentException("Dagger.train: labels must be [" + n + ", " + child.actDim() + "], got " + java.util.Arrays.toString(a.shape()));
  }

  private static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    return idx;
  }

  /** Fisher-Yates, the same draws as before the fast path existed (so seeds keep their meaning). */
  private static void shuffle(int[] idx, SplittableRandom rng) {
    for (int i = idx.length - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
  }

  /** One Adam step on the mean over the minibatch of KL[child(.|s) || N(labelMean, exp(labelLogStd))]. */
  static void step(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, AdamOptimizer opt) {
    long b = obs.size(0);
    INDArray mean = child.mean(obs);
    INDArray up = Nd4j.valueArrayOf(new long[] {b, 1}, 1.0 / b, mean.dataType());
    DiagGaussian.Grad g = DiagGaussian.klGradFirst(mean, child.logStd(), labelMean, labelLogStd, up);
    child.backward(g.dMean(), g.dLogStd().sum(true, 0));
    opt.step();
  }

  static double meanKl(GaussianPolicy child, Dataset d) {
    return DiagGaussian.kl(child.mean(d.obs).dup(), child.logStd(), d.mean, d.logStd).meanNumber().doubleValue();
  }

  private static INDArray slice(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }
}
