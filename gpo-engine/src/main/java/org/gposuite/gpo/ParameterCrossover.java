package org.gposuite.gpo;

import java.util.random.RandomGenerator;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The naive parameter-space crossover of Fig. 1 / Fig. 3a: every weight, bias and log-std entry of
 * the child is copied from parent x or parent y with probability 1/2 each (uniform crossover of the
 * flat parameter vector). A network needs one input normaliser; the child takes the stronger
 * parent's. For the comparison only: it never enters the population.
 */
public final class ParameterCrossover {
  private ParameterCrossover() {}

  public static GaussianPolicy mix(GaussianPolicy x, GaussianPolicy y, boolean normalizerFromX, RandomGenerator rng) {
    if (x.params().length() != y.params().length() || x.obsDim() != y.obsDim() || x.actDim() != y.actDim())
      throw new IllegalArgumentException("ParameterCrossover: parents must share one architecture");
    GaussianPolicy child = (normalizerFromX ? x : y).copy();
    double[] px = x.params().toDoubleVector(), py = y.params().toDoubleVector();
    double[] pc = new double[px.length];
    for (int i = 0; i < pc.length; i++) pc[i] = rng.nextBoolean() ? px[i] : py[i];
    child.params().assign(Nd4j.createFromArray(pc).reshape(1, pc.length).castTo(child.dataType()));
    return child;
  }
}
