package org.gposuite.nn;

/**
 * Plain-Java forward of a {@link GaussianPolicy}'s mean for the few rows of one environment
 * step, over a snapshot of its parameters and normaliser taken at construction.
 *
 * <p>Why it exists: nd4j's fixed cost per op (~30 µs) makes an 8-row forward cost ~200 µs
 * (7 ops), while the arithmetic is ~50k multiply-adds (~20 µs in Java). Collection runs this
 * once per step, B / numEnvs times per batch, so it dominated inference. The batched path
 * ({@link GaussianPolicy#mean}) stays nd4j; {@code StepInferenceTest} checks the two agree and
 * {@code PolicyForwardBench} measures both.
 *
 * <p>A snapshot: create a new one after the policy's parameters or normaliser change (the
 * collector makes one per batch).
 */
public final class StepInference {
  private final int[] sizes;
  private final double[] p;
  private final double[] normMean, normInvStd;
  private final boolean normalize;
  private final double[] logStd;
  private double[] a, z;

  public StepInference(GaussianPolicy policy) {
    sizes = Mlp.layerSizes(policy.obsDim(), policy.hidden(), policy.actDim());
    p = policy.params().toDoubleVector();
    ObsNormalizer n = policy.normalizer();
    normalize = n.enabled();
    normMean = n.mean();
    double[] var = n.variance();
    normInvStd = new double[var.length];
    for (int j = 0; j < var.length; j++) normInvStd[j] = 1.0 / Math.sqrt(var[j] + 1e-8);
    logStd = policy.logStdValues().clone();
    a = new double[0];
    z = new double[0];
  }

  public double[] logStd() { return logStd; }

  /** Means for {@code rows} raw observations (row-major) into {@code out} ({@code [rows, actDim]}). */
  public void mean(double[] rawObs, int rows, double[] out) {
    int width = 0;
    for (int s : sizes) width = Math.max(width, s);
    if (a.length < rows * width) { a = new double[rows * width]; z = new double[rows * width]; }
    int in = sizes[0];
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < in; j++) {
        double x = rawObs[r * in + j];
        if (normalize) x = Math.max(-ObsNormalizer.CLIP, Math.min(ObsNormalizer.CLIP, (x - normMean[j]) * normInvStd[j]));
        a[r * in + j] = x;
      }
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
