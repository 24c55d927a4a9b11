package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gposuite.pg.CurveRow;
import org.junit.jupiter.api.Test;

/** A Single or Joint cell's progress line names the policy in training and its iteration (it once said only "training"). */
class BaselinePhaseTest {
  static CurveRow row(int policy, int iteration) {
    return new CurveRow(policy, iteration, 2048L * (iteration + 1), 0, 1, 0, 1, 0, 0, 0);
  }

  @Test
  void singleNamesItsPolicyAndJointItsIteration() {
    assertEquals("Single policy 3/8, iteration 12", BaselineRunner.phase("Single", row(2, 11), 8));
    assertEquals("Joint, iteration 1", BaselineRunner.phase("Joint", row(0, 0), 1));
  }
}
