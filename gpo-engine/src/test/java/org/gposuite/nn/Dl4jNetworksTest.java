package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three networks of a run on DL4J's networks equal themselves on ours, built alike (same seed,
 * same parameter bits): a Gaussian policy's means (batched and per step) and its log-likelihood
 * gradient, the value baseline's loss and gradient, pi_S's weighted NLL and gradient. Tolerance:
 * a relative 1e-5 of the largest magnitude, as {@link Dl4jMlpTest}.
 */
class Dl4jNetworksTest {
  static final int OBS = 11, ACT = 3, ROWS = 256;
  final SplittableRandom r = new SplittableRandom(21);

  INDArray observations(int rows) {
    return MlpTest.randn(r, DataType.FLOAT, rows, OBS).muli(2).addi(1);
  }

  GaussianPolicy policy(NetworkBackend b, INDArray obs) {
    GaussianPolicy p = new GaussianPolicy(GaussianPolicy.Architecture.paper(OBS, ACT, true, b), 5, -0.4);
    p.normalizer().update(obs.castTo(DataType.DOUBLE).reshape(obs.length()).toDoubleVector(), (int) obs.size(0));
    return p;
  }

  @Test
  void gaussianPolicyMeansAndGradientsEqualOurs() {
    INDArray obs = observations(ROWS);
    GaussianPolicy ours = policy(NetworkBackend.OURS, obs), dl4j = policy(NetworkBackend.DL4J, obs);
    assertEquals(NetworkBackend.DL4J, dl4j.backend());
    assertEquals(ours.params(), dl4j.params(), "initialisation is ours on both backends");
    // move the output layer off its 0.01-scaled start, so the means are not all near zero
    INDArray step = MlpTest.randn(r, DataType.FLOAT, 1, (int) ours.params().length()).muli(0.1);
    ours.params().addi(step);
    dl4j.params().addi(step);
    Dl4jMlpTest.close(ours.mean(obs).dup(), dl4j.mean(obs).dup(), "batched mean");

    INDArray act = MlpTest.randn(r, DataType.FLOAT, ROWS, ACT), up = MlpTest.randn(r, DataType.FLOAT, ROWS, 1).divi(ROWS);
    for (GaussianPolicy p : new GaussianPolicy[] {ours, dl4j}) {
      DiagGaussianGradients.Grad g = DiagGaussianGradients.logProbGrad(p.mean(obs), p.logStd(), act, up);
      p.backward(g.dMean(), g.dLogStd().sum(true, 0));
    }
    Dl4jMlpTest.close(ours.grads(), dl4j.grads(), "log-likelihood gradient");

    // per step: the collector's and the evaluation's path, through the DL4J snapshot
    double[] raw = obs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8), org.nd4j.linalg.indexing.NDArrayIndex.all())
        .castTo(DataType.DOUBLE).dup('c').reshape(8 * OBS).toDoubleVector();
    double[] a = new double[8 * ACT], b = new double[8 * ACT];
    new StepInference(ours).forward(raw, 8, a);
    new StepInference(dl4j).forward(raw, 8, b);
    Dl4jMlpTest.close(Nd4j.createFromArray(a), Nd4j.createFromArray(b), "per-step means");
    GaussianPolicy copy = dl4j.copy();
    assertEquals(NetworkBackend.DL4J, copy.backend(), "a copy keeps the backend");
    Dl4jMlpTest.close(ours.mean(obs).dup(), copy.mean(obs).dup(), "the copy's mean");
  }

  @Test
  void valueLossAndGradientEqualOurs() {
    INDArray obs = observations(ROWS);
    INDArray targets = MlpTest.randn(r, DataType.FLOAT, ROWS, 1).muli(10);
    ObsNormalizer norm = new ObsNormalizer(OBS, true);
    norm.update(obs.castTo(DataType.DOUBLE).reshape(obs.length()).toDoubleVector(), ROWS);
    ValueFunction ours = new ValueFunction(OBS, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 9, norm, NetworkBackend.OURS);
    ValueFunction dl4j = new ValueFunction(OBS, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 9, norm, NetworkBackend.DL4J);
    double lo = ours.lossAndGradient(obs, targets), ld = dl4j.lossAndGradient(obs, targets);
    assertEquals(lo, ld, 1e-5 * lo);
    Dl4jMlpTest.close(ours.grads(), dl4j.grads(), "value gradient");
  }

  @Test
  void parentChoiceNllAndGradientEqualOurs() {
    INDArray obs = observations(64);
    int[] parent = new int[64];
    double[] weight = new double[64];
    for (int i = 0; i < 64; i++) { parent[i] = r.nextInt(2); weight[i] = r.nextDouble() * 2; }
    ObsNormalizer norm = new ObsNormalizer(OBS, true);
    norm.update(obs.castTo(DataType.DOUBLE).reshape(obs.length()).toDoubleVector(), 64);
    BinaryPolicy ours = new BinaryPolicy(OBS, BinaryPolicy.PAPER_HIDDEN, DataType.FLOAT, 4, norm, NetworkBackend.OURS);
    BinaryPolicy dl4j = new BinaryPolicy(OBS, BinaryPolicy.PAPER_HIDDEN, DataType.FLOAT, 4, norm, NetworkBackend.DL4J);
    INDArray step = MlpTest.randn(r, DataType.FLOAT, 1, (int) ours.params().length()).muli(0.1);
    ours.params().addi(step);
    dl4j.params().addi(step);
    double lo = ours.weightedNllAndGradientOfNormalized(ours.normalize(obs), parent, weight);
    double ld = dl4j.weightedNllAndGradientOfNormalized(dl4j.normalize(obs), parent, weight);
    assertEquals(lo, ld, 1e-5 * lo);
    Dl4jMlpTest.close(ours.grads(), dl4j.grads(), "pi_S gradient");
    double[] raw = obs.castTo(DataType.DOUBLE).reshape(64 * OBS).toDoubleVector();
    double[] a = new double[64 * 2], b = new double[64 * 2];
    new StepInference(ours).forward(raw, 64, a);
    new StepInference(dl4j).forward(raw, 64, b);
    Dl4jMlpTest.close(Nd4j.createFromArray(a), Nd4j.createFromArray(b), "per-step logits");
  }
}
