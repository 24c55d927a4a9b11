package org.gposuite.nn.kernel;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shuffled-minibatch training over rows held in Java arrays, as crossover's two small networks
 * are trained: DAgger's child (Eq. 2) and pi_S (Eq. 1). One epoch shuffles a permutation of the
 * rows ({@link Shuffle}), cuts it into minibatches of {@code minibatch} rows in order (the last
 * partial one included), gathers each minibatch's network inputs into a reused nd4j buffer,
 * lets the caller write the loss gradient for it, and takes one optimiser step (Adam, for both).
 *
 * <p>Why: on 64-row minibatches nd4j's fixed cost per op, not the arithmetic, was most of a step.
 * So the inputs (already normalised: both networks' normalisers are frozen while they train) are
 * read once into a Java array, and a step's only nd4j work is the network's forward and backward
 * and the optimiser; per-row labels stay the caller's, reached through {@link Minibatch#row}.
 * {@code CrossoverFastPathTest} checks both users against their all-nd4j references (test scope),
 * {@code CrossoverBench} measures both.
 */
public final class MinibatchTrainer {
  /**
   * One minibatch: rows {@code order[from .. from + rows)} of the data, their inputs gathered in
   * that order into {@code inputs} ({@code [rows, width]}, reused by later minibatches of the same size).
   */
  public record Minibatch(INDArray inputs, int[] order, int from, int rows) {
    /** The data row at row {@code r} of this minibatch. */
    public int row(int r) {
      return order[from + r];
    }
  }

  /** Writes the gradient of the loss on one minibatch into the parameters' gradient that the optimiser step reads. */
  public interface Gradient {
    void compute(Minibatch b);
  }

  private final double[] inputs;
  private final int n, width, minibatch;
  /** Input buffers for the full minibatches and for the last, partial one (null when there is none). */
  private final Buffer full, tail;

  /**
   * @param inputs row-major {@code [n, width]}, kept by reference
   * @param type the network's data type, for the input buffers
   */
  public MinibatchTrainer(double[] inputs, int width, int minibatch, DataType type) {
    if (minibatch <= 0) throw new IllegalArgumentException("MinibatchTrainer: minibatch must be positive, got " + minibatch);
    if (width <= 0 || inputs.length % width != 0)
      throw new IllegalArgumentException("MinibatchTrainer: " + inputs.length + " input values are not rows of " + width);
    this.inputs = inputs;
    this.width = width;
    this.minibatch = minibatch;
    n = inputs.length / width;
    full = new Buffer(Math.min(minibatch, n), width, type);
    tail = n > minibatch && n % minibatch != 0 ? new Buffer(n % minibatch, width, type) : null;
  }

  /** The number of rows. */
  public int size() {
    return n;
  }

  /**
   * One epoch: shuffles {@code order} (a permutation of the rows, kept by the caller across epochs)
   * with {@code rng}, then for each minibatch in order {@code gradient} and {@code optimizerStep}.
   */
  public void epoch(int[] order, RandomGenerator rng, Gradient gradient, Runnable optimizerStep) {
    if (order.length != n) throw new IllegalArgumentException("MinibatchTrainer.epoch: permutation has " + order.length + " rows, data " + n);
    Shuffle.permute(order, rng);
    for (int from = 0; from < n; from += minibatch) {
      int rows = Math.min(n, from + minibatch) - from;
      Buffer buf = rows == full.rows ? full : tail;
      for (int r = 0; r < rows; r++) System.arraycopy(inputs, order[from + r] * width, buf.x, r * width, width);
      HostArrays.write(buf.x, buf.array);
      gradient.compute(new Minibatch(buf.array, order, from, rows));
      optimizerStep.run();
    }
  }

  private static final class Buffer {
    final int rows;
    final double[] x;
    final INDArray array;

    Buffer(int rows, int width, DataType type) {
      this.rows = rows;
      x = new double[rows * width];
      array = Nd4j.create(type, rows, width);
    }
  }
}
