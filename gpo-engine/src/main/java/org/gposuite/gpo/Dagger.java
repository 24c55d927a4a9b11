package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;
import org.gposuite.pg.VectorEnv;
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
  }

  public record Label(INDArray mean, INDArray logStd) {}

  /** Sizes and step size (paper: 5000, 10, 500, 10, 64, 5e-4). */
  public record Settings(int expertSteps, int iterations, int studentSteps, int epochs, int minibatch, double learningRate) {
    static Settings of(GpoConfig c) {
      return new Settings(c.expertSteps(), c.daggerIterations(), c.studentSteps(), c.daggerEpochs(), c.daggerMinibatch(), c.daggerLearningRate());
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
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    int tMax = s.expertSteps() / n;
    for (int t = 0; t < tMax; t++) {
      INDArray o = rows(env.observations(), n, od, child.dataType());
      Label l = expert.label(o, rng);
      double[] m = l.mean().reshape((long) n * ad).toDoubleVector(), ls = l.logStd().reshape((long) n * ad).toDoubleVector();
      double[] a = new double[n * ad];
      for (int i = 0; i < a.length; i++) a[i] = m[i] + Math.exp(ls[i]) * rng.nextGaussian();
      env.step(a);
      data.add(o, l);
    }
    steps += (long) tMax * n;
    double initialKl = meanKl(child, data);
    AdamOptimizer opt = new AdamOptimizer(child.params(), child.grads(), s.learningRate());
    for (int it = 0; it < s.iterations(); it++) {
      INDArray studentObs = studentRollout(child, env, s.studentSteps(), rng);
      steps += s.studentSteps();
      data.add(studentObs, expert.label(studentObs, rng));
      train(child, data, s.epochs(), s.minibatch(), opt, rng);
    }
    if (s.iterations() == 0) train(child, data, s.epochs(), s.minibatch(), opt, rng);
    return new Result(steps, initialKl, meanKl(child, data), data.size());
  }

  /** {@code steps} transitions of the child acting stochastically; returns the states it saw. */
  static INDArray studentRollout(GaussianPolicy child, VectorEnv env, int steps, SplittableRandom rng) {
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    if (steps % n != 0) throw new IllegalArgumentException("Dagger: student steps " + steps + " must be a multiple of the env count " + n);
    StepInference inf = new StepInference(child);
    double[] std = inf.logStd().clone();
    for (int j = 0; j < ad; j++) std[j] = Math.exp(std[j]);
    double[] obs = new double[steps * od], mean = new double[n * ad], act = new double[n * ad];
    for (int t = 0; t < steps / n; t++) {
      double[] o = env.observations();
      System.arraycopy(o, 0, obs, t * n * od, n * od);
      inf.mean(o, n, mean);
      for (int i = 0; i < act.length; i++) act[i] = mean[i] + std[i % ad] * rng.nextGaussian();
      env.step(act);
    }
    return Nd4j.createFromArray(obs).reshape(steps, od).castTo(child.dataType());
  }

  static void train(GaussianPolicy child, Dataset data, int epochs, int minibatch, AdamOptimizer opt, SplittableRandom rng) {
    train(child, data.obs, data.mean, data.logStd, epochs, minibatch, opt, rng);
  }

  /**
   * The training of one DAgger iteration: {@code epochs} shuffled passes of Adam on KL[child || label] over
   * states {@code obs} with label Gaussians ({@code labelMean}, {@code labelLogStd}, {@code [n, actDim]}),
   * minibatches of {@code minibatch} (the last partial one included).
   */
  public static void train(GaussianPolicy child, INDArray obs, INDArray labelMean, INDArray labelLogStd, int epochs, int minibatch,
                           AdamOptimizer opt, SplittableRandom rng) {
    int n = (int) obs.size(0);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    for (int e = 0; e < epochs; e++) {
      for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
      INDArray xs = Nd4j.pullRows(obs, 1, idx), ms = Nd4j.pullRows(labelMean, 1, idx), ls = Nd4j.pullRows(labelLogStd, 1, idx);
      for (int b = 0; b < n; b += minibatch) {
        int end = Math.min(n, b + minibatch);
        step(child, slice(xs, b, end), slice(ms, b, end), slice(ls, b, end), opt);
      }
    }
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

  static INDArray rows(double[] flat, int n, int dim, DataType t) {
    return Nd4j.createFromArray(java.util.Arrays.copyOf(flat, n * dim)).reshape(n, dim).castTo(t);
  }
}
