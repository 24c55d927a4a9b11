package org.gposuite.nn;

import org.gposuite.nn.kernel.NativeArithmetic;
import org.gposuite.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gaussian policy of the paper (Sec. 4.1): mean = MLP with tanh hidden layers (64-64) and a
 * linear output; a state-independent log-std vector as a free parameter. The observation
 * normaliser is part of the policy (a copy of the policy copies it).
 *
 * <p>Parameters (MLP then log-std) and gradients are each one flat row vector {@code [1, P]}.
 */
public final class GaussianPolicy {
  static {
    NativeArithmetic.pin(); // before this class makes its first nd4j array: OpenBLAS loads with it
  }

  public static final int[] PAPER_HIDDEN = {64, 64};

  private final int obsDim, actDim;
  private final int[] sizes;
  private final DataType dtype;
  private final INDArray params, grads;
  private final NetworkBackend backend;
  private final MlpNetwork mlp;
  private final INDArray logStd, gLogStd;
  private final NetworkInput input;
  private INDArray stepInput;
  private final double[] logStdCache;

  /**
   * What a policy is apart from its parameters: its network's shape and who computes it.
   *
   * @param hidden hidden widths (paper: 64, 64)
   * @param dtype FLOAT for speed, DOUBLE for gradient checks
   * @param normalizeObs whether the running observation normaliser is active
   * @param backend who computes the mean network (the policy's copies, value baseline and pi_S follow it)
   */
  public record Architecture(int obsDim, int actDim, int[] hidden, DataType dtype, boolean normalizeObs, NetworkBackend backend) {
    public Architecture {
      if (obsDim <= 0 || actDim <= 0)
        throw new IllegalArgumentException("GaussianPolicy: obsDim and actDim must be positive, got " + obsDim + ", " + actDim);
      hidden = hidden.clone();
    }

    /** Computed by our networks. */
    public Architecture(int obsDim, int actDim, int[] hidden, DataType dtype, boolean normalizeObs) {
      this(obsDim, actDim, hidden, dtype, normalizeObs, NetworkBackend.OURS);
    }

    /** The paper's: 64-64, FLOAT. */
    public static Architecture paper(int obsDim, int actDim, boolean normalizeObs, NetworkBackend backend) {
      return new Architecture(obsDim, actDim, PAPER_HIDDEN, DataType.FLOAT, normalizeObs, backend);
    }

    @Override
    public int[] hidden() { return hidden.clone(); }
  }

  /**
   * @param seed initialisation seed (same seed gives the same parameter bits)
   * @param initLogStd initial log standard deviation of every action dimension
   */
  public GaussianPolicy(Architecture arch, long seed, double initLogStd) {
    obsDim = arch.obsDim();
    actDim = arch.actDim();
    dtype = arch.dtype();
    backend = arch.backend();
    sizes = Mlp.layerSizes(obsDim, arch.hidden(), actDim);
    long pm = Mlp.numParams(sizes);
    params = Nd4j.create(dtype, 1, pm + actDim);
    grads = Nd4j.create(dtype, 1, pm + actDim);
    mlp = backend.mlp(sizes, params.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, pm)), grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, pm)));
    logStd = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(pm, pm + actDim)).reshape(1, actDim);
    gLogStd = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(pm, pm + actDim)).reshape(1, actDim);
    mlp.initialize(new SplitMix64(seed), 0.01);
    logStd.assign(initLogStd);
    input = new NetworkInput("GaussianPolicy", obsDim, dtype, new ObsNormalizer(obsDim, arch.normalizeObs()));
    logStdCache = new double[actDim];
  }

  /** Paper architecture (64-64), FLOAT, log-std 0. */
  public static GaussianPolicy paper(int obsDim, int actDim, long seed, boolean normalizeObs) {
    return new GaussianPolicy(Architecture.paper(obsDim, actDim, normalizeObs, NetworkBackend.OURS), seed, 0.0);
  }

  public int obsDim() { return obsDim; }
  public int actDim() { return actDim; }
  public DataType dataType() { return dtype; }
  /** Who computes the mean network. */
  public NetworkBackend backend() { return backend; }
  /** Layer widths of the mean network, observation first, action last. */
  public int[] layerSizes() { return sizes.clone(); }
  /** Flat parameters [1, P]: the MLP's then the log-std. */
  public INDArray params() { return params; }
  /** Flat gradients, same layout as {@link #params()}. */
  public INDArray grads() { return grads; }
  /** Log-std view [1, actDim] into {@link #params()}. */
  public INDArray logStd() { return logStd; }
  public ObsNormalizer normalizer() { return input.normalizer(); }
  public int[] hidden() { return java.util.Arrays.copyOfRange(sizes, 1, sizes.length - 1); }
  /** This policy's shape and backend, to make another like it. */
  public Architecture architecture() { return new Architecture(obsDim, actDim, hidden(), dtype, normalizer().enabled(), backend); }

  /**
   * Action means for a batch of raw observations {@code [n, obsDim]}: an internal buffer,
   * valid until the next call with the same n. Keeps what {@link #backward} needs.
   */
  public INDArray mean(INDArray rawObs) {
    return mlp.forward(input.normalizedInBuffer("mean", rawObs));
  }

  /**
   * The observations as the network sees them: a new {@code [n, obsDim]} array, normalised with
   * the current statistics. With {@link #meanOfNormalized} an update that evaluates the policy on
   * the same batch many times normalises it once; the result is the same as {@link #mean}'s
   * while {@code normalizer().version()} is unchanged.
   */
  public INDArray normalize(INDArray rawObs) {
    return input.normalizedCopy("normalize", rawObs);
  }

  /**
   * {@link #mean} for observations already normalised by {@link #normalize} (not re-normalised):
   * an internal buffer, valid until the next call with the same n. {@code normObs} is kept by
   * reference for {@link #backward}; do not change it in between.
   */
  public INDArray meanOfNormalized(INDArray normObs) {
    return mlp.forward(input.checked("meanOfNormalized", normObs));
  }

  /**
   * Per-step inference over all environment copies: {@code rawObs} is row-major
   * {@code [rows, obsDim]}, the means go to {@code out} ({@code [rows, actDim]}). Normalises in
   * Java while filling a reused input buffer, so nothing is allocated per step.
   */
  public void meanInto(double[] rawObs, int rows, double[] out) {
    if (rawObs.length < rows * obsDim || out.length < rows * actDim)
      throw new IllegalArgumentException("GaussianPolicy.meanInto: arrays too short for " + rows + " rows");
    if (stepInput == null || stepInput.size(0) != rows) stepInput = Nd4j.create(dtype, rows, obsDim);
    ObsNormalizer normalizer = input.normalizer();
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < obsDim; j++) stepInput.putScalar((long) r * obsDim + j, normalizer.normalize(rawObs[r * obsDim + j], j));
    INDArray m = mlp.forward(stepInput);
    for (int i = 0; i < rows * actDim; i++) out[i] = m.getDouble((long) i);
  }

  /** Current log-std as Java doubles (reused array; read-only for callers). */
  public double[] logStdValues() {
    for (int j = 0; j < actDim; j++) logStdCache[j] = logStd.getDouble((long) j);
    return logStdCache;
  }

  /** Writes the gradient for dLoss/dMean ({@code [n, actDim]}, last {@link #mean} batch) and dLoss/dLogStd ({@code [1, actDim]}). */
  public void backward(INDArray dMean, INDArray dLogStd) {
    mlp.backward(dMean);
    gLogStd.assign(dLogStd);
  }

  /** Entropy of the action distribution (state independent). */
  public double entropy() { return DiagGaussian.entropy(logStd); }

  /** Copies parameters and normaliser statistics from a policy of the same shape. */
  public void copyFrom(GaussianPolicy other) {
    if (!java.util.Arrays.equals(sizes, other.sizes))
      throw new IllegalArgumentException("GaussianPolicy.copyFrom: architectures differ " + java.util.Arrays.toString(sizes) + " vs " + java.util.Arrays.toString(other.sizes));
    params.assign(other.params);
    normalizer().copyFrom(other.normalizer());
  }

  /** A new policy with the same architecture, parameters and normaliser. */
  public GaussianPolicy copy() {
    GaussianPolicy c = new GaussianPolicy(architecture(), 0, 0.0);
    c.copyFrom(this);
    return c;
  }
}
