package org.gposuite.nn;

import java.lang.ref.Reference;
import java.util.List;
import java.util.random.RandomGenerator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gposuite.nn.kernel.HostArrays;
import org.gposuite.nn.kernel.NativeArithmetic;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same MLP as {@link Mlp} (tanh hidden layers, linear output, our flat parameter and gradient
 * vectors) computed by DL4J's {@link MultiLayerNetwork}: dense tanh layers and a dense identity
 * output, no loss layer (the PPO, value and DAgger losses hand it dLoss/dOutput as they hand it to
 * ours), no workspaces, the flat vectors' data type.
 *
 * <p>Parameters: our flat vector stays the one the optimiser, checkpoints and copies work on.
 * DL4J keeps its own flat vector (per layer W then b too, but W in 'f' order, i.e. transposed
 * against ours), so it cannot view our buffer without changing our layout; instead each
 * {@link #forward} copies our parameters into DL4J's vector and each {@link #backward} copies
 * DL4J's gradient back into our flat gradient, both through one index map (a permutation: the
 * values keep their bits). That is a pass over ~6k floats for the paper's policy, microseconds
 * against DL4J's forward and backward.
 *
 * <p>Initialisation is ours ({@link Mlp#initialize}: the same draws from the same Java RNG), so a
 * run on DL4J's networks starts from the same parameters as one on ours.
 */
public final class Dl4jMlp implements MlpNetwork {
  static {
    NativeArithmetic.pin(); // before this class makes its first nd4j array: OpenBLAS loads with it
  }

  private final int[] sizes;
  private final DataType dtype;
  private final INDArray params, grads;
  private final MultiLayerNetwork net;
  /** ourIndex[k]: the element of our flat vector that is element k of DL4J's. */
  private final int[] ourIndex;
  private boolean forwardDone;

  public Dl4jMlp(int[] sizes, INDArray params, INDArray grads) {
    Mlp.check("Dl4jMlp", sizes, params, grads);
    if (!HostArrays.unitStrideVector(params) || !HostArrays.unitStrideVector(grads))
      throw new IllegalArgumentException("Dl4jMlp params/grads: need FLOAT or DOUBLE vectors with consecutive elements (a flat vector or an interval of one)");
    this.sizes = sizes.clone();
    this.dtype = params.dataType();
    this.params = params;
    this.grads = grads;
    net = network(sizes, dtype);
    ourIndex = ourIndexOfDl4jElements(sizes, net);
  }

  /** DL4J's network of this architecture, its parameters a zero vector of ours (DL4J draws none). */
  static MultiLayerNetwork network(int[] sizes, DataType dtype) {
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .dataType(dtype)
        .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
    for (int l = 0; l + 1 < sizes.length; l++) {
      boolean output = l + 2 == sizes.length;
      b.layer(new DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1]).activation(output ? Activation.IDENTITY : Activation.TANH).build());
    }
    MultiLayerNetwork net = new MultiLayerNetwork(b.build());
    net.init(Nd4j.create(dtype, 1, Mlp.numParams(sizes)), false);
    net.initGradientsView();
    return net;
  }

  /**
   * The index map between DL4J's flat vector and ours, read off DL4J's own parameter views (their
   * offsets and strides into its flat vector), so that it holds whatever order DL4J uses.
   */
  private static int[] ourIndexOfDl4jElements(int[] sizes, MultiLayerNetwork net) {
    int[] map = new int[(int) Mlp.numParams(sizes)];
    java.util.Arrays.fill(map, -1);
    INDArray flat = net.params();
    int ours = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      Layer layer = net.getLayer(l);
      INDArray w = layer.getParam("W"), b = layer.getParam("b");
      int in = sizes[l], out = sizes[l + 1];
      for (int i = 0; i < in; i++)
        for (int o = 0; o < out; o++) map[dl4jIndex(flat, w, i, o)] = ours++;
      for (int o = 0; o < out; o++) map[dl4jIndex(flat, b, 0, o)] = ours++;
    }
    for (int k = 0; k < map.length; k++)
      if (map[k] < 0) throw new IllegalStateException("Dl4jMlp: DL4J's parameter " + k + " belongs to no W or b of sizes " + java.util.Arrays.toString(sizes));
    return map;
  }

  /** Where element (i, o) of a parameter view (W {@code [in, out]}, b {@code [1, out]} or {@code [out]}) lies in DL4J's flat vector. */
  private static int dl4jIndex(INDArray flat, INDArray view, int i, int o) {
    long k = view.offset() - flat.offset() + (view.rank() == 1 ? o * view.stride(0) : i * view.stride(0) + o * view.stride(1));
    return (int) k;
  }

  @Override public int[] sizes() { return sizes.clone(); }
  @Override public DataType dataType() { return dtype; }

  @Override
  public void initialize(RandomGenerator rng, double outputScale) {
    Mlp.initialize(sizes, Mlp.weights(sizes, params), Mlp.biases(sizes, params), rng, outputScale);
  }

  /** DL4J's output for {@code x}: a new array. Activations are kept for {@link #backward}. */
  @Override
  public INDArray forward(INDArray x) {
    Mlp.checkInput("Dl4jMlp", sizes, dtype, x);
    permute(params, net.params(), true);
    net.setInput(x);
    List<INDArray> activations = net.feedForward(true, false); // train mode keeps each layer's input for the backward
    forwardDone = true;
    return activations.get(activations.size() - 1);
  }

  @Override
  public void backward(INDArray dOut) {
    if (!forwardDone) throw new IllegalStateException("Dl4jMlp.backward: call forward first");
    Mlp.checkOutputGradient("Dl4jMlp", net.getInput().size(0), outputSize(), dOut);
    // DL4J writes every layer's gradient into its flat gradient view; the returned Gradient holds views of it
    net.backpropGradient(dOut, LayerWorkspaceMgr.noWorkspaces());
    permute(grads, net.getFlattenedGradients(), false);
  }

  /** {@code toDl4j}: DL4J's vector = ours, in its order; else ours = DL4J's. Values keep their bits. */
  private void permute(INDArray ours, INDArray dl4j, boolean toDl4j) {
    int base = (int) ours.offset(), dBase = (int) dl4j.offset();
    if (dtype == DataType.FLOAT) {
      java.nio.FloatBuffer o = ours.data().asNioFloat(), d = dl4j.data().asNioFloat();
      if (toDl4j) for (int k = 0; k < ourIndex.length; k++) d.put(dBase + k, o.get(base + ourIndex[k]));
      else for (int k = 0; k < ourIndex.length; k++) o.put(base + ourIndex[k], d.get(dBase + k));
    } else {
      java.nio.DoubleBuffer o = ours.data().asNioDouble(), d = dl4j.data().asNioDouble();
      if (toDl4j) for (int k = 0; k < ourIndex.length; k++) d.put(dBase + k, o.get(base + ourIndex[k]));
      else for (int k = 0; k < ourIndex.length; k++) o.put(base + ourIndex[k], d.get(dBase + k));
    }
    Reference.reachabilityFence(ours); // the NIO views do not hold the arrays
    Reference.reachabilityFence(dl4j);
  }
}
