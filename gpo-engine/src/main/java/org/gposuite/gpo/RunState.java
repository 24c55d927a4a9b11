package org.gposuite.gpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.checkpoint.CheckpointFile;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.pg.CurveRow;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The live state of a GPO run, which {@link Gpo#run} updates round by round and writes after every
 * round to {@code checkpoint.bin} ({@link CheckpointFile}: atomic, checked against the configuration
 * and against damage); {@link #load} reads it back to resume.
 *
 * <p>It holds what crosses a round boundary — each member's policy parameters, normaliser
 * statistics, value parameters, beta and lineage — plus the round index, the steps used, the wall-clock
 * totals and every result row so far. Nothing else is needed: Adam moments are fresh at every
 * round's start, every random stream is derived from (seed, round, slot) ({@link Seeds}), and
 * environments are created fresh per round. So a run resumed from here continues with exactly
 * the bits an uninterrupted run has at that point.
 */
final class RunState {
  static final String FILE = "checkpoint.bin";
  private static final String FORMAT = "gpo-suite checkpoint v2";

  /** Wall-clock totals, seconds. */
  record Clock(double mutate, double select, double crossover, double evaluate, double total) {}

  int roundsDone;
  long stepsUsed;
  Clock clock = new Clock(0, 0, 0, 0, 0);
  List<Member> population = new ArrayList<>();
  final List<CurveRow> curve = new ArrayList<>();
  final List<PolicyRow> policies = new ArrayList<>();
  final List<CoupleRow> couples = new ArrayList<>();
  final List<RoundRow> rounds = new ArrayList<>();
  /** Not in checkpoint.bin: sharing.csv is its own file, cut back to this checkpoint's rounds on resume ({@link SharingLog}). */
  SharingLog sharing;

  void save(Path runDir, GpoConfig cfg) {
    CheckpointFile.save(runDir.resolve(FILE), FORMAT, cfg.identity(), out -> {
      out.writeInt(roundsDone);
      out.writeLong(stepsUsed);
      for (double d : new double[] {clock.mutate(), clock.select(), clock.crossover(), clock.evaluate(), clock.total()}) out.writeDouble(d);
      out.writeInt(population.size());
      for (Member m : population) {
        out.writeInt(m.lineage());
        out.writePolicy(m.policy());
        out.writeFloats(m.value().params().toFloatVector());
        out.writeDouble(m.beta());
      }
      out.writeRows(curve);
      out.writeRows(policies);
      out.writeRows(couples);
      out.writeRows(rounds);
    });
  }

  /**
   * The checkpoint in {@code runDir}, or null if there is none; a damaged one, or one of another
   * configuration, fails with a message naming it ({@link CheckpointFile#load}).
   */
  static RunState load(Path runDir, GpoConfig cfg) {
    return CheckpointFile.load(runDir.resolve(FILE), FORMAT, cfg.identity(), in -> {
      RunState c = new RunState();
      c.roundsDone = in.readInt();
      c.stepsUsed = in.readLong();
      c.clock = new Clock(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
      int m = in.count("population size", Integer.BYTES);
      for (int i = 0; i < m; i++) {
        int lineage = in.readInt();
        GaussianPolicy p = in.readPolicy("member " + i, cfg.networks());
        ValueFunction value = new ValueFunction(p.obsDim(), ValueFunction.PAPER_HIDDEN, p.dataType(), 0, p.normalizer(), cfg.networks());
        float[] v = in.readFloats();
        if (value.params().length() != v.length) throw in.damaged("member " + i + " has " + v.length + " value parameters");
        value.params().assign(Nd4j.createFromArray(v).reshape(1, v.length));
        Member mem = new Member(p, value, 0.0, lineage);
        mem.setBeta(in.readDouble());
        c.population.add(mem);
      }
      c.curve.addAll(in.readRows("curve rows", CurveRow.class));
      c.policies.addAll(in.readRows("policy rows", PolicyRow.class));
      c.couples.addAll(in.readRows("couple rows", CoupleRow.class));
      c.rounds.addAll(in.readRows("round rows", RoundRow.class));
      return c;
    });
  }
}
