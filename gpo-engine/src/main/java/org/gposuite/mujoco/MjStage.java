package org.gposuite.mujoco;

/** Computation stages (mjtStage), used by {@link MjData#forwardSkip(MjStage, boolean)}. */
public enum MjStage {
  NONE(MjLayout.mjSTAGE_NONE),
  POS(MjLayout.mjSTAGE_POS),
  VEL(MjLayout.mjSTAGE_VEL),
  ACC(MjLayout.mjSTAGE_ACC);

  private final int value;

  MjStage(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }
}
