package org.gposuite.nn.kernel;

/**
 * Fails fast, saying what to do, when the JVM was started without the JDK's vector module that
 * {@link Simd} needs. Kept apart from {@link Simd}: a class that names vector types cannot even
 * be linked without the module, so the check must live where no vector type is mentioned.
 */
public final class VectorSupport {
  private VectorSupport() {}

  public static void require() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
      throw new IllegalStateException("gpo-suite's SIMD kernels need the JDK's vector module: start java with "
          + "--add-modules=jdk.incubator.vector (the Maven build, ./reproduce and the JMH forks pass it; "
          + "see gpo.jvmArgs in the top pom)");
  }
}
