package org.gposuite.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the policy, value and parent-choice networks need from an MLP (tanh hidden layers, linear
 * output) whose parameters and gradients live in caller-owned flat row vectors, laid out per
 * layer as W {@code [in, out]} in c order, then b: {@link Mlp} (ours) or {@link Dl4jMlp} (DL4J's
 * MultiLayerNetwork); {@link NetworkBackend} picks one for a whole run.
 *
 * <p>Contract of both: {@link #forward} reads the current flat parameters; {@link #backward}
 * back-propagates through the last forward and overwrites the flat gradient. Not thread-safe.
 */
public interface MlpNetwork {
  /** Layer widths, input first and output last. */
  int[] sizes();

  DataType dataType();

  default int outputSize() {
    int[] s = sizes();
    return s[s.length - 1];
  }

  /**
   * Glorot-uniform weights (the last layer's scaled by {@code outputScale}), zero biases, drawn
   * from a Java RNG: the same seed gives the same parameter bits whatever the backend.
   */
  void initialize(RandomGenerator rng, double outputScale);

  /**
   * Output for a batch {@code x} ({@code [n, inputSize]}, the network's data type); valid until
   * the next forward with the same n. {@code x} is kept by reference for {@link #backward}.
   */
  INDArray forward(INDArray x);

  /** Writes dLoss/dParams into the flat gradient for {@code dOut = dLoss/dOutput} of the last forward. */
  void backward(INDArray dOut);
}
