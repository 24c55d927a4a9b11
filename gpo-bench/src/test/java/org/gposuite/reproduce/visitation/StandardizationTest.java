package org.gposuite.reproduce.visitation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizationTest {
  /** Points (1, 5, 7), (3, 5, 1): means (2, 5, 4), sds (1, 0 -> kept at 1, 3). */
  @Test
  void handWorked() {
    Standardization z = Standardization.fit(List.of(new double[] {1, 5, 7}, new double[] {3, 5, 1}));
    assertArrayEquals(new double[] {2, 5, 4}, z.mean(), 0.0);
    assertArrayEquals(new double[] {1, 1, 3}, z.scale(), 0.0, "a constant dimension keeps scale 1");
    assertArrayEquals(new double[] {-1, 0, 1}, z.apply(new double[] {1, 5, 7}), 0.0);
    assertArrayEquals(new double[] {1, 0, -1}, z.apply(new double[] {3, 5, 1}), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Standardization.fit(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Standardization.fit(List.of(new double[] {1}, new double[] {1, 2})));
  }
}
