package org.gposuite.experiment;

import org.gposuite.pg.A2c;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.PolicyGradient;
import org.gposuite.pg.Ppo;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.PpoPreset;
import org.gposuite.reproduce.plan.Algorithm;

/** The harness's algorithm names and PPO presets to the engine's algorithms. */
final class Algorithms {
  private Algorithms() {}

  /** Env copies per policy: 8 (the engine's default) unless the batch is not a multiple of it. */
  static int envCopies(int batch) {
    for (int n = 8; n > 1; n--) if (batch % n == 0) return n;
    return 1;
  }

  /**
   * The engine's config of {@code algorithm} at this batch size under a PPO preset ({@link PpoPreset}).
   * Presets were calibrated for PPO only, so an A2C cell under another preset than tuned is refused
   * rather than silently run as tuned under another name.
   */
  static HyperParameters config(Algorithm algorithm, int batch, String preset) {
    int copies = envCopies(batch);
    return switch (algorithm) {
      case PPO -> PpoPreset.of(preset).config(batch).withBatch(batch, copies);
      case A2C -> {
        if (!preset.equals(PpoPreset.TUNED.name()))
          throw new IllegalArgumentException("PPO preset '" + preset + "' has no A2C counterpart: run A2C cells (Table 2) under "
              + PpoPreset.TUNED.name() + " only");
        yield A2cConfig.defaults(batch).withBatch(batch, copies);
      }
    };
  }

  static PolicyGradient of(Algorithm algorithm, int batch, String preset) {
    return switch (config(algorithm, batch, preset)) {
      case PpoConfig c -> new Ppo(c);
      case A2cConfig c -> new A2c(c);
      default -> throw new IllegalStateException("no algorithm for " + algorithm);
    };
  }
}
