package org.gposuite.nn;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam over one flat parameter array, using nd4j's own Adam updater (bias-corrected moments,
 * beta1 0.9, beta2 0.999, epsilon 1e-8). {@link #step()} consumes the gradient array: nd4j
 * turns it into the update in place, which is then subtracted from the parameters.
 */
public final class AdamOptimizer {
  private final INDArray params;
  private final INDArray grads;
  private final INDArray m;
  private final INDArray v;
  private final GradientUpdater<?> updater;
  private int iteration;

  public AdamOptimizer(INDArray params, INDArray grads, double learningRate) {
    if (!(learningRate > 0)) throw new IllegalArgumentException("AdamOptimizer learningRate: must be > 0, got " + learningRate);
    if (params.length() != grads.length()) throw new IllegalArgumentException("AdamOptimizer: params and grads lengths differ");
    this.params = params;
    this.grads = grads;
    m = Nd4j.zeros(params.dataType(), params.shape());
    v = Nd4j.zeros(params.dataType(), params.shape());
    updater = new Adam(learningRate).instantiate(Map.of(AdamUpdater.M_STATE, m, AdamUpdater.V_STATE, v), true);
  }

  /** params -= Adam(grads); the gradient array holds the applied update afterwards. */
  public void step() {
    updater.applyUpdater(grads, iteration, 0);
    params.subi(grads);
    iteration++;
  }

  public int iterations() { return iteration; }

  /** Zero moments and step count, e.g. for a child policy that starts a new optimisation. */
  public void reset() {
    m.assign(0);
    v.assign(0);
    iteration = 0;
  }
}
