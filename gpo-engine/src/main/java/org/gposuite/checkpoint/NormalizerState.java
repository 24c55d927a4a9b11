package org.gposuite.checkpoint;

import org.gposuite.nn.ObsNormalizer;

/**
 * Exact save and restore of an {@link ObsNormalizer}'s running statistics for checkpoints, through
 * {@link ObsNormalizer#restore} (the same bits, so a resumed run continues exactly).
 */
public record NormalizerState(double[] mean, double[] variance, double count) {

  public static NormalizerState of(ObsNormalizer n) {
    return new NormalizerState(n.mean(), n.variance(), n.count());
  }

  public void restoreInto(ObsNormalizer n) {
    if (n.dim() != mean.length)
      throw new IllegalArgumentException("NormalizerState: checkpoint has dimension " + mean.length + " but the normaliser " + n.dim());
    n.restore(mean, variance, count);
  }
}
