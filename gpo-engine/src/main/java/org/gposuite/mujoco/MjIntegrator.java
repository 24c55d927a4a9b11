package org.gposuite.mujoco;

/** Numerical integrators (mjtIntegrator). */
public enum MjIntegrator {
  /** Semi-implicit Euler. */
  EULER(MjLayout.mjINT_EULER),
  /** Fourth-order Runge-Kutta. */
  RK4(MjLayout.mjINT_RK4),
  /** Implicit in velocity. */
  IMPLICIT(MjLayout.mjINT_IMPLICIT);

  private final int value;

  MjIntegrator(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  static MjIntegrator of(int value) {
    for (MjIntegrator i : values()) {
      if (i.value == value) {
        return i;
      }
    }
    throw new IllegalStateException("unknown mjtIntegrator " + value + " in the model");
  }
}
