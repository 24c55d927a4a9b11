package org.gposuite.reproduce.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text `--executor slurm` submits, without a cluster: arrays, throttle, manifest, script, squeue lines. */
class SlurmJobTest {
  @Test
  void arraysSplitAtMaxArraySizeWithOffsets() {
    List<SlurmJob.ArraySpec> a = SlurmJob.arrays(List.of(9, 0, 1, 2, 5, 6, 2), 4, 0);
    assertEquals(3, a.size());
    assertEquals(new SlurmJob.ArraySpec(0, List.of(0, 1, 2), 0), a.get(0));
    assertEquals(new SlurmJob.ArraySpec(4, List.of(1, 2), 0), a.get(1));
    assertEquals(new SlurmJob.ArraySpec(8, List.of(1), 0), a.get(2));
    assertEquals(List.of(5, 6), a.get(1).planIndices());
    // One array when the plan fits, ranges compressed, the throttle after %.
    List<SlurmJob.ArraySpec> one = SlurmJob.arrays(List.of(0, 1, 2, 3, 7, 9, 10), 1001, 2);
    assertEquals(1, one.size());
    assertEquals("0-3,7,9-10%2", one.get(0).arrayOption());
    assertEquals("5", SlurmJob.arrays(List.of(5), 1001, 0).get(0).arrayOption());
  }

  @Test
  void manifestRoundTrips() {
    String text = SlurmJob.manifest(List.of("PPO/Swimmer/GPO/seed-1", "PPO/Swimmer/Single/seed-1"));
    assertEquals(Map.of(0, "PPO/Swimmer/GPO/seed-1", 1, "PPO/Swimmer/Single/seed-1"), SlurmJob.readManifest(text));
  }

  @Test
  void scriptExecsTheElementWithThePassThroughOptions() {
    SlurmJob.SlurmOptions o = new SlurmJob.SlurmOptions(Optional.of("gpu"), Optional.of("lab"), Optional.of("low"),
        Optional.of("2:00:00"), Optional.of(8), Optional.of("16G"), List.of("--constraint=avx2"), 4, 2, 3, 120, 10);
    SlurmJob job = new SlurmJob("gpo-paper", Path.of("/runs/paper"), Path.of("/repo"), Path.of("/home/me"),
        List.of("/jdk/bin/java", "-Xss4m", "-cp", "a.jar:b dir/c.jar", "org.gposuite.reproduce.ReproduceMain",
            "--profile", "paper"), o);
    String s = job.script();
    for (String line : List.of("#!/bin/bash", "#SBATCH --job-name=gpo-paper", "#SBATCH --output=/runs/paper/slurm/logs/%A_%a.out",
        "#SBATCH --requeue", "#SBATCH --signal=B:USR1@120", "#SBATCH --partition=gpu", "#SBATCH --account=lab",
        "#SBATCH --qos=low", "#SBATCH --time=2:00:00", "#SBATCH --cpus-per-task=8", "#SBATCH --mem=16G",
        "#SBATCH --constraint=avx2", "cd /repo", "GPOSUITE_MAX_REQUEUES=3",
        "exec /jdk/bin/java -Xss4m -cp 'a.jar:b dir/c.jar' org.gposuite.reproduce.ReproduceMain --profile paper"
            + " --run-cell $(( ${1:-0} + SLURM_ARRAY_TASK_ID ))")) {
      assertTrue(s.lines().anyMatch(l -> l.contains(line)), line + " missing from\n" + s);
    }
    // #SBATCH lines must all come before the first command, or sbatch ignores them.
    int lastDirective = s.lastIndexOf("#SBATCH"), firstCommand = s.indexOf("\nset -eu");
    assertTrue(lastDirective < firstCommand, s);
    assertEquals(List.of("sbatch", "--parsable", "--array=1-2%4", "/runs/paper/slurm/cell.sbatch", "4"),
        job.sbatch(new SlurmJob.ArraySpec(4, List.of(1, 2), 4)));
  }

  @Test
  void squeueLinesParse() {
    List<SlurmExecutor.QueueLine> q = SlurmExecutor.parseQueue("17|0|18|RUNNING|None\n17|3|17|PENDING|BeginTime\n\n");
    assertEquals(2, q.size());
    assertEquals("17_3", q.get(1).key());
    assertEquals("BeginTime", q.get(1).reason());
  }
}
