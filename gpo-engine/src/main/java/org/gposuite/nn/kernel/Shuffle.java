package org.gposuite.nn.kernel;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The suite's one shuffle: Fisher-Yates in place, drawing {@code rng.nextInt(i + 1)} for
 * {@code i = n - 1} down to {@code 1} and swapping element i with the drawn one.
 *
 * <p>Why one: every minibatch epoch (the value fit, DAgger, pi_S) and SELECT without S shuffle
 * with a seeded stream, and a seed keeps its meaning only while the draws stay the same, in number
 * and order. Written once, the draws cannot drift apart between callers.
 */
public final class Shuffle {
  private Shuffle() {}

  /** Shuffles {@code a} in place with {@code rng}: n - 1 draws. */
  public static void permute(int[] a, RandomGenerator rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Shuffles {@code a} in place with {@code rng}: the same draws and swaps as {@link #permute(int[], RandomGenerator)}. */
  public static <T> void permute(List<T> a, RandomGenerator rng) {
    for (int i = a.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = a.get(i);
      a.set(i, a.get(j));
      a.set(j, t);
    }
  }

  /** The identity permutation {@code 0 .. n-1}: what a training loop's first epoch shuffles. */
  public static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    return idx;
  }
}
