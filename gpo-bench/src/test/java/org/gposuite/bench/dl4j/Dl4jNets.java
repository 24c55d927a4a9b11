package org.gposuite.bench.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's {@link MultiLayerNetwork} with the architecture of our {@code nn.Mlp}: dense tanh hidden
 * layers and a dense identity output (no loss layer: the PPO/DAgger/value losses hand the network
 * dLoss/dOutput, as they hand it to ours), FLOAT, no workspaces. {@link #copyFrom} copies our flat
 * parameters (per layer W [in, out] in c order, then b) into it, so both compute the same function.
 */
public final class Dl4jNets {
  private Dl4jNets() {}

  public static MultiLayerNetwork mlp(int[] sizes) {
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
    for (int l = 0; l + 1 < sizes.length; l++) {
      boolean out = l + 2 == sizes.length;
      b.layer(new DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1]).activation(out ? Activation.IDENTITY : Activation.TANH).build());
    }
    MultiLayerConfiguration conf = b.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Copies our flat parameter row vector ({@code Mlp} layout) into {@code net}. */
  public static void copyFrom(MultiLayerNetwork net, int[] sizes, INDArray flat) {
    INDArray row = flat.reshape('c', 1, flat.length());
    long off = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l], out = sizes[l + 1];
      INDArray w = row.get(NDArrayIndex.point(0), NDArrayIndex.interval(off, off + (long) in * out)).dup('c').reshape('c', in, out);
      off += (long) in * out;
      INDArray bias = row.get(NDArrayIndex.point(0), NDArrayIndex.interval(off, off + out)).dup('c').reshape('c', 1, out);
      off += out;
      Layer layer = net.getLayer(l);
      layer.getParam("W").assign(w);
      layer.getParam("b").assign(bias.reshape(layer.getParam("b").shape()));
    }
  }

  /** Forward (training mode, activations kept) then backward of {@code dOut}; returns the gradients. */
  public static Gradient forwardBackward(MultiLayerNetwork net, INDArray x, INDArray dOut) {
    net.setInput(x);
    net.feedForward(true, false);
    return net.backpropGradient(dOut, LayerWorkspaceMgr.noWorkspaces()).getFirst();
  }
}
