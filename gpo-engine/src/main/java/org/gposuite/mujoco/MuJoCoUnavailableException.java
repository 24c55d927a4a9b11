package org.gposuite.mujoco;

/** The native MuJoCo library cannot be found or does not match the headers gpo-engine was built against. */
public final class MuJoCoUnavailableException extends RuntimeException {
  MuJoCoUnavailableException(String message) {
    super(message);
  }

  MuJoCoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
