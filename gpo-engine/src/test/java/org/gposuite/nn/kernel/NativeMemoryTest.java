package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeMemoryTest {

  @Test
  void collectsOnlyAboveTheLimitAndAtMostOncePerInterval() {
    NativeMemory guard = new NativeMemory(1_000, 60_000_000_000L);
    assertFalse(guard.collectIfAbove(1_000), "at the limit: nothing to do");
    assertTrue(guard.collectIfAbove(1_001));
    assertFalse(guard.collectIfAbove(1_000_000), "within the interval: no second collection");
    NativeMemory noWait = new NativeMemory(1_000, 0);
    assertTrue(noWait.collectIfAbove(2_000));
    assertTrue(noWait.collectIfAbove(2_000));
  }

  /** What the collection is for: an unreachable nd4j array is reclaimed, and with it its native data. */
  @Test
  void aCollectionReclaimsAnUnreachableArray() {
    INDArray big = Nd4j.create(DataType.FLOAT, 1024, 1024);
    WeakReference<INDArray> ref = new WeakReference<>(big);
    big = null;
    NativeMemory guard = new NativeMemory(0, 0);
    for (int i = 0; i < 20 && ref.get() != null; i++) guard.collectIfAbove(1);
    assertNull(ref.get(), "the array was not collected");
  }
}
