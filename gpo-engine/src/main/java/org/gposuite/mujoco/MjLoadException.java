package org.gposuite.mujoco;

/** MuJoCo refused a model; the message carries MuJoCo's own error text (parser or compiler). */
public final class MjLoadException extends RuntimeException {
  private final String mujocoMessage;

  MjLoadException(String source, String mujocoMessage) {
    super("MuJoCo could not load " + source + ": " + mujocoMessage);
    this.mujocoMessage = mujocoMessage;
  }

  /** MuJoCo's error text exactly as mj_loadXML wrote it. */
  public String mujocoMessage() {
    return mujocoMessage;
  }
}
