package org.gposuite.gpo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.kernel.GaussianKl;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.MinibatchTrainer;
import org.gposuite.nn.kernel.Shuffle;
import org.gposuite.pg.ActionSource;
import org.gposuite.pg.Rollout;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

  /**
   * What a DAgger expert gives for a batch of states: one diagonal Gaussian per state. It acts in
   * the expert phase as an {@link ActionSource}, whose distribution at a state is that state's label.
   */
  public interface Expert extends ActionSource {
    /** Label Gaussians for raw observations {@code [n, obsDim]} (FLOAT): mean and log-std, both {@code [n, actDim]}, new arrays. */
    Label label(INDArray rawObs, RandomGenerator rng);

    /**
     * The same for the few rows of one environment step on Java arrays (row-major; the expert
     * phase's rollout calls it once per step, to act): draws from {@code rng} exactly as
     * {@link #label} does for those rows. By default through {@link #label}; an expert may do it
     * without nd4j's per-op costs.
     */
    @Override
    default void distribution(double[] rawObs, int rows, RandomGenerator rng, double[] mean, double[] logStd) {
      int od = rawObs.length / rows;
      Label l = label(HostArrays.write(rawObs, Nd4j.create(DataType.FLOAT, rows, od)), rng);
      HostArrays.read(l.mean(), mean);
      HostArrays.read(l.logStd(), logStd);
    }
  }

  public record Label(INDArray mean, INDArray logStd) {}

  /** States and the label Gaussians at them: {@code obs} {@code [n, obsDim]}, {@code mean} and {@code logStd} {@code [n, actDim]}. */
  public record Labelled(INDArray obs, INDArray mean, INDArray logStd) {}

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

    Labelled labelled() { return new Labelled(obs, mean, logStd); }
  }

  /**
   * Distils {@code expert} into {@code child} with {@code s}'s sizes and step size, rolling out in {@code env}
   * (whose copy count must divide the rollout sizes); {@code s.envs()} and {@code s.parentChoice()} are
   * the caller's (they made {@code env} and {@code expert}).
   */
  public static Result run(GaussianPolicy child, Expert expert, VectorEnv env, CrossoverSection.DaggerTraining s, RandomGenerator rng) {
    if (env.obsDim() != child.obsDim() || env.actDim() != child.actDim())
      throw new IllegalArgumentException("Dagger: env dims " + env.obsDim() + "/" + env.actDim() + " differ from the child's " + child.obsDim() + "/" + child.actDim());
    Dataset data = new Dataset();
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    if (s.iterations() > 0 && s.studentSteps() % n != 0)
      throw new IllegalArgumentException("Dagger: student steps " + s.studentSteps() + " must be a multiple of the env count " + n);
    DataType dt = child.dataType();
    // Expert phase: the expert acts; its label at each state is the distribution it acted with.
    int expertPerCopy = s.expertSteps() / n;
    Rollout.Result expertRun = Rollout.run(env, expert, rng,
        Rollout.Options.steps(expertPerCopy).recording(Rollout.Record.STATES, Rollout.Record.DISTRIBUTIONS).charging(WorkClock.Kind.DAGGER_LABEL));
    long steps = expertRun.steps();
    double initialKl = WorkClock.time(WorkClock.Kind.DAGGER_EPOCHS, () -> {
      if (expertPerCopy > 0) {
        int rows = (int) expertRun.steps();
        Rollout.Distributions acted = expertRun.acted();
        data.add(HostArrays.write(expertRun.states(), Nd4j.create(dt, rows, od)),
            new Label(HostArrays.write(acted.mean(), Nd4j.create(dt, rows, ad)), HostArrays.write(acted.logStd(), Nd4j.create(dt, rows, ad))));
      }
      return meanKl(child, data);
    });
    AdamOptimizer opt = new AdamOptimizer(child.params(), child.grads(), s.learningRate());
    for (int it = 0; it < s.iterations(); it++) {
      // Student phase: the child acts stochastically; the expert labels the states it saw, in one batch after the rollout.
      Rollout.Result studentRun = Rollout.run(env, ActionSource.of(child), rng,
          Rollout.Options.steps(s.studentSteps() / n).recording(Rollout.Record.STATES));
      INDArray studentObs = Nd4j.createFromArray(studentRun.states()).reshape(s.studentSteps(), od).castTo(dt);
      steps += s.studentSteps();
      Label label = WorkClock.time(WorkClock.Kind.DAGGER_LABEL, () -> expert.label(studentObs, rng));
      WorkClock.time(WorkClock.Kind.DAGGER_EPOCHS, () -> {
        data.add(studentObs, label);
        train(child, data.labelled(), s.epochs(), s.minibatch(), opt, rng);
      });
    }
    double finalKl = WorkClock.time(WorkClock.Kind.DAGGER_EPOCHS, () -> {
      if (s.iterations() == 0) train(child, data.labelled(), s.epochs(), s.minibatch(), opt, rng);
      return meanKl(child, data);
    });
    return new Result(steps, initialKl, finalKl, data.size());
  }

  /**
   * The training of one DAgger iteration: {@code epochs} shuffled passes of Adam on KL[child || label] over
   * {@code data}'s states and label Gaussians, minibatches of {@code minibatch} (the last partial one included).
   *
   * <p>Built for nd4j's fixed cost per op (it, not the ~2 MFLOP of gemm, was most of a 64-row step):
   * the states are normalised once per call (the child's normaliser is frozen during DAgger) and
   * trained on by {@link MinibatchTrainer}, the labels' means and 1/sigma^2 are held as Java arrays,
   * and the closed-form gradient of KL[child || label] is one Java pass ({@code KlToLabels}). What
   * stays nd4j per step is the MLP forward/backward and Adam. {@code CrossoverFastPathTest} checks it
   * against the all-nd4j path ({@code DaggerReference}, test scope).
   */
  public static void train(GaussianPolicy child, Labelled data, int epochs, int minibatch, AdamOptimizer opt, RandomGenerator rng) {
    checkTrainArgs(child, data, minibatch);
    INDArray obs = data.obs(), labelMean = data.mean(), labelLogStd = data.logStd();
    int n = (int) obs.size(0), od = child.obsDim(), ad = child.actDim();
    MinibatchTrainer trainer = new MinibatchTrainer(HostArrays.read(child.normalize(obs), new double[n * od]), od, minibatch, child.dataType());
    double[] invVarQ = HostArrays.read(labelLogStd, new double[n * ad]);
    for (int i = 0; i < invVarQ.length; i++) invVarQ[i] = Math.exp(-2 * invVarQ[i]);
    KlToLabels kl = new KlToLabels(child, HostArrays.read(labelMean, new double[n * ad]), invVarQ);
    int[] idx = Shuffle.identity(n);
    for (int e = 0; e < epochs; e++) trainer.epoch(idx, rng, kl, opt::step);
  }

  /**
   * The gradient of a minibatch's mean KL[child(.|s) || label(s)] (Eq. 2) w.r.t. the child's mean and
   * log-std, in closed form ({@link GaussianKl}, first argument), written through buffers kept per
   * minibatch size.
   */
  private static final class KlToLabels implements MinibatchTrainer.Gradient {
    private final GaussianPolicy child;
    /** The labels' means and 1 / sigma^2, row-major {@code [n, actDim]}. */
    private final double[] labelMean, labelInvVar;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    private record Buffers(double[] mean, double[] dMean, double[] dLogStd, INDArray dMeanArr, INDArray dLogStdArr) {
      static Buffers of(int rows, int ad, DataType t) {
        return new Buffers(new double[rows * ad], new double[rows * ad], new double[ad], Nd4j.create(t, rows, ad), Nd4j.create(t, 1, ad));
      }
    }

    KlToLabels(GaussianPolicy child, double[] labelMean, double[] labelInvVar) {
      this.child = child;
      this.labelMean = labelMean;
      this.labelInvVar = labelInvVar;
    }

    @Override
    public void compute(MinibatchTrainer.Minibatch b) {
      int rows = b.rows(), ad = child.actDim();
      Buffers s = buffers.computeIfAbsent(rows, r -> Buffers.of(r, ad, child.dataType()));
      double[] mean = s.mean(), dMean = s.dMean(), dLogStd = s.dLogStd();
      HostArrays.read(child.meanOfNormalized(b.inputs()), mean);
      double[] ls = child.logStdValues();
      double inv = 1.0 / rows;
      Arrays.fill(dLogStd, 0);
      for (int r = 0; r < rows; r++) {
        int q = b.row(r) * ad, o = r * ad;
        for (int j = 0; j < ad; j++) {
          double iv = labelInvVar[q + j];
          dMean[o + j] = GaussianKl.gradMeanP(mean[o + j], labelMean[q + j], iv) * inv; // mean over rows
          dLogStd[j] += GaussianKl.gradLogStdP(Math.exp(2 * ls[j]), iv);
        }
      }
      for (int j = 0; j < ad; j++) dLogStd[j] *= inv;
      child.backward(HostArrays.write(dMean, s.dMeanArr()), HostArrays.write(dLogStd, s.dLogStdArr()));
    }
  }

  /** The argument checks of {@link #train}, shared with its test-scope reference. */
  static void checkTrainArgs(GaussianPolicy child, Labelled data, int minibatch) {
    INDArray obs = data.obs();
    if (minibatch <= 0) throw new IllegalArgumentException("Dagger.train: minibatch must be positive, got " + minibatch);
    long n = obs.size(0);
    if (obs.rank() != 2 || obs.size(1) != child.obsDim())
      throw new IllegalArgumentException("Dagger.train: states must be [n, " + child.obsDim() + "], got " + java.util.Arrays.toString(obs.shape()));
    for (INDArray a : new INDArray[] {data.mean(), data.logStd()})
      if (a.rank() != 2 || a.size(0) != n || a.size(1) != child.actDim())
        throw new IllegalArgumentException("Dagger.train: labels must be [" + n + ", " + child.actDim() + "], got " + java.util.Arrays.toString(a.shape()));
  }

  static double meanKl(GaussianPolicy child, Dataset d) {
    return DiagGaussian.kl(child.mean(d.obs).dup(), child.logStd(), d.mean, d.logStd).meanNumber().doubleValue();
  }
}
