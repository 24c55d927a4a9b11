package org.gposuite.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One checkpoint file: a line naming its format, the identity of the run's configuration, then a
 * body that the run writes and reads back in the same order. What every run's checkpoint needs is
 * here, once:
 * <ul>
 *   <li>a save is atomic: a temp file moved over the old one, so a kill or a full disk while
 *       writing leaves the previous checkpoint whole and no partial file beside it;</li>
 *   <li>a checkpoint of another configuration is refused, naming the first setting that differs;</li>
 *   <li>every length read is checked against the bytes left before anything of that length is
 *       allocated, so a damaged file fails with a message naming it (and saying to delete it),
 *       never with an OutOfMemoryError.</li>
 * </ul>
 */
public final class CheckpointFile {
  private CheckpointFile() {}

  /** Writes a checkpoint's body. */
  @FunctionalInterface
  public interface Body {
    void write(Out out) throws IOException;
  }

  /** Reads a checkpoint's body back into the run's state. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(In in) throws IOException;
  }

  /** Saves {@code file}: format line, identity, then the body. */
  public static void save(Path file, String format, String identity, Body body) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Out out = new Out(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeUTF(format);
      out.writeString(identity);
      body.write(out);
    } catch (IOException e) {
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
   * The state read from {@code file}, or null when there is none. Fails with a message naming the
   * file when it is of another format, of another configuration, or damaged.
   */
  public static <T> T load(Path file, String format, String identity, Reader<T> body) {
    if (!Files.exists(file)) return null;
    try (In in = In.open(file)) {
      if (!format.equals(in.readUTF())) throw new IllegalStateException("Checkpoint: " + file + " is not a " + format + " file; use an empty run directory");
      String stored = in.readString();
      if (!stored.equals(identity))
        throw new IllegalStateException("Checkpoint: " + file + " belongs to a run with a different configuration ("
            + firstDifference(stored, identity) + "); resume with the stored configuration, or delete it to start afresh");
      return body.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Checkpoint: cannot read " + file + "; delete it to start the run afresh", e);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      // Values no checkpoint holds, caught by the engine's own checks (a negative size, a reshape):
      if (e.getMessage() != null && e.getMessage().startsWith("Checkpoint: ")) throw e;
      throw new IllegalStateException("Checkpoint: " + file + " is damaged (" + e.getMessage() + "); delete it to start the run afresh", e);
    }
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

  /** A checkpoint being written. */
  public static final class Out extends DataOutputStream {
    private Out(OutputStream out) {
      super(out);
    }

    /** A string of any length (writeUTF stops at 64 KiB; a configuration's identity may not). */
    public void writeString(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeInt(b.length);
      write(b);
    }

    public void writeFloats(float[] a) throws IOException {
      writeInt(a.length);
      for (float f : a) writeFloat(f);
    }

    public void writeDoubles(double[] a) throws IOException {
      writeInt(a.length);
      for (double d : a) writeDouble(d);
    }

    /** Bytes another writer produced (an environment's saved state), length first. */
    public void writeBlock(byte[] b) throws IOException {
      writeInt(b.length);
      write(b);
    }

    public <R extends Record> void writeRows(List<R> rows) throws IOException {
      Rows.write(this, rows);
    }

    /** A policy whole: its sizes, whether it normalises, its parameters and its normaliser's statistics. */
    public void writePolicy(GaussianPolicy p) throws IOException {
      writeInt(p.obsDim());
      writeInt(p.actDim());
      writeBoolean(p.normalizer().enabled());
      writeFloats(p.params().toFloatVector());
      writeNormalizer(NormalizerState.of(p.normalizer()));
    }

    /** A normaliser's statistics, as {@link In#readNormalizer} reads them. */
    public void writeNormalizer(NormalizerState ns) throws IOException {
      writeDoubles(ns.mean());
      writeDoubles(ns.variance());
      writeDouble(ns.count());
    }
  }

  /** A checkpoint being read, with the count of bytes left in it. */
  public static final class In extends DataInputStream {
    private final Path file;
    private final Counter counter;

    private In(Path file, Counter counter) {
      super(counter);
      this.file = file;
      this.counter = counter;
    }

    static In open(Path file) throws IOException {
      return new In(file, new Counter(new BufferedInputStream(Files.newInputStream(file)), Files.size(file)));
    }

    /** A count of items of at least {@code bytesEach} bytes that follow, checked against the bytes left. */
    public int count(String what, int bytesEach) throws IOException {
      int n = readInt();
      if (n < 0 || (long) n * bytesEach > counter.left()) {
        throw damaged(what + " " + n + " needs more than the " + counter.left() + " bytes left");
      }
      return n;
    }

    public String readString() throws IOException {
      byte[] b = new byte[count("string length", 1)];
      readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    public float[] readFloats() throws IOException {
      float[] a = new float[count("float array length", Float.BYTES)];
      for (int i = 0; i < a.length; i++) a[i] = readFloat();
      return a;
    }

    public byte[] readBlock() throws IOException {
      byte[] b = new byte[count("block length", 1)];
      readFully(b);
      return b;
    }

    public double[] readDoubles() throws IOException {
      double[] a = new double[count("double array length", Double.BYTES)];
      for (int i = 0; i < a.length; i++) a[i] = readDouble();
      return a;
    }

    /** Rows that {@link Out#writeRows} wrote; their count is checked first (each row takes at least a byte). */
    public <R extends Record> List<R> readRows(String what, Class<R> type) throws IOException {
      counter.mark(Integer.BYTES);
      count(what, 1);
      counter.reset();
      return Rows.read(this, type);
    }

    /**
     * A policy that {@link Out#writePolicy} wrote, on {@code networks}. The sizes it reads first size
     * the networks allocated here, so each must have at least one parameter among those stored.
     *
     * @param which names the policy in a damage message, e.g. "member 3"
     */
    public GaussianPolicy readPolicy(String which, NetworkBackend networks) throws IOException {
      int od = readInt(), ad = readInt();
      boolean normalize = readBoolean();
      float[] p = readFloats();
      if (od < 1 || ad < 1 || od > p.length || ad > p.length) throw damaged(which + " has dimensions " + od + " x " + ad);
      // seed and initial log-std are irrelevant: every parameter is overwritten below
      GaussianPolicy policy = new GaussianPolicy(GaussianPolicy.Architecture.paper(od, ad, normalize, networks), 0, 0.0);
      if (policy.params().length() != p.length) throw damaged(which + " has " + p.length + " policy parameters");
      policy.params().assign(Nd4j.createFromArray(p).reshape(1, p.length));
      readNormalizer().restoreInto(policy.normalizer());
      return policy;
    }

    /** A normaliser's statistics, as {@link Out#writeNormalizer} wrote them. */
    public NormalizerState readNormalizer() throws IOException {
      return new NormalizerState(readDoubles(), readDoubles(), readDouble());
    }

    public IllegalStateException damaged(String what) {
      return new IllegalStateException("Checkpoint: " + file + " is damaged (" + what + "); delete it to start the run afresh");
    }
  }

  /** Counts the bytes read, so that {@link In} knows how many are left. */
  private static final class Counter extends FilterInputStream {
    private final long size;
    private long read, marked;

    Counter(InputStream in, long size) {
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
}
