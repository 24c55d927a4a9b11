package org.gposuite.reproduce.visitation;

import java.util.List;

/**
 * Per-dimension standardisation: zero mean and unit variance (divided by n) over a pooled set of
 * points. Fig. 3b standardises the four policies' states together before any projection or distance,
 * because a locomotion state's raw dimensions have unlike units and ranges (HalfCheetah's joint
 * velocities vary 10-100x more than its joint angles), and unstandardised the velocities alone decide
 * both the projection and every nearest neighbour. A dimension constant over the pool keeps scale 1:
 * it is 0 everywhere after centring and adds nothing to a distance.
 *
 * @param mean each dimension's mean over the pool
 * @param scale each dimension's standard deviation over the pool (1 where it is 0)
 */
public record Standardization(double[] mean, double[] scale) {

  public static Standardization fit(List<double[]> pool) {
    if (pool.isEmpty()) throw new IllegalArgumentException("standardisation needs at least one point");
    int d = pool.get(0).length;
    double[] mean = new double[d], scale = new double[d];
    for (double[] p : pool) {
      if (p.length != d) throw new IllegalArgumentException("standardisation: points of dimensions " + d + " and " + p.length);
      for (int j = 0; j < d; j++) mean[j] += p[j];
    }
    for (int j = 0; j < d; j++) mean[j] /= pool.size();
    for (double[] p : pool) for (int j = 0; j < d; j++) scale[j] += (p[j] - mean[j]) * (p[j] - mean[j]);
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / pool.size());
      scale[j] = sd > 0 ? sd : 1;
    }
    return new Standardization(mean, scale);
  }

  public double[] apply(double[] p) {
    double[] out = new double[p.length];
    for (int j = 0; j < p.length; j++) out[j] = (p[j] - mean[j]) / scale[j];
    return out;
  }
}
