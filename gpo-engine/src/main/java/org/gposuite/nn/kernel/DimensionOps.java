package org.gposuite.nn.kernel;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The nd4j ops along a dimension that the engine uses (a row or column vector broadcast over a
 * matrix, a sum over each row), run so that a garbage collection during their native call cannot
 * free memory the call still reads.
 *
 * <p>Why: nd4j 1.0.0-M2.1 keeps an op's dimensions in a small array that only the op object holds,
 * and hands that array's native buffer to the native call. Compiled code may treat the op as dead
 * once the call's arguments are read, so a collection during the call (the policies of a round run on
 * several threads, and {@link NativeMemory} requests full ones) lets nd4j's deallocator free the
 * buffer while the kernel reads it. A paper-scale GPO cell died once inside such a call (a SIGSEGV in
 * {@code Broadcast<Subtract>} under {@code ObsNormalizer}, policies updating in parallel). A stand-alone
 * loop of {@code subiRowVector} on three threads beside a thread calling {@code System.gc()} crashed the
 * JVM in 12 seconds, in the native read of a freed buffer; the same op built here ran 90 seconds,
 * 269,000 calls, without one. Here the op is built as nd4j's own
 * {@code addiRowVector} etc. build it and kept reachable until its call returns
 * ({@link Reference#reachabilityFence}); the kernels and so the bits are nd4j's.
 *
 * <p>The engine calls these instead of {@code INDArray.addiRowVector}, {@code sum(true, 1)} and the like
 * ({@code DimensionOpsTest} checks its sources for them).
 */
public final class DimensionOps {
  private DimensionOps() {}

  /** {@code m += row} on every row, in place; m {@code [n, k]}, row {@code [1, k]}; returns m. */
  public static INDArray addiRowVector(INDArray m, INDArray row) {
    return run(new BroadcastAddOp(m, rowOf(m, row, "addiRowVector"), m, 1));
  }

  /** {@code m -= row} on every row, in place; returns m. */
  public static INDArray subiRowVector(INDArray m, INDArray row) {
    return run(new BroadcastSubOp(m, rowOf(m, row, "subiRowVector"), m, 1));
  }

  /** {@code m *= row} on every row, in place; returns m. */
  public static INDArray muliRowVector(INDArray m, INDArray row) {
    return run(new BroadcastMulOp(m, rowOf(m, row, "muliRowVector"), m, 1));
  }

  /** {@code m *= column} on every column, in place; m {@code [n, k]}, column {@code [n, 1]}; returns m. */
  public static INDArray muliColumnVector(INDArray m, INDArray column) {
    matrix(m, column, "muliColumnVector");
    if (column.rank() != 2 || column.size(0) != m.size(0) || column.size(1) != 1)
      throw new IllegalArgumentException("DimensionOps.muliColumnVector: need a column [" + m.size(0) + ", 1], got " + Arrays.toString(column.shape()));
    return run(new BroadcastMulOp(m, column, m, 0));
  }

  /** The sum of each row of {@code x} {@code [n, k]}: a new {@code [n, 1]}. */
  public static INDArray rowSums(INDArray x) {
    if (x.rank() != 2) throw new IllegalArgumentException("DimensionOps.rowSums: need a matrix, got " + Arrays.toString(x.shape()));
    return run(new Sum(x, null, true, new int[] {1}));
  }

  private static INDArray rowOf(INDArray m, INDArray row, String where) {
    matrix(m, row, where);
    if (row.rank() != 2 || row.size(0) != 1 || row.size(1) != m.size(1))
      throw new IllegalArgumentException("DimensionOps." + where + ": need a row [1, " + m.size(1) + "], got " + Arrays.toString(row.shape()));
    return row;
  }

  /** m is a matrix that does not share the vector's buffer (an in-place broadcast would read what it writes). */
  private static void matrix(INDArray m, INDArray vector, String where) {
    if (m.rank() != 2) throw new IllegalArgumentException("DimensionOps." + where + ": need a matrix, got " + Arrays.toString(m.shape()));
    if (vector.data().sameUnderlyingData(m.data()))
      throw new IllegalArgumentException("DimensionOps." + where + ": the vector shares the matrix's buffer; pass a copy");
  }

  private static INDArray run(BroadcastOp op) {
    try {
      return Nd4j.getExecutioner().exec(op);
    } finally {
      Reference.reachabilityFence(op);
    }
  }

  private static INDArray run(ReduceOp op) {
    try {
      return Nd4j.getExecutioner().exec(op);
    } finally {
      Reference.reachabilityFence(op);
    }
  }
}
