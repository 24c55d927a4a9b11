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
 * The live state of a GPO run, which {@link Gpo#run} updates round by round and writes after every
 * round to {@code checkpoint.bin} (a temp file moved over the old one, so a kill while writing leaves
 * the previous checkpoint intact); {@link #load} reads it back to resume.
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
      // A full disk: the previous checkpoint stays whole, and no partial one is left beside it.
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write's failure is the one to report
      }
      throw new UncheckedIOException("Checkpoint: cannot write " + file + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot move " + tmp + " to " + file, e);
    }
  }

  /**
   * The checkpoint in {@code runDir}, or null if there is none. Every length in the file is checked
   * against the bytes left in it before anything is allocated, so a damaged file fails with a
   * message naming it (and saying to delete it), never with an OutOfMemoryError.
   */
  static RunState load(Path runDir, GpoConfig cfg) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file)) return null;
    RunState c = new RunState();
    try (SizedInput in = SizedInput.open(file)) {
      if (!MAGIC.equals(in.readUTF())) throw new IllegalStateException("Checkpoint: " + file + " is not a gpo-suite checkpoint; use an empty run directory");
      String identity = readString(in);
      if (!identity.equals(cfg.identity()))
        throw new IllegalStateException("Checkpoint: " + file + " belongs to a run with a different configuration ("
            + firstDifference(identity, cfg.identity()) + "); resume with the stored configuration, or delete it to start afresh");
      c.roundsDone = in.readInt();
      c.stepsUsed = in.readLong();
      c.clock = new Clock(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
      int m = in.count("population size", Integer.BYTES);
      for (int i = 0; i < m; i++) {
        int lineage = in.readInt(), od = in.readInt(), ad = in.readInt();
        boolean norm = in.readBoolean();
        // The dimensions size the networks Member.blank allocates: read the parameters first and
        // require each dimension to have at least one weight among them.
        float[] p = readFloats(in);
        if (od < 1 || ad < 1 || od > p.length || ad > p.length) throw in.damaged("member " + i + " has dimensions " + od + " x " + ad);
        Member mem = Member.blank(od, ad, norm, lineage, cfg.networks());
        if (mem.policy().params().length() != p.length) throw in.damaged("member " + i + " has " + p.length + " policy parameters");
        mem.policy().params().assign(Nd4j.createFromArray(p).reshape(1, p.length));
        new NormalizerState(readDoubles(in), readDoubles(in), in.readDouble()).restoreInto(mem.policy().normalizer());
        float[] v = readFloats(in);
        if (mem.value().params().length() != v.length) throw in.damaged("member " + i + " has " + v.length + " value parameters");
        mem.value().params().assign(Nd4j.createFromArray(v).reshape(1, v.length));
        mem.setBeta(in.readDouble());
        c.population.add(mem);
      }
      c.curve.addAll(Rows.read(in.withRowCount("curve rows"), CurveRow.class));
      c.policies.addAll(Rows.read(in.withRowCount("policy rows"), PolicyRow.class));
      c.couples.addAll(Rows.read(in.withRowCount("couple rows"), CoupleRow.class));
      c.rounds.addAll(Rows.read(in.withRowCount("round rows"), RoundRow.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot read " + file + "; delete it to start the run afresh", e);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      // Values no checkpoint holds, caught by the engine's own checks (a negative size, a reshape):
      if (e.getMessage() != null && e.getMessage().startsWith("Checkpoint: ")) throw e;
      throw new IllegalStateException("Checkpoint: " + file + " is damaged (" + e.getMessage() + "); delete it to start the run afresh", e);
    }
    return c;
  }

  /**
   * The first field in which two configurations' identities differ, stored and given: one line
   * where the whole identities would be hundreds of characters each.
   */
  static String firstDifference(String stored, String given) {
    String[] a = stored.split(", "), b = given.split(", ");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) return "stored " + a[i] + ", given " + b[i];
    }
    return "stored " + a.length + " fields, given " + b.length;
  }

  /**
   * A checkpoint being read, with the count of bytes left in it: a length read from a damaged
   * file is checked against that count before anything of that length is allocated.
   */
  private static final class SizedInput extends DataInputStream {
    private final Path file;
    private final Counter counter;

    private SizedInput(Path file, Counter counter) {
      super(counter);
      this.file = file;
      this.counter = counter;
    }

    static SizedInput open(Path file) throws IOException {
      return new SizedInput(file, new Counter(new BufferedInputStream(Files.newInputStream(file)), Files.size(file)));
    }

    /** A count of items of at least {@code bytesEach} bytes that follow, checked against the bytes left. */
    int count(String what, int bytesEach) throws IOException {
      int n = readInt();
      if (n < 0 || (long) n * bytesEach > counter.left()) {
        throw damaged(what + " " + n + " needs more than the " + counter.left() + " bytes left");
      }
      return n;
    }

    /**
     * This input, checked for the row count {@link Rows#read} reads next: each row takes at least a
     * byte, so a count beyond the bytes left is damage (Rows would allocate a list of that size).
     */
    SizedInput withRowCount(String what) throws IOException {
      counter.mark(Integer.BYTES);
      count(what, 1);
      counter.reset();
      return this;
    }

    IllegalStateException damaged(String what) {
      return new IllegalStateException("Checkpoint: " + file + " is damaged (" + what + "); delete it to start the run afresh");
    }
  }

  /** Counts the bytes read, so that {@link SizedInput} knows how many are left. */
  private static final class Counter extends java.io.FilterInputStream {
    private final long size;
    private long read, marked;

    Counter(java.io.InputStream in, long size) {
      super(in);
      this.size = size;
    }

    long left() {
      return size - read;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) read++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) read += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      read += k;
      return k;
    }

    @Override
    public synchronized void mark(int limit) {
      super.mark(limit);
      marked = read;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      read = marked;
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(SizedInput in) throws IOException {
    byte[] b = new byte[in.count("string length", 1)];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float f : a) out.writeFloat(f);
  }

  private static float[] readFloats(SizedInput in) throws IOException {
    float[] a = new float[in.count("float array length", Float.BYTES)];
    for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
    return a;
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double d : a) out.writeDouble(d);
  }

  private static double[] readDoubles(SizedInput in) throws IOException {
    double[] a = new double[in.count("double array length", Double.BYTES)];
    for (int i = 0; i < a.length; i++) a[i] = in.readDouble();
    return a;
  }
}
