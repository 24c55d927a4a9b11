package org.gposuite.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import org.gposuite.nn.kernel.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam over one flat parameter array (bias-corrected moments, beta1 0.9, beta2 0.999,
 * epsilon 1e-8), in nd4j's formulation: with {@code t} the 1-based step,
 * <pre>
 *   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
 *   alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t),   params -= alpha m / (sqrt(v) + epsilon)
 * </pre>
 *
 * <p>Why plain Java: nd4j's Adam is one custom op whose fixed cost (op context, shape
 * descriptors) dominates on the 5.7k parameters of a 64-64 policy: ~51 µs a step against ~5 µs
 * here (AdamBench). PPO takes 30 steps per iteration (10 policy epochs, 20 value-fit steps) and
 * crossover's minibatch training thousands per child. This loop reads and writes the parameters in
 * their nd4j buffer, with the moments in Java arrays, in the element type of the parameters.
 * {@link #nd4jReference} keeps nd4j's updater: {@code AdamOptimizerTest} checks the two agree and
 * {@code AdamBench} measures both.
 *
 * <p>{@link #step()} reads the gradient array and leaves it unchanged.
 */
public final class AdamOptimizer {
  private static final double BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;

  private final INDArray params;
  private final INDArray grads;
  private final double learningRate;
  private final boolean isFloat;
  private final int length;
  private final int paramOffset, gradOffset;
  private final float[] mF, vF, pF, gF;
  private final double[] mD, vD, pD, gD;
  /** Non-null only for the nd4j reference. */
  private final GradientUpdater<?> nd4j;
  private final INDArray nd4jM, nd4jV;
  private int iteration;

  public AdamOptimizer(INDArray params, INDArray grads, double learningRate) {
    this(params, grads, learningRate, false);
  }

  /**
   * The same optimiser running nd4j's own Adam updater (one custom op per step): the reference
   * the plain-Java step is tested and benchmarked against. Like the pre-kernel version, it turns
   * the gradient array into the applied update.
   */
  public static AdamOptimizer nd4jReference(INDArray params, INDArray grads, double learningRate) {
    return new AdamOptimizer(params, grads, learningRate, true);
  }

  private AdamOptimizer(INDArray params, INDArray grads, double learningRate, boolean useNd4j) {
    if (!(learningRate > 0)) throw new IllegalArgumentException("AdamOptimizer learningRate: must be > 0, got " + learningRate);
    if (params.length() != grads.length()) throw new IllegalArgumentException("AdamOptimizer: params and grads lengths differ");
    if (params.dataType() != grads.dataType())
      throw new IllegalArgumentException("AdamOptimizer: params are " + params.dataType() + " but grads " + grads.dataType());
    if (params.dataType() != DataType.FLOAT && params.dataType() != DataType.DOUBLE)
      throw new IllegalArgumentException("AdamOptimizer: FLOAT or DOUBLE parameters only, got " + params.dataType());
    if (!HostArrays.unitStrideVector(params) || !HostArrays.unitStrideVector(grads))
      throw new IllegalArgumentException("AdamOptimizer: params and grads must each be one contiguous row (a flat parameter vector or a unit-stride view of one)");
    this.params = params;
    this.grads = grads;
    this.learningRate = learningRate;
    this.length = (int) params.length();
    this.isFloat = params.dataType() == DataType.FLOAT;
    this.paramOffset = (int) params.offset();
    this.gradOffset = (int) grads.offset();
    mF = isFloat && !useNd4j ? new float[length] : null;
    vF = isFloat && !useNd4j ? new float[length] : null;
    pF = isFloat && !useNd4j ? new float[length] : null;
    gF = isFloat && !useNd4j ? new float[length] : null;
    mD = !isFloat && !useNd4j ? new double[length] : null;
    vD = !isFloat && !useNd4j ? new double[length] : null;
    pD = !isFloat && !useNd4j ? new double[length] : null;
    gD = !isFloat && !useNd4j ? new double[length] : null;
    if (useNd4j) {
      nd4jM = Nd4j.zeros(params.dataType(), params.shape());
      nd4jV = Nd4j.zeros(params.dataType(), params.shape());
      nd4j = new Adam(learningRate).instantiate(Map.of(AdamUpdater.M_STATE, nd4jM, AdamUpdater.V_STATE, nd4jV), true);
    } else {
      nd4jM = nd4jV = null;
      nd4j = null;
    }
  }


  /** params -= Adam(grads). */
  public void step() {
    if (nd4j != null) {
      nd4j.applyUpdater(grads, iteration, 0);
      params.subi(grads);
    } else if (isFloat) {
      stepFloat();
    } else {
      stepDouble();
    }
    iteration++;
  }

  private double alpha() {
    int t = iteration + 1;
    return learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
  }

  private void stepFloat() {
    FloatBuffer pb = params.data().asNioFloat(), gb = grads.data().asNioFloat();
    pb.get(paramOffset, pF, 0, length);
    gb.get(gradOffset, gF, 0, length);
    float b1 = (float) BETA1, b2 = (float) BETA2, c1 = (float) (1 - BETA1), c2 = (float) (1 - BETA2), eps = (float) EPSILON;
    float alpha = (float) alpha();
    for (int i = 0; i < length; i++) {
      float g = gF[i];
      float m = b1 * mF[i] + g * c1;
      float v = b2 * vF[i] + g * g * c2;
      mF[i] = m;
      vF[i] = v;
      pF[i] -= m * alpha / ((float) Math.sqrt(v) + eps);
    }
    pb.put(paramOffset, pF, 0, length);
  }

  private void stepDouble() {
    DoubleBuffer pb = params.data().asNioDouble(), gb = grads.data().asNioDouble();
    pb.get(paramOffset, pD, 0, length);
    gb.get(gradOffset, gD, 0, length);
    double alpha = alpha();
    for (int i = 0; i < length; i++) {
      double g = gD[i];
      double m = BETA1 * mD[i] + g * (1 - BETA1);
      double v = BETA2 * vD[i] + g * g * (1 - BETA2);
      mD[i] = m;
      vD[i] = v;
      pD[i] -= m * alpha / (Math.sqrt(v) + EPSILON);
    }
    pb.put(paramOffset, pD, 0, length);
  }

  public int iterations() { return iteration; }

  /** Zero moments and step count, e.g. for a child policy that starts a new optimisation. */
  public void reset() {
    if (nd4j != null) {
      nd4jM.assign(0);
      nd4jV.assign(0);
    } else if (isFloat) {
      java.util.Arrays.fill(mF, 0f);
      java.util.Arrays.fill(vF, 0f);
    } else {
      java.util.Arrays.fill(mD, 0.0);
      java.util.Arrays.fill(vD, 0.0);
    }
    iteration = 0;
  }

  /** Adam's whole state, the step count and both moments (as doubles: exact for float moments too). */
  public record State(int iteration, double[] m, double[] v) {}

  /** The state a checkpoint taken mid-training keeps, so that the next step is the uninterrupted one's. */
  public State state() {
    if (nd4j != null) return new State(iteration, nd4jM.toDoubleVector(), nd4jV.toDoubleVector());
    if (isFloat) {
      double[] m = new double[length], v = new double[length];
      for (int i = 0; i < length; i++) {
        m[i] = mF[i];
        v[i] = vF[i];
      }
      return new State(iteration, m, v);
    }
    return new State(iteration, mD.clone(), vD.clone());
  }

  /** Continues from {@code s}, which {@link #state} returned for parameters of the same length and type. */
  public void restore(State s) {
    if (s.m().length != length || s.v().length != length)
      throw new IllegalArgumentException("AdamOptimizer: a state of " + s.m().length + " moments for " + length + " parameters");
    if (nd4j != null) {
      nd4jM.assign(Nd4j.createFromArray(s.m()).castTo(nd4jM.dataType()).reshape(nd4jM.shape()));
      nd4jV.assign(Nd4j.createFromArray(s.v()).castTo(nd4jV.dataType()).reshape(nd4jV.shape()));
    } else if (isFloat) {
      for (int i = 0; i < length; i++) {
        mF[i] = (float) s.m()[i];
        vF[i] = (float) s.v()[i];
      }
    } else {
      System.arraycopy(s.m(), 0, mD, 0, length);
      System.arraycopy(s.v(), 0, vD, 0, length);
    }
    iteration = s.iteration();
  }
}
