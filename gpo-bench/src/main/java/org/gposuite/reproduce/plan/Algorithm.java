package org.gposuite.reproduce.plan;

/** The policy-gradient method inside every cell: PPO (Table 1) or A2C (Table 2). */
public enum Algorithm {
  PPO,
  A2C;

  /** Parses "PPO"/"ppo"; the message lists the accepted names. */
  public static Algorithm parse(String text) {
    for (Algorithm a : values()) {
      if (a.name().equalsIgnoreCase(text.trim())) return a;
    }
    throw new IllegalArgumentException(
        "unknown algorithm \"" + text + "\"; use PPO or A2C");
  }
}
