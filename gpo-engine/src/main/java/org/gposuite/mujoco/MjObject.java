package org.gposuite.mujoco;

/** MuJoCo object types (mjtObj); {@link #value()} is the C enum value read from the headers. */
public enum MjObject {
  UNKNOWN(MjLayout.mjOBJ_UNKNOWN),
  BODY(MjLayout.mjOBJ_BODY),
  /** A body, addressing its regular frame instead of its inertial frame (mj_objectVelocity). */
  XBODY(MjLayout.mjOBJ_XBODY),
  JOINT(MjLayout.mjOBJ_JOINT),
  DOF(MjLayout.mjOBJ_DOF),
  GEOM(MjLayout.mjOBJ_GEOM),
  SITE(MjLayout.mjOBJ_SITE),
  CAMERA(MjLayout.mjOBJ_CAMERA),
  LIGHT(MjLayout.mjOBJ_LIGHT),
  MESH(MjLayout.mjOBJ_MESH),
  SKIN(MjLayout.mjOBJ_SKIN),
  HFIELD(MjLayout.mjOBJ_HFIELD),
  TEXTURE(MjLayout.mjOBJ_TEXTURE),
  MATERIAL(MjLayout.mjOBJ_MATERIAL),
  PAIR(MjLayout.mjOBJ_PAIR),
  EXCLUDE(MjLayout.mjOBJ_EXCLUDE),
  EQUALITY(MjLayout.mjOBJ_EQUALITY),
  TENDON(MjLayout.mjOBJ_TENDON),
  ACTUATOR(MjLayout.mjOBJ_ACTUATOR),
  SENSOR(MjLayout.mjOBJ_SENSOR),
  NUMERIC(MjLayout.mjOBJ_NUMERIC),
  TEXT(MjLayout.mjOBJ_TEXT),
  TUPLE(MjLayout.mjOBJ_TUPLE),
  KEY(MjLayout.mjOBJ_KEY);

  private final int value;

  MjObject(int value) {
    this.value = value;
  }

  /** The mjtObj value passed to MuJoCo. */
  public int value() {
    return value;
  }
}
