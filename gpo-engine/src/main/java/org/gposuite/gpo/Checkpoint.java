package org.gposuite.gpo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.pg.CurveRow;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state of a run between rounds, written after every round to {@code checkpoint.bin} (a temp
 * file moved over the old one, so a kill while writing leaves the previous checkpoint intact).
 *
 * <p>It holds what crosses a round boundary — each member's policy parameters, normaliser
 * statistics, value parameters, beta and lineage — plus the round index, the steps used, the wall-clock
 * totals and every result row so far. Nothing else is needed: Adam moments are fresh at every
 * round's start, every random stream is derived from (seed, round, slot) ({@link Seeds}), and
 * environments are created fresh per round. So a run resumed from here continues with exactly
 * the bits an uninterrupted run has at that point.
 */
final class Checkpoint {
  static final String FILE = "checkpoint.bin";
  private static final String MAGIC = "gpo-suite checkpoint v2";

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
    Path file = runDir.resolve(FILE), tmp = runDir.resolve(FILE + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeUTF(MAGIC);
      writeString(out, cfg.identity());
      out.writeInt(roundsDone);
      out.writeLong(stepsUsed);
      for (double d : new double[] {clock.mutate(), clock.select(), clock.crossover(), clock.evaluate(), clock.total()}) out.writeDouble(d);
      out.writeInt(population.size());
      for (Member m : population) {
        out.writeInt(m.lineage());
        out.writeInt(m.policy().obsDim());
        out.writeInt(m.policy().actDim());
        out.writeBoolean(m.policy().normalizer().enabled());
        writeFloats(out, m.policy().params().toFloatVector());
        NormalizerState ns = NormalizerState.of(m.policy().normalizer());
        writeDoubles(out, ns.mean());
        writeDoubles(out, ns.variance());
        out.writeDouble(ns.count());
        writeFloats(out, m.value().params().toFloatVector());
        out.writeDouble(m.beta());
      }
      Rows.write(out, curve);
      Rows.write(out, policies);
      Rows.write(out, couples);
      Rows.write(out, rounds);
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot write " + tmp, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot move " + tmp + " to " + file, e);
    }
  }

  /** The checkpoint in {@code runDir}, or null if there is none. */
  static Checkpoint load(Path runDir, GpoConfig cfg) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file)) return null;
    Checkpoint c = new Checkpoint();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!MAGIC.equals(in.readUTF())) throw new IllegalStateException("Checkpoint: " + file + " is not a gpo-suite checkpoint; use an empty run directory");
      String identity = readString(in);
      if (!identity.equals(cfg.identity()))
        throw new IllegalStateException("Checkpoint: " + file + " belongs to a run with a different configuration;\n  stored: " + identity
            + "\n  given:  " + cfg.identity() + "\nresume with the stored configuration or use a fresh run directory");
      c.roundsDone = in.readInt();
      c.stepsUsed = in.readLong();
      c.clock = new Clock(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
      int m = in.readInt();
      for (int i = 0; i < m; i++) {
        int lineage = in.readInt(), od = in.readInt(), ad = in.readInt();
        boolean norm = in.readBoolean();
        Member mem = Member.blank(od, ad, norm, lineage, cfg.networks());
        float[] p = readFloats(in);
        mem.policy().params().assign(Nd4j.createFromArray(p).reshape(1, p.length));
        new NormalizerState(readDoubles(in), readDoubles(in), in.readDouble()).restoreInto(mem.policy().normalizer());
        float[] v = readFloats(in);
        mem.value().params().assign(Nd4j.createFromArray(v).reshape(1, v.length));
        mem.setBeta(in.readDouble());
        c.population.add(mem);
      }
      c.curve.addAll(Rows.read(in, CurveRow.class));
      c.policies.addAll(Rows.read(in, PolicyRow.class));
      c.couples.addAll(Rows.read(in, CoupleRow.class));
      c.rounds.addAll(Rows.read(in, RoundRow.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot read " + file + "; delete it to start the run afresh", e);
    }
    return c;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float f : a) out.writeFloat(f);
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] a = new float[in.readInt()];
    for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
    return a;
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double d : a) out.writeDouble(d);
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] a = new double[in.readInt()];
    for (int i = 0; i < a.length; i++) a[i] = in.readDouble();
    return a;
  }
}
