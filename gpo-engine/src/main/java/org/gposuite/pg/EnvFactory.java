package org.gposuite.pg;

/** Makes {@code numEnvs} fresh copies of one task, seeded. */
@FunctionalInterface
public interface EnvFactory {
  VectorEnv create(int numEnvs, long seed);
}
