package org.gposuite.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between nd4j arrays and Java {@code double[]} without an nd4j op.
 *
 * <p>Why: small-batch training loops (DAgger, pi_S) spend most of their time in nd4j's fixed
 * per-op cost, not in arithmetic. A plain FLOAT/DOUBLE buffer (c order, offset 0, not a view) is
 * read or written straight through its NIO view, a Java loop; anything else falls back to one
 * nd4j copy. Values keep their bits: float to double and back is exact.
 */
public final class HostArrays {
  private HostArrays() {}

  /** Whether {@code a} is one plain buffer that NIO can address directly. */
  public static boolean plain(INDArray a) {
    return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && a.ordering() == 'c' && !a.isView()
        && a.offset() == 0 && a.data().length() == a.length();
  }

  /**
   * Whether {@code a} is a FLOAT/DOUBLE vector whose elements lie one after another in its buffer
   * (a flat array, or a unit-stride view into one such as a layer's bias or a network's flat
   * parameters), so NIO reaches them at {@code a.offset()}. The nominal ordering does not matter
   * for a vector.
   */
  public static boolean unitStrideVector(INDArray a) {
    if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) return false;
    if (a.length() > Integer.MAX_VALUE || !(a.isVector() || a.isScalar()) || (a.length() > 1 && a.elementWiseStride() != 1)) return false;
    long capacity = a.dataType() == DataType.FLOAT ? a.data().asNioFloat().capacity() : a.data().asNioDouble().capacity();
    return a.offset() + a.length() <= capacity;
  }

  /** {@code out[0 .. a.length())} = {@code a}'s elements in c order. */
  public static double[] read(INDArray a, double[] out) {
    int len = (int) a.length();
    if (out.length < len) throw new IllegalArgumentException("HostArrays.read: target holds " + out.length + " values, array has " + len);
    if (!plain(a)) {
      double[] v = a.dup('c').reshape(a.length()).castTo(DataType.DOUBLE).toDoubleVector();
      System.arraycopy(v, 0, out, 0, len);
      return out;
    }
    if (a.dataType() == DataType.FLOAT) {
      java.nio.FloatBuffer fb = a.data().asNioFloat();
      for (int i = 0; i < len; i++) out[i] = fb.get(i);
    } else {
      a.data().asNioDouble().get(0, out, 0, len);
    }
    Reference.reachabilityFence(a); // an NIO view does not hold a, whose memory nd4j frees once a is collected
    return out;
  }

  /**
   * Rows {@code idx[from .. to)} of {@code src} ({@code [n, c]}) copied, in that order, into {@code dst}
   * ({@code [to - from, c]}): nd4j's pullRows without its per-call allocation, native op and
   * deallocation (a minibatch fit pulls its rows every epoch). Both plain buffers of one data type.
   */
  public static INDArray gatherRows(INDArray src, int[] idx, int from, int to, INDArray dst) {
    if (!plain(src) || !plain(dst) || src.dataType() != dst.dataType() || src.rank() != 2 || dst.rank() != 2
        || dst.size(0) != to - from || dst.size(1) != src.size(1))
      throw new IllegalArgumentException("HostArrays.gatherRows: expected plain " + src.dataType() + " arrays [n, c] and ["
          + (to - from) + ", c], got " + java.util.Arrays.toString(src.shape()) + " and " + java.util.Arrays.toString(dst.shape()));
    long rowBytes = src.size(1) * src.dataType().width();
    MemorySegment rows = segment(src), out = segment(dst);
    for (int k = from; k < to; k++)
      MemorySegment.copy(rows, idx[k] * rowBytes, out, (k - from) * rowBytes, rowBytes);
    Reference.reachabilityFence(src); // the segments do not hold the arrays: they must outlive the copies
    return dst;
  }

  /**
   * The memory of a plain array ({@link #plain}; FloatTanh's arrays too) as a segment of its length: no copy.
   * The segment does not keep {@code a} reachable, and nd4j frees the memory once {@code a} is collected, so
   * a caller keeps {@code a} reachable ({@link Reference#reachabilityFence}) until its last access.
   */
  static MemorySegment segment(INDArray a) {
    return MemorySegment.ofAddress(a.data().address()).reinterpret(a.length() * a.dataType().width());
  }

  /** {@code a}'s elements (c order) = {@code in[0 .. a.length())}, rounded to a's data type. {@code a} must be plain. */
  public static INDArray write(double[] in, INDArray a) {
    int len = (int) a.length();
    if (in.length < len) throw new IllegalArgumentException("HostArrays.write: source holds " + in.length + " values, array has " + len);
    if (!plain(a)) throw new IllegalArgumentException("HostArrays.write: target must be a plain FLOAT/DOUBLE c-order buffer (create it with Nd4j.create)");
    if (a.dataType() == DataType.FLOAT) {
      java.nio.FloatBuffer fb = a.data().asNioFloat();
      for (int i = 0; i < len; i++) fb.put(i, (float) in[i]);
    } else {
      a.data().asNioDouble().put(0, in, 0, len);
    }
    return a;
  }
}
