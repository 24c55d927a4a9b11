package org.gposuite.pg;

import java.util.List;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.DiagGaussianGradients;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The all-nd4j reference of {@link Surrogate#lossAndGradient(GaussianPolicy, List, List, double)}:
 * the same L and gradient entirely in nd4j ops ({@link DiagGaussian}, {@link DiagGaussianGradients}),
 * what the plain-Java {@link SurrogateKernel} replaced. Test scope: {@code SurrogateKernelTest} checks
 * the kernel against it and gpo-bench's {@code PpoEpochKernelBench} measures it beside the kernel
 * (through gpo-engine's test jar).
 */
public final class SurrogateReference {
  private SurrogateReference() {}

  public static Surrogate.Result lossAndGradient(GaussianPolicy pi, List<Batch> batches, List<INDArray> advantages, double beta) {
    Surrogate.checkArgs(batches, advantages);
    int k = batches.size();
    INDArray acc = k > 1 ? pi.grads().like() : null;
    double surrogate = 0, kl = 0;
    for (int j = 0; j < k; j++) {
      Batch b = batches.get(j);
      long n = b.size();
      INDArray mean = pi.mean(b.obs());
      INDArray logp = DiagGaussian.logProb(mean, pi.logStd(), b.actions());
      INDArray ratio = org.nd4j.linalg.ops.transforms.Transforms.exp(logp.subi(b.oldLogProb()), false);
      INDArray weighted = ratio.muli(advantages.get(j));
      surrogate += weighted.sumNumber().doubleValue() / (n * (double) k);
      DiagGaussianGradients.Grad g = DiagGaussianGradients.logProbGrad(mean, pi.logStd(), b.actions(), weighted.muli(-1.0 / (n * (double) k)));
      INDArray dMean = g.dMean(), dLogStd = g.dLogStd().sum(true, 0);
      if (j == 0 && beta != 0) {
        INDArray perState = DiagGaussian.kl(b.oldMean(), b.oldLogStd(), mean, pi.logStd());
        kl = perState.meanNumber().doubleValue();
        INDArray up = perState.assign(beta / n);
        DiagGaussianGradients.Grad kg = DiagGaussianGradients.klGradSecond(b.oldMean(), b.oldLogStd(), mean, pi.logStd(), up);
        dMean.addi(kg.dMean());
        dLogStd.addi(kg.dLogStd().sum(true, 0));
      } else if (j == 0) {
        kl = DiagGaussian.kl(b.oldMean(), b.oldLogStd(), mean, pi.logStd()).meanNumber().doubleValue();
      }
      pi.backward(dMean, dLogStd);
      if (acc != null) acc.addi(pi.grads());
    }
    if (acc != null) pi.grads().assign(acc);
    return new Surrogate.Result(-surrogate + beta * kl, surrogate, kl);
  }
}
