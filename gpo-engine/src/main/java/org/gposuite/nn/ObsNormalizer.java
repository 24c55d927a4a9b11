package org.gposuite.nn;

import java.util.Arrays;
import org.gposuite.nn.kernel.DimensionOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Running mean/variance observation normaliser: x -> clip((x - mean) / sqrt(var + 1e-8), +-CLIP).
 * Disabled, it is the identity. The statistics change only through {@link #update}, which the
 * algorithms call between collection and the next collection, never inside an update, so the
 * policy is a fixed function while its gradient steps run.
 */
public final class ObsNormalizer {
  /** Clip after normalisation; keeps early, badly estimated statistics from producing huge inputs. */
  public static final double CLIP = 10.0;
  private final boolean enabled;
  private final double[] mean;
  private final double[] var;
  private double count;
  private long version;
  /**
   * The statistics as nd4j rows, rebuilt lazily after a change. One immutable snapshot swapped
   * whole, so that two threads normalising at once (a policy and a network sharing its normaliser)
   * at worst both rebuild it and never see half of one.
   */
  private volatile Rows rows;

  private record Rows(long version, DataType dtype, INDArray mean, INDArray invStd) {}

  public ObsNormalizer(int dim, boolean enabled) {
    if (dim <= 0) throw new IllegalArgumentException("ObsNormalizer dim: must be positive, got " + dim);
    this.enabled = enabled;
    mean = new double[dim];
    var = new double[dim];
    Arrays.fill(var, 1.0);
  }

  public boolean enabled() { return enabled; }
  public int dim() { return mean.length; }
  public double count() { return count; }
  /**
   * Changes whenever the statistics change ({@link #update}, {@link #copyFrom}, {@link #restore}): a caller that
   * normalised a batch once can tell whether its copy is still what {@link #normalizeInto} gives.
   */
  public long version() { return version; }

  /** Merges {@code rows} observations (row-major {@code [rows, dim]}) into the statistics (Chan et al. parallel update). */
  public void update(double[] obs, int rows) {
    if (!enabled || rows == 0) return;
    int d = mean.length;
    if (obs.length < (long) rows * d) throw new IllegalArgumentException("ObsNormalizer.update: need " + rows * d + " values, got " + obs.length);
    double[] bm = new double[d], bv = new double[d];
    for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) bm[j] += obs[r * d + j];
    for (int j = 0; j < d; j++) bm[j] /= rows;
    for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) { double e = obs[r * d + j] - bm[j]; bv[j] += e * e; }
    for (int j = 0; j < d; j++) bv[j] /= rows;
    double tot = count + rows;
    for (int j = 0; j < d; j++) {
      double delta = bm[j] - mean[j];
      double m2 = var[j] * count + bv[j] * rows + delta * delta * count * rows / tot;
      mean[j] += delta * rows / tot;
      var[j] = m2 / tot;
    }
    count = tot;
    version++;
  }

  /** Normalises one value of dimension j (plain Java, for per-step inference). */
  public double normalize(double x, int j) {
    if (!enabled) return x;
    double z = (x - mean[j]) / Math.sqrt(var[j] + 1e-8);
    return Math.max(-CLIP, Math.min(CLIP, z));
  }

  /** Writes the normalised {@code raw} into {@code out} (same shape, {@code [n, dim]}) with nd4j ops; returns out. */
  public INDArray normalizeInto(INDArray raw, INDArray out) {
    out.assign(raw);
    if (!enabled) return out;
    Rows r = rows;
    if (r == null || r.version() != version || r.dtype() != out.dataType()) rows = r = buildRows(out.dataType());
    DimensionOps.muliRowVector(DimensionOps.subiRowVector(out, r.mean()), r.invStd());
    Transforms.max(out, -CLIP, false);
    Transforms.min(out, CLIP, false);
    return out;
  }

  private Rows buildRows(DataType t) {
    double[] inv = new double[mean.length];
    for (int j = 0; j < inv.length; j++) inv[j] = 1.0 / Math.sqrt(var[j] + 1e-8);
    return new Rows(version, t, Nd4j.createFromArray(mean.clone()).reshape(1, mean.length).castTo(t),
        Nd4j.createFromArray(inv).reshape(1, mean.length).castTo(t));
  }

  public void copyFrom(ObsNormalizer other) {
    if (other.mean.length != mean.length || other.enabled != enabled)
      throw new IllegalArgumentException("ObsNormalizer.copyFrom: incompatible normaliser (dim/enabled differ)");
    System.arraycopy(other.mean, 0, mean, 0, mean.length);
    System.arraycopy(other.var, 0, var, 0, var.length);
    count = other.count;
    version++;
  }

  /**
   * Sets the statistics to exactly these values (copied), e.g. from a checkpoint written with
   * {@link #mean()}, {@link #variance()} and {@link #count()}: the normaliser then gives the same
   * bits as the one they were read from, and later {@link #update}s continue as it would have.
   * Bumps {@link #version()}. A disabled normaliser keeps the values but stays the identity.
   *
   * @param mean per-dimension running mean, length {@link #dim()}
   * @param variance per-dimension running variance, length {@link #dim()}, each finite and {@code >= 0}
   * @param count observations folded in so far, finite and {@code >= 0}
   * @throws IllegalArgumentException if a length differs from {@link #dim()} or a value is out of range;
   *     the statistics are unchanged then
   */
  public void restore(double[] mean, double[] variance, double count) {
    if (mean.length != this.mean.length || variance.length != var.length)
      throw new IllegalArgumentException("ObsNormalizer.restore: need mean and variance of length " + this.mean.length + " (dim), got "
          + mean.length + " and " + variance.length + "; restore into a normaliser of the same dimension");
    if (!(count >= 0) || Double.isInfinite(count))
      throw new IllegalArgumentException("ObsNormalizer.restore: count must be finite and >= 0, got " + count);
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) throw new IllegalArgumentException("ObsNormalizer.restore: mean[" + j + "] is " + mean[j] + "; must be finite");
      if (!(variance[j] >= 0) || Double.isInfinite(variance[j]))
        throw new IllegalArgumentException("ObsNormalizer.restore: variance[" + j + "] is " + variance[j] + "; must be finite and >= 0");
    }
    System.arraycopy(mean, 0, this.mean, 0, mean.length);
    System.arraycopy(variance, 0, var, 0, var.length);
    this.count = count;
    version++;
  }

  public double[] mean() { return mean.clone(); }
  public double[] variance() { return var.clone(); }
}
