package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StepInferenceTest {
  @Test
  void plainJavaStepPathMatchesNd4jBatchedPath() {
    for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(11, 4, GaussianPolicy.PAPER_HIDDEN, t, true), 3, -0.7);
      SplittableRandom r = new SplittableRandom(4);
      p.params().addi(MlpTest.randn(r, t, 1, (int) p.params().length()).muli(0.1));
      double[] obs = new double[8 * 11];
      for (int i = 0; i < obs.length; i++) obs[i] = 2 + 5 * r.nextGaussian();
      p.normalizer().update(obs, 8);
      obs[3] = 1e4; // exercises the clip
      double[] out = new double[8 * 4];
      StepInference s = new StepInference(p);
      s.forward(obs, 8, out);
      INDArray ref = p.mean(Nd4j.createFromArray(obs).reshape(8, 11).castTo(t));
      double tol = t == DataType.DOUBLE ? 1e-12 : 1e-5;
      for (int i = 0; i < out.length; i++) assertEquals(ref.getDouble((long) i), out[i], tol, t + " entry " + i);
      assertEquals(p.logStd().getDouble(0, 2), s.logStd()[2], 1e-6);
    }
  }
}
