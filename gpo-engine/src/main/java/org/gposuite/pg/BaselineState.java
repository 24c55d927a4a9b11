package org.gposuite.pg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.checkpoint.CheckpointFile;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;

/**
 * What a baseline run ({@link Baseline#run}) has finished, written to {@value #FILE} after each
 * policy: the finished policies (parameters and normaliser, all the final evaluation reads), their
 * curve rows and the seconds spent. The next policy needs nothing else: its seeds follow from its
 * index, and its agent and environments are created fresh.
 */
final class BaselineState {
  static final String FILE = "baseline-checkpoint.bin";
  private static final String FORMAT = "gpo-suite baseline checkpoint v1";

  final List<GaussianPolicy> finals = new ArrayList<>();
  final List<CurveRow> curve = new ArrayList<>();
  double seconds;

  void save(Path runDir, String identity) {
    CheckpointFile.save(runDir.resolve(FILE), FORMAT, identity, out -> {
      out.writeDouble(seconds);
      out.writeInt(finals.size());
      for (GaussianPolicy p : finals) out.writePolicy(p);
      out.writeRows(curve);
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
      return st;
    });
  }
}
