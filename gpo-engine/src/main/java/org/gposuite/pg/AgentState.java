package org.gposuite.pg;

import java.io.IOException;
import org.gposuite.checkpoint.CheckpointFile;
import org.gposuite.checkpoint.NormalizerState;
import org.gposuite.nn.AdamOptimizer;

/**
 * An {@link Agent} between two training iterations, exactly ({@link Agent#state}, {@link Agent#restore}):
 * what a checkpoint in the middle of a policy's training keeps. Parameters and moments are doubles,
 * exact for float networks too.
 */
record AgentState(double[] policyParams, NormalizerState normalizer, double[] valueParams, AdamOptimizer.State policyOptimizer,
                  AdamOptimizer.State valueOptimizer, double beta, long timesteps, long rng, long valueRng) {

  void write(CheckpointFile.Out out) throws IOException {
    out.writeDoubles(policyParams);
    out.writeNormalizer(normalizer);
    out.writeDoubles(valueParams);
    for (AdamOptimizer.State s : new AdamOptimizer.State[] {policyOptimizer, valueOptimizer}) {
      out.writeInt(s.iteration());
      out.writeDoubles(s.m());
      out.writeDoubles(s.v());
    }
    out.writeDouble(beta);
    out.writeLong(timesteps);
    out.writeLong(rng);
    out.writeLong(valueRng);
  }

  static AgentState read(CheckpointFile.In in) throws IOException {
    double[] policy = in.readDoubles();
    NormalizerState normalizer = in.readNormalizer();
    double[] value = in.readDoubles();
    AdamOptimizer.State[] adam = new AdamOptimizer.State[2];
    for (int k = 0; k < 2; k++) adam[k] = new AdamOptimizer.State(in.readInt(), in.readDoubles(), in.readDoubles());
    return new AgentState(policy, normalizer, value, adam[0], adam[1], in.readDouble(), in.readLong(), in.readLong(), in.readLong());
  }
}
