package org.gposuite.gpo;

import java.util.random.RandomGenerator;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;
import org.gposuite.nn.kernel.DimensionOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * pi_H(a|s) = pi_S(x|s) pi_x(a|s) + pi_S(y|s) pi_y(a|s) (Sec. 3.3.1): at each state it picks a parent
 * (the more likely one under ARGMAX, a draw from pi_S under SAMPLE) and acts with, and labels by, that
 * parent's Gaussian. Its parents must be used by one thread only (they cache forward buffers).
 *
 * <p>Two paths: batches of states (the student's, labelled after each rollout) go through the
 * networks' nd4j forwards; the few rows of one step while the expert acts go through
 * {@link StepInference} snapshots of pi_S and both parents, taken at the first step (the expert
 * does not change during a crossover), so that ~1,000 acting steps do not each pay ~30 nd4j
 * per-op costs. Both choose and label alike ({@code CrossoverTest}).
 */
public final class TwoLevelExpert implements Dagger.Expert {
  private final BinaryPolicy pis;
  private final GaussianPolicy x, y;
  private final CrossoverSection.ParentChoice choice;
  private long chosenY, chosenTotal;
  private StepInference stepPis, stepX, stepY;
  private double[] logits, meanX, meanY;

  public TwoLevelExpert(BinaryPolicy pis, GaussianPolicy x, GaussianPolicy y, CrossoverSection.ParentChoice choice) {
    if (x.obsDim() != y.obsDim() || x.actDim() != y.actDim())
      throw new IllegalArgumentException("TwoLevelExpert: parents have different dimensions");
    this.pis = pis;
    this.x = x;
    this.y = y;
    this.choice = choice;
  }

  /** 1 where the expert picks parent y, 0 for x: {@code [n, 1]} in the policies' data type. */
  public INDArray choose(INDArray rawObs, RandomGenerator rng) {
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
  public Dagger.Label label(INDArray rawObs, RandomGenerator rng) {
    INDArray c = choose(rawObs, rng);
    INDArray notC = c.rsub(1.0);
    INDArray mean = DimensionOps.muliColumnVector(x.mean(rawObs).dup(), notC).addi(DimensionOps.muliColumnVector(y.mean(rawObs).dup(), c));
    long n = rawObs.size(0);
    INDArray lsx = DimensionOps.addiRowVector(Nd4j.zeros(x.dataType(), n, x.actDim()), x.logStd());
    INDArray lsy = DimensionOps.addiRowVector(Nd4j.zeros(x.dataType(), n, x.actDim()), y.logStd());
    INDArray logStd = DimensionOps.muliColumnVector(lsx, notC).addi(DimensionOps.muliColumnVector(lsy, c));
    return new Dagger.Label(mean, logStd);
  }

  @Override
  public void distribution(double[] rawObs, int rows, RandomGenerator rng, double[] mean, double[] logStd) {
    int ad = x.actDim();
    if (stepPis == null) {
      stepPis = new StepInference(pis);
      stepX = new StepInference(x);
      stepY = new StepInference(y);
    }
    if (logits == null || logits.length < 2 * rows) {
      logits = new double[2 * rows];
      meanX = new double[rows * ad];
      meanY = new double[rows * ad];
    }
    stepPis.forward(rawObs, rows, logits);
    stepX.forward(rawObs, rows, meanX);
    stepY.forward(rawObs, rows, meanY);
    double[] lsx = stepX.logStd(), lsy = stepY.logStd();
    for (int r = 0; r < rows; r++) {
      // softmax over two logits: p(y) = 1 / (1 + exp(l_x - l_y)); argmax compares the logits
      double pY = 1.0 / (1.0 + Math.exp(logits[2 * r] - logits[2 * r + 1]));
      boolean pickY = switch (choice) {
        case ARGMAX -> logits[2 * r + 1] > logits[2 * r];
        case SAMPLE -> rng.nextDouble() < pY;
      };
      if (pickY) chosenY++;
      System.arraycopy(pickY ? meanY : meanX, r * ad, mean, r * ad, ad);
      System.arraycopy(pickY ? lsy : lsx, 0, logStd, r * ad, ad);
    }
    chosenTotal += rows;
  }

  /** Share of the labelled states for which the expert chose parent y (diagnostic). */
  public double shareOfY() {
    return chosenTotal == 0 ? Double.NaN : chosenY / (double) chosenTotal;
  }
}
