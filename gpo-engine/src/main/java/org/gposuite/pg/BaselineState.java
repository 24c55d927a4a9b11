package org.gposuite.pg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.checkpoint.CheckpointFile;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;

/**
 * What a baseline run ({@link Baseline#run}) has done, written to {@value #FILE} after each policy
 * and, within a policy, every {@link Baseline.Plan#checkpointSeconds} or so: the finished policies
 * (parameters and normaliser, all the final evaluation reads), the curve rows, the seconds spent, and
 * the policy in training, if any ({@link InTraining}). A finished policy's successor needs nothing
 * else: its seeds follow from its index, and its agent and environments are created fresh.
 */
final class BaselineState {
  static final String FILE = "baseline-checkpoint.bin";
  private static final String FORMAT = "gpo-suite baseline checkpoint v2";

  /**
   * The next policy, {@code iterations} iterations into its training: its agent, and its
   * environments' episodes in progress as {@link VectorEnv#save} wrote them.
   */
  record InTraining(int iterations, AgentState agent, byte[] env) {}

  final List<GaussianPolicy> finals = new ArrayList<>();
  final List<CurveRow> curve = new ArrayList<>();
  double seconds;
  /** Null between two policies. */
  InTraining inTraining;

  void save(Path runDir, String identity) {
    CheckpointFile.save(runDir.resolve(FILE), FORMAT, identity, out -> {
      out.writeDouble(seconds);
      out.writeInt(finals.size());
      for (GaussianPolicy p : finals) out.writePolicy(p);
      out.writeRows(curve);
      out.writeBoolean(inTraining != null);
      if (inTraining != null) {
        out.writeInt(inTraining.iterations());
        inTraining.agent().write(out);
        out.writeBlock(inTraining.env());
      }
    });
  }

  /** The checkpoint in {@code runDir}, or null if there is none. */
  static BaselineState load(Path runDir, String identity, NetworkBackend networks) {
    return CheckpointFile.load(runDir.resolve(FILE), FORMAT, identity, in -> {
      BaselineState st = new BaselineState();
      st.seconds = in.readDouble();
      int n = in.count("policies", Integer.BYTES);
      for (int i = 0; i < n; i++) st.finals.add(in.readPolicy("policy " + i, networks));
      st.curve.addAll(in.readRows("curve rows", CurveRow.class));
      if (in.readBoolean()) st.inTraining = new InTraining(in.readInt(), AgentState.read(in), in.readBlock());
      return st;
    });
  }
}
