package org.gposuite.nn.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.*;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MLPs' matrix products: {@code c = op(a) op(b)} by OpenBLAS's gemm, the library nd4j's own
 * matmul ends in, called straight through its javacpp binding (which nd4j loads) on the arrays'
 * memory when all three are contiguous row-major FLOAT or DOUBLE matrices; anything else goes
 * through {@link Nd4j#gemm}.
 *
 * <p>Why: nd4j's gemm is a custom op, dispatched with an op context and shape descriptors, ~8-10 µs
 * per call before any arithmetic, and a one-column product (the value network's output layer)
 * takes a slower route at ~35 µs against ~3 µs. A PPO iteration makes ~250 such calls (8 per
 * forward/backward, 10 policy epochs, 20 value-fit steps). The arithmetic is the same BLAS call,
 * so the results are nd4j's bits (one-column products aside); {@code BlasTest} checks both,
 * {@code GemmBench} measures both.
 */
public final class Blas {
  private Blas() {}

  static {
    NativeArithmetic.pin(); // the kernels every product here runs: pinned, or this class does not load
  }

  /** {@code c = op(a) * op(b)} (op = transpose if asked), overwriting c. */
  public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
    DataType t = c.dataType();
    if (!rowMajor(a) || !rowMajor(b) || !rowMajor(c) || a.dataType() != t || b.dataType() != t
        || (t != DataType.FLOAT && t != DataType.DOUBLE)) {
      Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
      return;
    }
    long m = transA ? a.size(1) : a.size(0), k = transA ? a.size(0) : a.size(1);
    long kb = transB ? b.size(1) : b.size(0), n = transB ? b.size(0) : b.size(1);
    if (k != kb || c.size(0) != m || c.size(1) != n)
      throw new IllegalArgumentException("Blas.gemm: shapes do not agree: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n
          + ", c " + java.util.Arrays.toString(c.shape()));
    int ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
    int lda = (int) a.size(1), ldb = (int) b.size(1), ldc = (int) c.size(1);
    if (t == DataType.FLOAT)
      cblas_sgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, 1f, floats(a), lda, floats(b), ldb, 0f, floats(c), ldc);
    else
      cblas_dgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, 1.0, doubles(a), lda, doubles(b), ldb, 0.0, doubles(c), ldc);
    // the pointers do not hold the arrays, whose memory nd4j frees once they are collected: keep them through the call
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
    Reference.reachabilityFence(c);
  }

  /** A rank-2 array whose rows are contiguous and follow each other (a plain matrix or a row range / flat view of one). */
  private static boolean rowMajor(INDArray x) {
    return x.rank() == 2 && x.size(0) > 0 && x.size(1) > 0 && x.stride(1) == 1 && (x.size(0) == 1 || x.stride(0) == x.size(1));
  }

  // addressPointer() is the array's first element, a view's offset included (address() is its parent's start)
  private static FloatPointer floats(INDArray x) {
    return new FloatPointer(x.data().addressPointer());
  }

  private static DoublePointer doubles(INDArray x) {
    return new DoublePointer(x.data().addressPointer());
  }
}
