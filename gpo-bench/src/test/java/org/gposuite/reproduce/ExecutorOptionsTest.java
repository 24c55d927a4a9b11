package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --executor, --jobs and the Slurm options on the command line; the Slurm dry run needs no cluster. */
class ExecutorOptionsTest {
  @TempDir Path tmp;

  @Test
  void slurmDryRunPrintsTheScriptAndTheArray() throws Exception {
    ReproduceMainTest.Outcome o = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(ReproduceMainTest.NARROW,
        "--out", tmp.resolve("run").toString(), "--executor", "slurm", "--dry-run", "--jobs", "3", "--partition", "cpu",
        "--time", "1:00:00", "--sbatch", "--gres=gpu:1"));
    assertEquals(Harness.OK, o.exit(), o.err());
    String out = o.out();
    for (String s : List.of("#SBATCH --partition=cpu", "#SBATCH --time=1:00:00", "#SBATCH --gres=gpu:1", "#SBATCH --requeue",
        "#SBATCH --signal=B:USR1@300", "--output=" + tmp.resolve("run") + "/slurm/logs/%A_%a.out",
        "org.gposuite.reproduce.ReproduceMain --profile smoke --tables 1 --tasks Swimmer --methods GPO --out",
        "--run-cell $(( ${1:-0} + SLURM_ARRAY_TASK_ID ))", "2 of 2 cells to submit",
        "sbatch --parsable --array=0-1%3 " + tmp.resolve("run") + "/slurm/cell.sbatch 0")) {
      assertTrue(out.contains(s), s + " missing from\n" + out);
    }
    String exec = out.lines().filter(l -> l.startsWith("exec ")).findFirst().orElseThrow();
    for (String dropped : List.of("--partition", "--dry-run", "--jobs", "--sbatch", "--executor")) {
      assertFalse(exec.contains(dropped), dropped + " must not reach the element: " + exec);
    }
  }

  @Test
  void optionsAreChecked() throws Exception {
    ReproduceMainTest.Outcome o = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(ReproduceMainTest.NARROW,
        "--partition", "cpu", "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertTrue(o.firstErrorLine().contains("need --executor slurm"), o.err());
    o = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(ReproduceMainTest.NARROW, "--jobs", "0", "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertTrue(o.firstErrorLine().contains("--jobs needs a whole number >= 1"), o.err());
    o = ReproduceMainTest.run(new FakeRunner(), ReproduceMainTest.args(ReproduceMainTest.NARROW, "--executor", "pbs"));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertTrue(o.firstErrorLine().contains("--executor is local or slurm"), o.err());
  }

  @Test
  void localJobsGiveTheSameResultsAsOneAfterAnother() throws Exception {
    Path one = tmp.resolve("one"), two = tmp.resolve("two");
    List<String> base = List.of("--profile", "smoke", "--tables", "1", "--no-compare", "--expected",
        TestFiles.scratchExpected(tmp).toString());
    ReproduceMainTest.Outcome a = ReproduceMainTest.run(new FakeRunner(),
        ReproduceMainTest.args(base, "--out", one.toString(), "--jobs", "1"));
    ReproduceMainTest.Outcome b = ReproduceMainTest.run(new FakeRunner(),
        ReproduceMainTest.args(base, "--out", two.toString(), "--jobs", "4"));
    assertEquals(Harness.OK, a.exit(), a.out() + a.err());
    assertEquals(Harness.OK, b.exit(), b.out() + b.err());
    List<CellRecord> ra = CellsCsv.read(one.resolve("cells.csv")), rb = CellsCsv.read(two.resolve("cells.csv"));
    assertEquals(ra.size(), rb.size());
    for (int i = 0; i < ra.size(); i++) {
      assertEquals(ra.get(i).id(), rb.get(i).id());
      assertEquals(ra.get(i).finalReturn(), rb.get(i).finalReturn(), ra.get(i).id());
    }
  }

  /** Issue 21, small items: --jobs -3 and --jobs 0 miss the same limit, so they say the same thing. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"-3", "0", "two"})
  void jobsOutOfRangeIsWordedAlikeWhicheverSideItMisses(String jobs) throws Exception {
    ReproduceMainTest.Outcome o = ReproduceMainTest.run(new FakeRunner(),
        ReproduceMainTest.args(ReproduceMainTest.NARROW, "--jobs", jobs, "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertEquals("error: --jobs needs a whole number >= 1, got \"" + jobs + "\"\n", o.err());
  }
}
