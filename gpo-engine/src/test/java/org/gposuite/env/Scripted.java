package org.gposuite.env;

/** A deterministic action sequence that sweeps past the [-1, 1] bounds (to exercise clipping). */
final class Scripted {
  private Scripted() {}

  static void action(int t, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = 1.3 * Math.sin(0.37 * t + 1.7 * i) + 0.2 * Math.cos(0.11 * t * (i + 1));
    }
  }
}
