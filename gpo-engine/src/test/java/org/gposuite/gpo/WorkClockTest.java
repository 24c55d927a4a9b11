package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.gposuite.pg.WorkClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time breakdown (issue 13) reads clocks only: a run measured by a {@link WorkClock} has the same bits as one without. */
class WorkClockTest {
  @TempDir Path tmp;

  @Test
  void measuredRunHasTheSameBitsAndChargesEveryStage() {
    GpoResult plain = GpoRunTest.run(GpoRunTest.tiny().withThreads(2), tmp.resolve("plain"), null);
    WorkClock clock = new WorkClock();
    GpoResult measured;
    try (WorkClock.Scope s = WorkClock.install(clock)) {
      measured = GpoRunTest.run(GpoRunTest.tiny().withThreads(2), tmp.resolve("measured"), null);
    }
    assertNull(WorkClock.current(), "the scope restores the previous (no) clock");
    GpoRunTest.assertSameResults(plain, measured);
    for (WorkClock.Kind k : new WorkClock.Kind[] {WorkClock.Kind.PHYSICS, WorkClock.Kind.INFERENCE, WorkClock.Kind.OLD_POLICY_PASS,
        WorkClock.Kind.SURROGATE_OWN, WorkClock.Kind.SURROGATE_SHARED, WorkClock.Kind.VALUE_FIT, WorkClock.Kind.KL_SELECT, WorkClock.Kind.PIS,
        WorkClock.Kind.DAGGER_LABEL, WorkClock.Kind.DAGGER_EPOCHS, WorkClock.Kind.EVALUATION, WorkClock.Kind.CHECKPOINT})
      assertTrue(clock.cpuSeconds(k) > 0 && clock.wallSeconds(k) > 0, k + " charged on the workers too");
  }
}
