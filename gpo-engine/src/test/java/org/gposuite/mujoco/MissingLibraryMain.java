package org.gposuite.mujoco;

/** Run by {@link MissingLibraryTest} in a fresh JVM: prints what loading MuJoCo throws, twice. */
public final class MissingLibraryMain {
  public static void main(String[] args) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        MjModel.fromXml(Models.FREE_BOX).close();
        System.out.println("loaded");
      } catch (RuntimeException e) {
        System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
