package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.store.StoredCell;
import org.junit.jupiter.api.Test;

class LearningCurveTest {
  static StoredCell cell(int seed, double finalReturn, long[] x, double[] y) {
    List<CurvePoint> curve = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) curve.add(new CurvePoint(x[i], y[i]));
    return new StoredCell(ComparisonTest.row("GPO", seed, finalReturn, "h", ComparisonTest.HERE), curve, List.of());
  }

  @Test
  void seedsWithDifferentStepsMeetOnOneGridWhereAllHaveData() {
    // Seed 1 has points at 0, 50, 100; seed 2 (a self-couple shifted it) at 10, 40, 90.
    StoredCell a = cell(1, 7, new long[] {0, 50, 100}, new double[] {0, 10, 20});
    StoredCell b = cell(2, 9, new long[] {10, 40, 90}, new double[] {2, 8, 30});
    LearningCurve c = LearningCurve.of(List.of(a, b)).orElseThrow();
    assertEquals(2, c.seeds());
    assertEquals(10, c.steps()[0], 0);
    assertEquals(90, c.steps()[c.steps().length - 1], 0, "ends where the shortest seed ends");
    // At x = 10: seed 1 interpolates to 2, seed 2 is 2. At x = 90: seed 1 is 18, seed 2 is 30.
    assertEquals(2, c.mean()[0], 1e-12);
    assertEquals(24, c.mean()[c.mean().length - 1], 1e-12);
    assertEquals(18, c.low()[c.low().length - 1], 1e-12);
    assertEquals(30, c.high()[c.high().length - 1], 1e-12);
    for (int i = 0; i < c.steps().length; i++) {
      assertTrue(c.low()[i] <= c.mean()[i] && c.mean()[i] <= c.high()[i], "band holds the mean at " + i);
    }
    assertEquals(8, c.tableReturn(), 1e-12, "the table's value is the mean final return, not the curve's end");
    assertEquals(100, c.stepsUsed(), 0);
  }

  @Test
  void interpolationIsLinearBetweenPoints() {
    List<CurvePoint> curve = List.of(new CurvePoint(0, 0), new CurvePoint(100, 50), new CurvePoint(200, 0));
    assertEquals(25, LearningCurve.interpolate(curve, 50), 1e-12);
    assertEquals(25, LearningCurve.interpolate(curve, 150), 1e-12);
    assertEquals(50, LearningCurve.interpolate(curve, 100), 1e-12);
  }

  @Test
  void cellsWithoutACurveAreLeftOut() {
    assertTrue(LearningCurve.of(List.of(cell(1, 5, new long[] {10}, new double[] {1}))).isEmpty());
  }
}
