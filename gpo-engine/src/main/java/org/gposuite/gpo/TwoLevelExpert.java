package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * pi_H(a|s) = pi_S(x|s) pi_x(a|s) + pi_S(y|s) pi_y(a|s) (Sec. 3.3.1): at each state it picks a parent
 * (the more likely one under ARGMAX, a draw from pi_S under SAMPLE) and acts with, and labels by, that
 * parent's Gaussian. Its parents must be used by one thread only (they cache forward buffers).
 */
public final class TwoLevelExpert implements Dagger.Expert {
  private final BinaryPolicy pis;
  private final GaussianPolicy x, y;
  private final GpoConfig.ParentChoice choice;
  private long chosenY, chosenTotal;

  public TwoLevelExpert(BinaryPolicy pis, GaussianPolicy x, GaussianPolicy y, GpoConfig.ParentChoice choice) {
    if (x.obsDim() != y.obsDim() || x.actDim() != y.actDim())
      throw new IllegalArgumentException("TwoLevelExpert: parents have different dimensions");
    this.pis = pis;
    this.x = x;
    this.y = y;
    this.choice = choice;
  }

  /** 1 where the expert picks parent y, 0 for x: {@code [n, 1]} in the policies' data type. */
  public INDArray choose(INDArray rawObs, SplittableRandom rng) {
    double[][] p = pis.probabilities(rawObs).toDoubleMatrix();
    double[] c = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      c[i] = switch (choice) {
        case ARGMAX -> p[i][1] > p[i][0] ? 1 : 0;
        case SAMPLE -> rng.nextDouble() < p[i][1] ? 1 : 0;
      };
      chosenY += (long) c[i];
    }
    chosenTotal += p.length;
    return Nd4j.createFromArray(c).reshape(p.length, 1).castTo(x.dataType());
  }

  @Override
  public Dagger.Label label(INDArray rawObs, SplittableRandom rng) {
    INDArray c = choose(rawObs, rng);
    INDArray notC = c.rsub(1.0);
    INDArray mean = x.mean(rawObs).mulColumnVector(notC).addi(y.mean(rawObs).mulColumnVector(c));
    long n = rawObs.size(0);
    INDArray lsx = Nd4j.zeros(x.dataType(), n, x.actDim()).addiRowVector(x.logStd());
    INDArray lsy = Nd4j.zeros(x.dataType(), n, x.actDim()).addiRowVector(y.logStd());
    INDArray logStd = lsx.muliColumnVector(notC).addi(lsy.muliColumnVector(c));
    return new Dagger.Label(mean, logStd);
  }

  /** Share of the labelled states for which the expert chose parent y (diagnostic). */
  public double shareOfY() {
    return chosenTotal == 0 ? Double.NaN : chosenY / (double) chosenTotal;
  }
}
