package org.gposuite.gpo;

import java.lang.reflect.Field;
import org.gposuite.nn.ObsNormalizer;

/**
 * Exact save and restore of an {@link ObsNormalizer}'s running statistics for checkpoints.
 *
 * <p>Why reflection: ObsNormalizer offers getters (copies) but no way to set statistics except by
 * folding in data, which cannot reproduce given bits. Until nn offers {@code restore(mean, var,
 * count)}, this writes the private fields (same unnamed module, so no --add-opens is needed).
 * The version counter is bumped so the normaliser's cached rows are rebuilt.
 */
record NormalizerState(double[] mean, double[] variance, double count) {

  static NormalizerState of(ObsNormalizer n) {
    return new NormalizerState(n.mean(), n.variance(), n.count());
  }

  void restoreInto(ObsNormalizer n) {
    if (n.dim() != mean.length)
      throw new IllegalArgumentException("NormalizerState: checkpoint has dimension " + mean.length + " but the normaliser " + n.dim());
    try {
      double[] m = (double[]) field("mean").get(n);
      double[] v = (double[]) field("var").get(n);
      System.arraycopy(mean, 0, m, 0, m.length);
      System.arraycopy(variance, 0, v, 0, v.length);
      field("count").setDouble(n, count);
      Field version = field("version");
      version.setLong(n, version.getLong(n) + 1);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("NormalizerState: ObsNormalizer's fields changed (mean, var, count, version expected); "
          + "update NormalizerState or give ObsNormalizer a restore method", e);
    }
  }

  private static Field field(String name) throws NoSuchFieldException {
    Field f = ObsNormalizer.class.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
