package org.gposuite.reproduce.run;

/** A cell asks for a method that no {@link EngineBinding} in this build provides. */
public final class MethodUnavailableException extends RuntimeException {
  public MethodUnavailableException(String message) {
    super(message);
  }
}
