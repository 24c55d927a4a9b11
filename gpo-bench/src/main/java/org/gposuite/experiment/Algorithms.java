package org.gposuite.experiment;

import org.gposuite.pg.A2c;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.PolicyGradient;
import org.gposuite.pg.Ppo;
import org.gposuite.pg.PpoConfig;
import org.gposuite.reproduce.Algorithm;

/** The harness's algorithm names to the engine's algorithms, with the engine's documented defaults. */
final class Algorithms {
  private Algorithms() {}

  /** Env copies per policy: 8 (the engine's default) unless the batch is not a multiple of it. */
  static int envCopies(int batch) {
    for (int n = 8; n > 1; n--) if (batch % n == 0) return n;
    return 1;
  }

  static PolicyGradient of(Algorithm algorithm, int batch) {
    int copies = envCopies(batch);
    return switch (algorithm) {
      case PPO -> new Ppo(PpoConfig.defaults(batch).withBatch(batch, copies));
      case A2C -> new A2c(A2cConfig.defaults(batch).withBatch(batch, copies));
    };
  }
}
