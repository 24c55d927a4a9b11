package org.gposuite.mujoco;

/**
 * MuJoCo warning types (mjtWarning). {@link MjData#takeWarnings()} reports them as a bitmask with
 * bit {@code 1 << ordinal()}; the ordinal equals the C value (checked when the class loads).
 */
public enum MjWarning {
  /** (Near) singular inertia matrix. */
  INERTIA(MjLayout.mjWARN_INERTIA),
  /** Too many contacts in the contact list. */
  CONTACTFULL(MjLayout.mjWARN_CONTACTFULL),
  /** Too many constraints. */
  CNSTRFULL(MjLayout.mjWARN_CNSTRFULL),
  /** Too many visual geoms. */
  VGEOMFULL(MjLayout.mjWARN_VGEOMFULL),
  /** NaN/huge value in qpos; MuJoCo reset the data. */
  BADQPOS(MjLayout.mjWARN_BADQPOS),
  /** NaN/huge value in qvel; MuJoCo reset the data. */
  BADQVEL(MjLayout.mjWARN_BADQVEL),
  /** NaN/huge value in qacc; MuJoCo reset the data. */
  BADQACC(MjLayout.mjWARN_BADQACC),
  /** NaN/huge value in ctrl. */
  BADCTRL(MjLayout.mjWARN_BADCTRL);

  private final int value;

  MjWarning(int value) {
    if (value != ordinal()) {
      throw new IllegalStateException("mjtWarning " + name() + " is " + value + " in the MuJoCo headers"
          + " but the Java enum expects " + ordinal() + "; update MjWarning to the installed MuJoCo");
    }
    this.value = value;
  }

  /** The mjtWarning value (index into mjData.warning). */
  public int value() {
    return value;
  }

  /** This warning's bit in a {@link MjData#takeWarnings()} mask. */
  public int bit() {
    return 1 << value;
  }

  /** True when {@code mask} (from {@link MjData#takeWarnings()}) has this warning's bit. */
  public boolean in(int mask) {
    return (mask & bit()) != 0;
  }
}
