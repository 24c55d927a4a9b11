package org.gposuite.pg;

final class Checks {
  private Checks() {}

  static void positive(String name, double v) {
    if (!(v > 0)) throw new IllegalArgumentException(name + ": must be > 0, got " + v);
  }

  static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + ": must be in [0, 1], got " + v);
  }
}
