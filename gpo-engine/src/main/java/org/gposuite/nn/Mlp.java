package org.gposuite.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gposuite.nn.kernel.Blas;
import org.gposuite.nn.kernel.FloatTanh;
import org.gposuite.nn.kernel.NativeArithmetic;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-layer perceptron with tanh hidden layers and a linear output, forward and backward
 * written by hand on nd4j ops.
 *
 * <p>Why hand-written: nd4j pays a fixed cost (~30 µs) per op, so the only way to be fast is
 * few, large ops into buffers that are reused. Each layer is one gemm ({@link Blas}) into a preallocated
 * buffer, then an in-place bias add and tanh; for FLOAT layers those two are one plain-Java
 * pass ({@link FloatTanh}), because nd4j's tanh alone cost 4x the gemm.
 *
 * <p>Parameters and gradients live in caller-owned flat row vectors; every weight matrix
 * ({@code [in, out]}, c order) and bias ({@code [1, out]}) is a view into them, so a whole
 * network (plus e.g. a log-std vector next to it) is copied, restored and optimised as one
 * array. Layout per layer: W then b.
 *
 * <p>Not thread-safe: forward caches activations for the following backward.
 */
public final class Mlp implements MlpNetwork {
  static {
    NativeArithmetic.pin(); // before this class makes its first nd4j array: OpenBLAS loads with it
  }

  private final int[] sizes;
  private final DataType dtype;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] gw;
  private final INDArray[] gb;
  /** Buffers per batch size; a handful of sizes occur (env count, batch, minibatch). */
  private final Map<Long, Buffers> buffers = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Buffers> eldest) {
      return size() > 6;
    }
  };
  private INDArray lastInput;
  private Buffers last;

  /** Layer sizes input, hidden..., output: the form every constructor here takes. */
  public static int[] layerSizes(int input, int[] hidden, int output) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = input;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = output;
    return sizes;
  }

  /** Number of parameters of an MLP with these layer sizes (input first, output last). */
  public static long numParams(int... sizes) {
    long n = 0;
    for (int l = 0; l + 1 < sizes.length; l++) n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
    return n;
  }

  /**
   * @param sizes layer widths, input first and output last (at least two entries)
   * @param params flat parameter row vector view of length {@link #numParams(int...)}
   * @param grads flat gradient row vector view of the same length
   */
  public Mlp(int[] sizes, INDArray params, INDArray grads) {
    check("Mlp", sizes, params, grads);
    this.sizes = sizes.clone();
    this.dtype = params.dataType();
    w = weights(sizes, params);
    b = biases(sizes, params);
    gw = weights(sizes, grads);
    gb = biases(sizes, grads);
  }

  /** The checks every {@link MlpNetwork} makes of its sizes and flat vectors; messages start with {@code who}. */
  static void check(String who, int[] sizes, INDArray params, INDArray grads) {
    if (sizes.length < 2) throw new IllegalArgumentException(who + " sizes: need input and output width, got " + sizes.length + " entries");
    for (int s : sizes) if (s <= 0) throw new IllegalArgumentException(who + " sizes: every width must be positive, got " + java.util.Arrays.toString(sizes));
    long p = numParams(sizes);
    if (params.length() != p || grads.length() != p)
      throw new IllegalArgumentException(who + " params/grads: expected length " + p + " for sizes " + java.util.Arrays.toString(sizes)
          + ", got " + params.length() + "/" + grads.length());
    if (params.dataType() != grads.dataType())
      throw new IllegalArgumentException(who + " params/grads: data types differ (" + params.dataType() + " vs " + grads.dataType() + ")");
  }

  /** The checks of a forward's input: {@code [n, inputSize]} of the network's data type. */
  static void checkInput(String who, int[] sizes, DataType dtype, INDArray x) {
    if (x.rank() != 2 || x.size(1) != sizes[0])
      throw new IllegalArgumentException(who + " input: expected [n, " + sizes[0] + "], got " + java.util.Arrays.toString(x.shape()));
    if (x.dataType() != dtype)
      throw new IllegalArgumentException(who + " input: data type " + x.dataType() + " but network is " + dtype + "; cast the input first");
  }

  /** The check of a backward's dLoss/dOutput: {@code [n, outputSize]}, n of the last forward. */
  static void checkOutputGradient(String who, long n, int outputSize, INDArray dOut) {
    if (dOut.rank() != 2 || dOut.size(0) != n || dOut.size(1) != outputSize)
      throw new IllegalArgumentException(who + ".backward: expected dOut [" + n + ", " + outputSize + "], got " + java.util.Arrays.toString(dOut.shape()));
  }

  /** Each layer's W as a {@code [in, out]} c-order view into the flat vector (our layout: per layer W, then b). */
  static INDArray[] weights(int[] sizes, INDArray flat) {
    INDArray[] w = new INDArray[sizes.length - 1];
    long off = 0;
    for (int l = 0; l < w.length; l++) {
      w[l] = view(flat, off, sizes[l], sizes[l + 1]);
      off += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    return w;
  }

  /** Each layer's b as a {@code [1, out]} view into the flat vector. */
  static INDArray[] biases(int[] sizes, INDArray flat) {
    INDArray[] b = new INDArray[sizes.length - 1];
    long off = 0;
    for (int l = 0; l < b.length; l++) {
      off += (long) sizes[l] * sizes[l + 1];
      b[l] = view(flat, off, 1, sizes[l + 1]);
      off += sizes[l + 1];
    }
    return b;
  }

  private static INDArray view(INDArray flat, long off, int rows, int cols) {
    INDArray v = flat.reshape('c', 1, flat.length()).get(NDArrayIndex.point(0), NDArrayIndex.interval(off, off + (long) rows * cols));
    return v.reshape('c', rows, cols);
  }

  @Override public int outputSize() { return sizes[sizes.length - 1]; }
  @Override public int[] sizes() { return sizes.clone(); }
  @Override public DataType dataType() { return dtype; }

  /**
   * Glorot-uniform weights (scaled by {@code outputScale} on the last layer), zero biases,
   * drawn from a Java RNG so the same seed gives the same bits on every backend.
   * A small output scale (e.g. 0.01 for a policy mean) starts the policy near zero mean,
   * the usual PPO initialisation.
   */
  @Override
  public void initialize(RandomGenerator rng, double outputScale) {
    initialize(sizes, w, b, rng, outputScale);
  }

  /** {@link #initialize} into given W and b views: every backend draws its parameters here. */
  static void initialize(int[] sizes, INDArray[] w, INDArray[] b, RandomGenerator rng, double outputScale) {
    DataType dtype = w[0].dataType();
    for (int l = 0; l < w.length; l++) {
      int in = sizes[l], out = sizes[l + 1];
      double limit = Math.sqrt(6.0 / (in + out)) * (l == w.length - 1 ? outputScale : 1.0);
      double[] vals = new double[in * out];
      for (int i = 0; i < vals.length; i++) vals[i] = (2 * rng.nextDouble() - 1) * limit;
      w[l].assign(Nd4j.createFromArray(vals).reshape(in, out).castTo(dtype));
      b[l].assign(0);
    }
  }

  /**
   * Output for a batch {@code x} of shape {@code [n, inputSize]}. The returned array is an
   * internal buffer, valid until the next forward with the same batch size. {@code x} is kept
   * by reference for {@link #backward}; do not change it in between.
   */
  @Override
  public INDArray forward(INDArray x) {
    checkInput("Mlp", sizes, dtype, x);
    Buffers buf = buffers(x.size(0));
    INDArray a = x;
    for (int l = 0; l < w.length; l++) {
      INDArray z = buf.act[l];
      Blas.gemm(a, w[l], z, false, false);
      if (l == w.length - 1) FloatTanh.biasAddInPlace(z, b[l]);
      else FloatTanh.biasTanhInPlace(z, b[l]);
      a = z;
    }
    lastInput = x;
    last = buf;
    return a;
  }

  /**
   * Back-propagates {@code dOut = dLoss/dOutput} ({@code [n, outputSize]}, same n as the last
   * forward) and writes (overwrites) the parameter gradient views. {@code dOut} is not changed.
   */
  @Override
  public void backward(INDArray dOut) {
    if (last == null) throw new IllegalStateException("Mlp.backward: call forward first");
    checkOutputGradient("Mlp", lastInput.size(0), outputSize(), dOut);
    Buffers buf = last;
    INDArray dz = dOut;
    for (int l = w.length - 1; l >= 0; l--) {
      INDArray aPrev = l == 0 ? lastInput : buf.act[l - 1];
      Blas.gemm(aPrev, dz, gw[l], true, false);
      FloatTanh.biasGradient(dz, gb[l], buf.ones);
      if (l > 0) {
        INDArray da = buf.delta[l - 1];
        Blas.gemm(dz, w[l], da, false, true);
        // tanh'(z) = 1 - tanh(z)^2, from the stored activation (FloatTanh falls back to nd4j's ops
        // for DOUBLE networks)
        FloatTanh.derivativeInPlace(da, aPrev);
        dz = da;
      }
    }
  }

  private Buffers buffers(long n) {
    Buffers buf = buffers.get(n);
    if (buf == null) {
      buf = new Buffers(n);
      buffers.put(n, buf);
    }
    return buf;
  }

  private final class Buffers {
    final INDArray[] act;   // post-activation of each layer (last: linear output)
    final INDArray[] delta; // dLoss/d(pre-activation) of each hidden layer
    final INDArray ones;

    Buffers(long n) {
      int layers = sizes.length - 1;
      act = new INDArray[layers];
      delta = new INDArray[layers - 1];
      for (int l = 0; l < layers; l++) act[l] = Nd4j.create(dtype, n, sizes[l + 1]);
      for (int l = 0; l < layers - 1; l++) delta[l] = Nd4j.create(dtype, n, sizes[l + 1]);
      ones = Nd4j.ones(dtype, 1, n);
    }
  }
}
