package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gposuite.nn.MlpTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dimension ops: nd4j's bits, hand-checked values, and their calls surviving collections on other threads. */
class DimensionOpsTest {
  @Test
  void sameBitsAsNd4jsOwnMethodsOnEveryShapeTheEngineMeets() {
    SplittableRandom r = new SplittableRandom(11);
    for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE})
      for (int n : new int[] {1, 2, 17})
        for (int k : new int[] {1, 2, 6}) {
          String at = t + " [" + n + ", " + k + "]";
          INDArray m = MlpTest.randn(r, t, n, k), row = MlpTest.randn(r, t, 1, k), column = MlpTest.randn(r, t, n, 1);
          assertBits(m.dup().addiRowVector(row), DimensionOps.addiRowVector(m.dup(), row), "add " + at);
          assertBits(m.dup().subiRowVector(row), DimensionOps.subiRowVector(m.dup(), row), "sub " + at);
          assertBits(m.dup().muliRowVector(row), DimensionOps.muliRowVector(m.dup(), row), "mul " + at);
          assertBits(m.dup().muliColumnVector(column), DimensionOps.muliColumnVector(m.dup(), column), "column " + at);
          assertBits(m.sum(true, 1), DimensionOps.rowSums(m), "rowSums " + at);
        }
  }

  @Test
  void handCheckedValues() {
    INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
    INDArray row = Nd4j.createFromArray(new double[][] {{10, 20, 30}});
    INDArray column = Nd4j.createFromArray(new double[][] {{2}, {-1}});
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, DimensionOps.addiRowVector(m.dup(), row).data().asDouble());
    assertArrayEquals(new double[] {-9, -18, -27, -6, -15, -24}, DimensionOps.subiRowVector(m.dup(), row).data().asDouble());
    assertArrayEquals(new double[] {10, 40, 90, 40, 100, 180}, DimensionOps.muliRowVector(m.dup(), row).data().asDouble());
    assertArrayEquals(new double[] {2, 4, 6, -4, -5, -6}, DimensionOps.muliColumnVector(m.dup(), column).data().asDouble());
    INDArray sums = DimensionOps.rowSums(m);
    assertArrayEquals(new long[] {2, 1}, sums.shape());
    assertArrayEquals(new double[] {6, 15}, sums.data().asDouble());
    INDArray same = m.dup();
    assertSame(same, DimensionOps.addiRowVector(same, row), "in place: returns its matrix");
  }

  @Test
  void refusesVectorsOfTheWrongShapeAndAliasedBuffers() {
    INDArray m = Nd4j.zeros(DataType.FLOAT, 3, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> DimensionOps.addiRowVector(m, Nd4j.zeros(DataType.FLOAT, 1, 3)));
    assertTrue(e.getMessage().contains("need a row [1, 2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DimensionOps.muliColumnVector(m, Nd4j.zeros(DataType.FLOAT, 2, 1)));
    assertTrue(e.getMessage().contains("need a column [3, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DimensionOps.subiRowVector(m, m.getRow(0, true)));
    assertTrue(e.getMessage().contains("shares the matrix's buffer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DimensionOps.rowSums(Nd4j.zeros(DataType.FLOAT, 4)));
  }

  /**
   * The crash this class exists for: ops along a dimension on several threads while another requests
   * full collections. nd4j's own {@code subiRowVector} took the JVM down within seconds like this
   * (the class doc); a regression here ends the test JVM, which fails the build. Each call's result
   * is also checked, so a freed and reused dimension buffer that reads wrong without crashing fails too.
   */
  @Test
  void survivesCollectionsDuringItsNativeCalls() throws InterruptedException {
    DimensionOps.rowSums(Nd4j.ones(DataType.FLOAT, 2, 2)); // nd4j's start-up (seconds) outside the clock
    long end = System.nanoTime() + 4_000_000_000L;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread collector = new Thread(() -> {
      while (System.nanoTime() < end && failure.get() == null) {
        System.gc();
        try { Thread.sleep(2); } catch (InterruptedException e) { return; }
      }
    });
    List<Thread> workers = new ArrayList<>();
    long[] calls = new long[2];
    for (int w = 0; w < calls.length; w++) {
      int id = w;
      workers.add(new Thread(() -> {
        try {
          INDArray row = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6, 7, 8}});
          INDArray m = Nd4j.create(DataType.FLOAT, 4096, 8);
          while (System.nanoTime() < end && failure.get() == null) {
            m.assign(0);
            DimensionOps.addiRowVector(m, row);
            DimensionOps.muliRowVector(m, row); // each row: j^2
            INDArray sums = DimensionOps.rowSums(m); // 1 + 4 + ... + 64 = 204
            if (sums.getFloat(0) != 204f || sums.getFloat(4095) != 204f || m.getFloat(4095, 7) != 64f)
              throw new AssertionError("wrong result at call " + calls[id] + ": " + sums.getFloat(0) + ", " + sums.getFloat(4095));
            calls[id]++;
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }));
    }
    collector.start();
    workers.forEach(Thread::start);
    for (Thread t : workers) t.join();
    collector.join();
    if (failure.get() != null) fail(failure.get());
    assertTrue(calls[0] > 0 && calls[1] > 0, "both workers ran: " + calls[0] + " and " + calls[1] + " calls");
  }

  /** nd4j's methods that build an op along a dimension, which the engine must reach only through {@link DimensionOps}. */
  private static final Pattern DIRECT_CALL = Pattern.compile(
      "(?<!DimensionOps)\\.(add|sub|mul|div|rsub|rdiv|put)i?(Row|Column)Vector\\(|(?<!Math)\\.(sum|mean|max|min|std|var|prod|norm1|norm2|argMax)\\((true|false|[0-9])");

  @Test
  void theEngineCallsNoNd4jOpAlongADimensionDirectly() throws IOException {
    Path sources = Path.of("src/main/java");
    assertTrue(Files.isDirectory(sources), "run from gpo-engine: " + sources.toAbsolutePath());
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = DIRECT_CALL.matcher(lines.get(i));
          if (m.find()) found.add(sources.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertEquals(List.of(), found, "call DimensionOps instead (its class doc says why)");
  }

  @Test
  void theSourceCheckSeesTheCallsItForbids() {
    assertTrue(DIRECT_CALL.matcher("z.addiRowVector(bias);").find());
    assertTrue(DIRECT_CALL.matcher("x.mean(rawObs).mulColumnVector(notC)").find());
    assertTrue(DIRECT_CALL.matcher("return perDim.sum(true, 1);").find());
    assertTrue(DIRECT_CALL.matcher("a.max(0)").find());
    assertFalse(DIRECT_CALL.matcher("Math.max(0, x)").find());
    assertFalse(DIRECT_CALL.matcher("DimensionOps.addiRowVector(z, bias);").find());
    assertFalse(DIRECT_CALL.matcher("pi.mean(b.obs())").find());
  }

  private static void assertBits(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.data().asDouble(), a = actual.data().asDouble();
    assertEquals(e.length, a.length, what);
    for (int i = 0; i < e.length; i++)
      assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]), what + " at " + i + ": " + e[i] + " vs " + a[i]);
  }
}
