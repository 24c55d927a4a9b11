package org.gposuite.nn;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Who computes every network of a run (policy mean, value baseline, parent-choice pi_S), batched
 * and per environment step: our hand-written {@link Mlp} (the default, whose bits the expected
 * results hold) or DL4J's MultiLayerNetwork ({@link Dl4jMlp}), the reference it is measured
 * against. Both compute the same function from the same flat parameters, to float rounding.
 */
public enum NetworkBackend {
  OURS {
    @Override
    public MlpNetwork mlp(int[] sizes, INDArray params, INDArray grads) {
      return new Mlp(sizes, params, grads);
    }
  },
  DL4J {
    @Override
    public MlpNetwork mlp(int[] sizes, INDArray params, INDArray grads) {
      return new Dl4jMlp(sizes, params, grads);
    }
  };

  /** An MLP of this backend over caller-owned flat parameter and gradient vectors (see {@link MlpNetwork}). */
  public abstract MlpNetwork mlp(int[] sizes, INDArray params, INDArray grads);

  /** The name on command lines and in stored settings: "ours", "dl4j". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The backend of a {@link #label()}, any case; the message lists the names. */
  public static NetworkBackend of(String label) {
    for (NetworkBackend b : values()) if (b.label().equalsIgnoreCase(label.strip())) return b;
    throw new IllegalArgumentException("unknown networks \"" + label + "\"; use " + String.join(" or ", labels()));
  }

  /** Every label, in declaration order. */
  public static java.util.List<String> labels() {
    return Arrays.stream(values()).map(NetworkBackend::label).toList();
  }
}
