package org.gposuite.reproduce.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The life cycle of one element of a Slurm array ({@code ./reproduce ... --run-cell INDEX}), after
 * the harness has found its cell: check that the index names the manifest's cell, handle Slurm's
 * USR1, compute the cell by the harness's one code path, and when the cell stopped at a checkpoint
 * on USR1 ({@link Preemption.Stop}) requeue the element ({@code scontrol requeue $SLURM_JOB_ID}),
 * at most GPOSUITE_MAX_REQUEUES times (the script exports {@code --requeues}); the requeued element
 * resumes from the checkpoint. Past the cap the element fails and the CLI resubmits the cell.
 */
public final class SlurmElement {
  /** How an element ended. */
  public enum Outcome {
    /** The cell's result file is written. */
    FINISHED,
    /** The cell failed, or it stopped at a checkpoint and was not requeued; the CLI resubmits it. */
    FAILED,
    /** The cell stopped at a checkpoint and the element was requeued. */
    REQUEUED
  }

  /** What the element asks of Slurm; a test passes its own. */
  interface Control {
    /** From now on a USR1 asks the running cell to stop at its next checkpoint. */
    void handleUsr1();

    /** {@code scontrol requeue JOB}'s exit code. */
    int requeue(String jobId) throws IOException, InterruptedException;
  }

  private static final Control SLURM = new Control() {
    @Override
    public void handleUsr1() {
      Preemption.onUsr1();
    }

    @Override
    public int requeue(String jobId) throws IOException, InterruptedException {
      return new ProcessBuilder("scontrol", "requeue", jobId).inheritIO().start().waitFor();
    }
  };

  private final PrintStream log;
  private final Map<String, String> env;
  private final Control slurm;

  /** An element of this process: Slurm's variables from the environment, the real scontrol. */
  public SlurmElement(PrintStream log) {
    this(log, System.getenv(), SLURM);
  }

  SlurmElement(PrintStream log, Map<String, String> env, Control slurm) {
    this.log = log;
    this.env = env;
    this.slurm = slurm;
  }

  /**
   * Why element {@code index} must not compute {@code cellId}, if the run folder's manifest
   * ({@code slurm/manifest.tsv}, written by the CLI) names another cell at that index: the CLI and
   * the element planned differently.
   */
  public static Optional<String> manifestDisagrees(Path runDir, int index, String cellId) throws IOException {
    Path manifest = runDir.resolve("slurm").resolve(SlurmJob.MANIFEST);
    if (!Files.isRegularFile(manifest)) return Optional.empty();
    String id = SlurmJob.readManifest(Files.readString(manifest)).get(index);
    if (cellId.equals(id)) return Optional.empty();
    return Optional.of("--run-cell " + index + " is " + cellId + " in this plan but " + id + " in " + manifest);
  }

  /** Computes {@code cell} by {@code compute} under Slurm's USR1, and requeues the element if the cell stopped for it. */
  public Outcome run(Executor.Cell cell, Executor.Compute compute) throws IOException, InterruptedException {
    if (env.get("SLURM_JOB_ID") != null) slurm.handleUsr1();
    String id = cell.spec().id();
    try {
      Optional<String> failure = compute.compute(cell);
      failure.ifPresent(f -> log.println("element: " + id + " FAILED: " + f));
      return failure.isPresent() ? Outcome.FAILED : Outcome.FINISHED;
    } catch (Preemption.Stop stop) {
      return requeue(id, stop);
    }
  }

  private Outcome requeue(String id, Preemption.Stop stop) throws IOException, InterruptedException {
    String jobId = env.get("SLURM_JOB_ID");
    int restarts = parseOr(env.get("SLURM_RESTART_COUNT"), 0);
    int cap = parseOr(env.get("GPOSUITE_MAX_REQUEUES"), 5);
    if (restarts >= cap) {
      log.println("element: " + id + " " + stop.getMessage() + "; not requeued: restarted " + restarts
          + " times already (cap " + cap + "); the CLI resubmits it and it resumes from the checkpoint");
      return Outcome.FAILED;
    }
    log.println("element: " + id + " " + stop.getMessage() + "; requeueing job " + jobId + " (restart "
        + (restarts + 1) + " of at most " + cap + ")");
    log.flush();
    int rc = slurm.requeue(jobId);
    if (rc != 0) {
      log.println("element: scontrol requeue " + jobId + " failed (exit " + rc + "); the CLI resubmits the cell");
      return Outcome.FAILED;
    }
    return Outcome.REQUEUED;
  }

  private static int parseOr(String s, int fallback) {
    try {
      return s == null ? fallback : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
