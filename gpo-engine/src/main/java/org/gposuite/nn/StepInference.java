package org.gposuite.nn;

import org.gposuite.nn.kernel.FloatTanh;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.Simd;
import org.gposuite.nn.kernel.VectorSupport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Plain-Java forward of a policy network for the few rows of one environment step, over a
 * snapshot of its parameters and normaliser taken at construction: a {@link GaussianPolicy}'s
 * action means, or a {@link BinaryPolicy}'s two logits (crossover's expert acting).
 *
 * <p>Why it exists: nd4j's fixed cost per op (~30 µs) makes an 8-row forward cost ~100 µs
 * (7 ops), while the arithmetic is ~45k multiply-adds. Collection runs this once per step,
 * B / numEnvs times per batch, so it dominated inference. A FLOAT policy (the product's) runs on
 * {@link Simd#dense}: each output block accumulated in registers by fused multiply-adds, tanh
 * with the batched path's own function ({@link FloatTanh#tanh(float)}); ~3 µs for 8 rows of a 64-64
 * policy, against ~21 µs for the same loops in scalar double. A DOUBLE policy (gradient checks)
 * keeps scalar double arithmetic and {@code Math.tanh}, like its batched path. The batched path
 * ({@link GaussianPolicy#mean}) stays nd4j; {@code StepInferenceTest} checks the two agree and
 * {@code PolicyForwardBench} measures both.
 *
 * <p>A snapshot: create a new one after the policy's parameters or normaliser change (the
 * collector makes one per batch).
 *
 * <p>A policy on DL4J's networks ({@link NetworkBackend#DL4J}) is snapshotted into a DL4J network
 * of its own ({@link Dl4jMlp} over a copy of its parameters) and each step's rows go through it:
 * a run on DL4J computes every forward with DL4J, acting included. The normalisation stays this
 * class's, so the two backends see the same inputs.
 */
public final class StepInference {
  static {
    VectorSupport.require();
  }

  private final int[] sizes;
  private final boolean single;
  private final double[] p;
  private final float[] pf;
  private final double[] normMean, normInvStd;
  private final boolean normalize;
  private final double[] logStd;
  private double[] a, z;
  private float[] af, zf;
  /** The DL4J snapshot of a policy on DL4J's networks, else null; its input rows are reused per row count. */
  private final MlpNetwork dl4j;
  private INDArray dl4jInput;

  public StepInference(GaussianPolicy policy) {
    this(policy.layerSizes(), policy.params(), policy.normalizer(), policy.logStdValues().clone(), policy.backend());
  }

  /** For a parent-choice policy: {@link #forward} gives its logits, parent x then parent y. */
  public StepInference(BinaryPolicy policy) {
    this(policy.layerSizes(), policy.params(), policy.normalizer(), new double[0], policy.backend());
  }

  /** @param params the MLP's flat parameters first (anything after them, e.g. a log-std, is ignored) */
  private StepInference(int[] sizes, INDArray params, ObsNormalizer n, double[] logStd, NetworkBackend backend) {
    this.sizes = sizes;
    single = params.dataType() == DataType.FLOAT;
    dl4j = backend == NetworkBackend.OURS ? null : snapshot(backend, sizes, params);
    p = single || dl4j != null ? null : params.toDoubleVector();
    pf = single && dl4j == null ? params.toFloatVector() : null;
    normalize = n.enabled();
    normMean = n.mean();
    double[] var = n.variance();
    normInvStd = new double[var.length];
    for (int j = 0; j < var.length; j++) normInvStd[j] = 1.0 / Math.sqrt(var[j] + 1e-8);
    this.logStd = logStd;
    a = z = new double[0];
    af = zf = new float[0];
  }

  /** The backend's own network over a copy of the MLP's parameters (our backend has the plain-Java path instead). */
  private static MlpNetwork snapshot(NetworkBackend backend, int[] sizes, INDArray params) {
    long n = Mlp.numParams(sizes);
    INDArray own = params.reshape('c', 1, params.length()).get(NDArrayIndex.point(0), NDArrayIndex.interval(0, n)).dup('c').reshape('c', 1, n);
    // no gradient is ever taken of a snapshot: the gradient vector only satisfies the constructor
    return backend.mlp(sizes, own, Nd4j.create(params.dataType(), 1, n));
  }

  /** A Gaussian policy's log-std at the snapshot (empty for a binary policy). */
  public double[] logStd() { return logStd; }

  /** The network's outputs for {@code rows} raw observations (row-major) into {@code out} ({@code [rows, outputs]}). */
  public void forward(double[] rawObs, int rows, double[] out) {
    if (dl4j != null) forwardDl4j(rawObs, rows, out);
    else if (single) forwardFloat(rawObs, rows, out);
    else forwardDouble(rawObs, rows, out);
  }

  private int width() {
    int width = 0;
    for (int s : sizes) width = Math.max(width, s);
    return width;
  }

  private double normalized(double[] rawObs, int r, int j) {
    double x = rawObs[r * sizes[0] + j];
    return normalize ? Math.max(-ObsNormalizer.CLIP, Math.min(ObsNormalizer.CLIP, (x - normMean[j]) * normInvStd[j])) : x;
  }

  private void forwardDl4j(double[] rawObs, int rows, double[] out) {
    int in = sizes[0];
    if (dl4jInput == null || dl4jInput.size(0) != rows) dl4jInput = Nd4j.create(dl4j.dataType(), rows, in);
    if (a.length < rows * in) a = new double[rows * in];
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < in; j++) a[r * in + j] = normalized(rawObs, r, j);
    HostArrays.read(dl4j.forward(HostArrays.write(a, dl4jInput)), out);
  }

  private void forwardFloat(double[] rawObs, int rows, double[] out) {
    if (af.length < rows * width()) { af = new float[rows * width()]; zf = new float[rows * width()]; }
    int in = sizes[0];
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < in; j++) af[r * in + j] = (float) normalized(rawObs, r, j);
    int off = 0, layers = sizes.length - 1;
    float[] x = af, y = zf;
    for (int l = 0; l < layers; l++) {
      int ni = sizes[l], no = sizes[l + 1];
      Simd.dense(x, rows, ni, pf, off, off + ni * no, no, y, l < layers - 1);
      off += ni * no + no;
      float[] t = x; x = y; y = t;
    }
    for (int i = 0; i < rows * sizes[layers]; i++) out[i] = x[i];
  }

  private void forwardDouble(double[] rawObs, int rows, double[] out) {
    if (a.length < rows * width()) { a = new double[rows * width()]; z = new double[rows * width()]; }
    int in = sizes[0];
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < in; j++) a[r * in + j] = normalized(rawObs, r, j);
    int off = 0;
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      int ni = sizes[l], no = sizes[l + 1];
      int bOff = off + ni * no;
      double[] dst = l == layers - 1 ? out : z;
      for (int r = 0; r < rows; r++) {
        int ro = r * no;
        for (int o = 0; o < no; o++) dst[ro + o] = p[bOff + o];
        for (int i = 0; i < ni; i++) {
          double x = a[r * ni + i];
          int w = off + i * no;
          for (int o = 0; o < no; o++) dst[ro + o] += x * p[w + o];
        }
        if (l < layers - 1) for (int o = 0; o < no; o++) dst[ro + o] = Math.tanh(dst[ro + o]);
      }
      off = bOff + no;
      if (l < layers - 1) { double[] t = a; a = z; z = t; }
    }
  }
}
