package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bounds-checked view of one mjtNum array inside mjData (e.g. qpos, nq values). Reads and writes
 * go straight to native memory; the view dies with its {@link MjData} (access then throws
 * IllegalStateException). Multi-column arrays are row-major, e.g. xpos is nbody rows of 3.
 */
public final class MjDoubles {
  private final String name;
  private final MemorySegment segment;
  private final int size;

  MjDoubles(String name, MemorySegment segment, int size) {
    this.name = name;
    this.segment = segment;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public double get(int i) {
    return segment.getAtIndex(JAVA_DOUBLE, Objects.checkIndex(i, size));
  }

  public void set(int i, double v) {
    segment.setAtIndex(JAVA_DOUBLE, Objects.checkIndex(i, size), v);
  }

  /** Copies all {@link #size()} values into {@code dst} starting at {@code dstOffset}. */
  public void copyTo(double[] dst, int dstOffset) {
    Objects.checkFromIndexSize(dstOffset, size, dst.length);
    MemorySegment.copy(segment, JAVA_DOUBLE, 0, dst, dstOffset, size);
  }

  /** Overwrites all {@link #size()} values from {@code src} starting at {@code srcOffset}. */
  public void copyFrom(double[] src, int srcOffset) {
    Objects.checkFromIndexSize(srcOffset, size, src.length);
    MemorySegment.copy(src, srcOffset, segment, JAVA_DOUBLE, 0, size);
  }

  /** A fresh array with the current values (allocates; for tests and logging, not hot loops). */
  public double[] toArray() {
    double[] out = new double[size];
    copyTo(out, 0);
    return out;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(toArray());
  }
}
