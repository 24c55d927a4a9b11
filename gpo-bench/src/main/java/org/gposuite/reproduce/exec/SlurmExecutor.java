package org.gposuite.reproduce.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * Cells as elements of Slurm job arrays. Writes {@code slurm/manifest.tsv} and
 * {@code slurm/cell.sbatch} into the run folder, submits the missing cells with
 * {@code sbatch --parsable --array=...}, records each array in {@code slurm/jobs.tsv}, then polls
 * {@code squeue -h -r -t all} (no sacct: clusters without accounting storage exist) until every
 * cell has its result file or has failed {@code 1 + retries} times. A cell gone from the queue
 * (or ended) without a result failed; it is resubmitted in the next array. A rerun adopts the
 * elements still queued from an earlier CLI and submits only the rest.
 */
public final class SlurmExecutor implements Executor {
  /** Queue states after which an element will not run again. */
  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "BOOT_FAIL",
      "DEADLINE", "OUT_OF_MEMORY", "REVOKED", "SPECIAL_EXIT", "PREEMPTED");

  private final SlurmJob job;
  private final PrintStream log;
  private final Slurm slurm;

  public SlurmExecutor(SlurmJob job, PrintStream log) {
    this(job, log, new Slurm());
  }

  SlurmExecutor(SlurmJob job, PrintStream log, Slurm slurm) {
    this.job = job;
    this.log = log;
    this.slurm = slurm;
  }

  /** One line of {@code squeue -r}: array job id, task id, the element's own job id, state, reason. */
  record QueueLine(String arrayJob, String task, String jobId, String state, String reason) {
    String key() {
      return arrayJob + "_" + task;
    }
  }

  /** A submitted array, as recorded in jobs.tsv. */
  record Submitted(String arrayJob, int offset) {}

  @Override
  public Map<String, String> run(List<CellSpec> plan, List<Cell> todo, Compute compute)
      throws IOException, InterruptedException {
    prepare(plan);
    Map<Integer, Cell> byIndex = new TreeMap<>();
    todo.forEach(c -> byIndex.put(c.index(), c));
    Map<Integer, Integer> attempts = new HashMap<>();
    Map<Integer, String> where = new HashMap<>(); // plan index -> array element key
    Map<String, String> failures = new LinkedHashMap<>();

    // Adopt the elements an earlier CLI left queued; submit the rest.
    Map<String, Integer> keyToIndex = new HashMap<>();
    List<Submitted> earlier = submitted();
    for (QueueLine q : queue()) {
      Integer offset = offsetOf(earlier, q.arrayJob());
      if (offset == null || ENDED.contains(q.state()) || !q.task().matches("\\d+")) continue;
      int index = offset + Integer.parseInt(q.task());
      if (byIndex.containsKey(index) && !where.containsKey(index)) {
        where.put(index, q.key());
        attempts.put(index, 1);
      }
    }
    if (!where.isEmpty()) log.println("slurm: " + where.size() + " cell(s) still queued from an earlier submission; following them");
    List<Integer> fresh = byIndex.keySet().stream().filter(i -> !where.containsKey(i)).toList();
    submit(fresh, where, attempts);
    where.forEach((i, k) -> keyToIndex.put(k, i));

    Map<Integer, Integer> missingPolls = new HashMap<>();
    Set<String> hurried = new HashSet<>();
    long lastLine = 0;
    while (!where.isEmpty()) {
      Thread.sleep((long) (job.options().pollSeconds() * 1000));
      Map<String, QueueLine> q = new HashMap<>();
      for (QueueLine l : queue()) q.put(l.key(), l);
      List<Integer> resubmit = new ArrayList<>();
      int running = 0, pending = 0;
      for (Integer index : List.copyOf(where.keySet())) {
        Cell cell = byIndex.get(index);
        String key = where.get(index);
        QueueLine line = q.get(key);
        if (hasResult(cell)) {
          where.remove(index);
          log.println("slurm: " + cell.spec().id() + " done (" + key + ")");
          continue;
        }
        if (line != null && !ENDED.contains(line.state())) {
          missingPolls.remove(index);
          if (line.state().equals("RUNNING")) running++;
          else pending++;
          // A requeued element waits for a BeginTime a couple of minutes ahead; it may start now.
          if (line.state().equals("PENDING") && line.reason().equals("BeginTime") && hurried.add(line.jobId() + "@" + attempts.get(index))) {
            slurm.call(List.of("scontrol", "update", "JobId=" + line.jobId(), "StartTime=now"), true);
          }
          continue;
        }
        // Ended, or gone (seen gone twice: a job that just changed state may be briefly unlisted).
        if (line == null && missingPolls.merge(index, 1, Integer::sum) < 2) continue;
        missingPolls.remove(index);
        where.remove(index);
        String why = (line == null ? "left the queue" : "ended " + line.state()) + " without a result" + errorLine(cell)
            + " (log " + job.slurmDir().resolve("logs").resolve(key + ".out") + ")";
        int tried = attempts.getOrDefault(index, 1);
        if (tried <= job.options().retries()) {
          log.println("slurm: " + cell.spec().id() + " " + why + "; resubmitting (attempt " + (tried + 1) + " of "
              + (job.options().retries() + 1) + ")");
          resubmit.add(index);
        } else {
          log.println("slurm: " + cell.spec().id() + " FAILED after " + tried + " attempt(s): " + why);
          failures.put(cell.spec().id(), why + "; " + tried + " attempt(s)");
        }
      }
      if (!resubmit.isEmpty()) submit(resubmit, where, attempts);
      long now = System.nanoTime();
      if (now - lastLine > 60_000_000_000L && !where.isEmpty()) {
        log.printf(Locale.ROOT, "slurm: %d cell(s) left: %d running, %d pending%n", where.size(), running, pending);
        lastLine = now;
      }
    }
    return failures;
  }

  private boolean hasResult(Cell cell) throws IOException {
    return new org.gposuite.reproduce.store.CellStore(job.runDir()).load(cell.spec()).isPresent();
  }

  private Path resultFile(CellSpec spec) {
    return new org.gposuite.reproduce.store.CellStore(job.runDir()).dirOf(spec).resolve("result.csv");
  }

  private String errorLine(Cell cell) {
    Path err = resultFile(cell.spec()).resolveSibling("error.txt");
    try {
      if (Files.isRegularFile(err)) {
        String first = Files.readString(err, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return ": " + first;
      }
    } catch (IOException e) {
      // the log path is still given
    }
    return "";
  }

  /** Writes the manifest and the batch script (both rewritten each time; elements read them when they start). */
  void prepare(List<CellSpec> plan) throws IOException {
    Files.createDirectories(job.slurmDir().resolve("logs"));
    writeAtomically(job.slurmDir().resolve(SlurmJob.MANIFEST), SlurmJob.manifest(plan.stream().map(CellSpec::id).toList()));
    writeAtomically(job.slurmDir().resolve(SlurmJob.SCRIPT), job.script());
  }

  private void submit(List<Integer> indices, Map<Integer, String> where, Map<Integer, Integer> attempts)
      throws IOException, InterruptedException {
    if (indices.isEmpty()) return;
    for (SlurmJob.ArraySpec a : SlurmJob.arrays(indices, maxArraySize(), job.options().throttle())) {
      List<String> cmd = job.sbatch(a);
      String out = slurm.call(cmd, false).strip();
      String id = out.split(";")[0].strip(); // --parsable: "jobid" or "jobid;cluster"
      if (!id.matches("\\d+")) throw new SlurmError("sbatch answered \"" + out + "\", not a job id: " + SlurmJob.commandLine(cmd));
      Files.writeString(job.slurmDir().resolve(SlurmJob.JOBS), id + "\t" + a.offset() + "\t" + a.arrayOption() + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      for (int t : a.taskIds()) {
        where.put(a.offset() + t, id + "_" + t);
        attempts.merge(a.offset() + t, 1, Integer::sum);
      }
      log.println("slurm: submitted job array " + id + " (" + a.taskIds().size() + " cell(s)): " + SlurmJob.commandLine(cmd));
    }
  }

  private int maxArraySize() throws IOException, InterruptedException {
    return maxArraySize(slurm);
  }

  /** MaxArraySize from {@code scontrol show config}; Slurm's default 1001 when it does not say. */
  static int maxArraySize(Slurm slurm) throws IOException, InterruptedException {
    for (String line : slurm.call(List.of("scontrol", "show", "config"), false).split("\n")) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equals("MaxArraySize")) return Integer.parseInt(kv[1].strip());
    }
    return 1001;
  }

  /** MaxArraySize of the cluster this machine talks to, or 1001 (Slurm's default) without one. */
  public static int maxArraySizeOrDefault() {
    try {
      return maxArraySize(new Slurm());
    } catch (IOException | RuntimeException e) {
      return 1001;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1001;
    }
  }

  /** The arrays this run folder has submitted, oldest first. */
  List<Submitted> submitted() throws IOException {
    Path f = job.slurmDir().resolve(SlurmJob.JOBS);
    List<Submitted> out = new ArrayList<>();
    if (!Files.isRegularFile(f)) return out;
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String[] p = line.split("\t");
      if (p.length >= 2 && p[0].matches("\\d+")) out.add(new Submitted(p[0], Integer.parseInt(p[1])));
    }
    return out;
  }

  private static Integer offsetOf(List<Submitted> subs, String arrayJob) {
    for (Submitted s : subs) if (s.arrayJob().equals(arrayJob)) return s.offset();
    return null;
  }

  /** Every element of this user's jobs, one line each ({@code -r}), finished ones included while Slurm lists them. */
  List<QueueLine> queue() throws IOException, InterruptedException {
    String out = slurm.call(List.of("squeue", "-h", "-r", "-t", "all", "-u", System.getProperty("user.name"),
        "-o", "%F|%K|%A|%T|%r"), false);
    return parseQueue(out);
  }

  static List<QueueLine> parseQueue(String text) {
    List<QueueLine> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length < 5) continue;
      out.add(new QueueLine(f[0], f[1], f[2], f[3], f[4]));
    }
    return out;
  }

  /** {@code --status}: where each cell of the plan is. */
  public void status(List<CellSpec> plan, Map<String, Boolean> done) throws IOException, InterruptedException {
    List<Submitted> subs = submitted();
    Map<Integer, QueueLine> latest = new TreeMap<>();
    List<QueueLine> queue = queue();
    for (Submitted s : subs) {
      for (QueueLine q : queue) {
        if (q.arrayJob().equals(s.arrayJob()) && q.task().matches("\\d+")) latest.put(s.offset() + Integer.parseInt(q.task()), q);
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < plan.size(); i++) {
      CellSpec c = plan.get(i);
      String state;
      if (Boolean.TRUE.equals(done.get(c.id()))) state = "done";
      else if (latest.containsKey(i)) state = latest.get(i).state().toLowerCase(Locale.ROOT);
      else state = subs.isEmpty() ? "not submitted" : "not queued";
      counts.merge(state, 1, Integer::sum);
      String key = latest.containsKey(i) ? "  " + latest.get(i).key() : "";
      lines.append(String.format(Locale.ROOT, "  %4d  %-13s %s%s%n", i, state, c.id(), key));
    }
    log.print(lines);
    log.println("slurm: " + plan.size() + " cells: " + counts + "; arrays " + subs.stream().map(Submitted::arrayJob).toList());
  }

  /** {@code --cancel}: scancel every array of this run folder and wait until none of their elements runs. */
  public void cancel() throws IOException, InterruptedException {
    List<Submitted> subs = submitted();
    if (subs.isEmpty()) {
      log.println("slurm: nothing submitted from " + job.runDir());
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("scancel"));
    subs.forEach(s -> cmd.add(s.arrayJob()));
    slurm.call(cmd, true);
    Set<String> ours = new HashSet<>();
    subs.forEach(s -> ours.add(s.arrayJob()));
    for (int i = 0; i < 120; i++) {
      boolean alive = queue().stream().anyMatch(q -> ours.contains(q.arrayJob()) && !ENDED.contains(q.state()));
      if (!alive) {
        log.println("slurm: cancelled " + ours.size() + " array(s); none of their elements is left running");
        return;
      }
      Thread.sleep(500);
    }
    log.println("slurm: cancelled, but elements are still listed as ending after 60 s; check squeue");
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    org.gposuite.reproduce.io.AtomicFiles.writeString(target, text);
  }

  /** A Slurm command failed or is missing; its message is the command and what it said. */
  public static final class SlurmError extends IOException {
    SlurmError(String message) {
      super(message);
    }

    SlurmError(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Runs Slurm's commands. */
  static class Slurm {
    /** stdout of the command; a non-zero exit is an IOException with its stderr unless {@code lenient}. */
    String call(List<String> cmd, boolean lenient) throws IOException, InterruptedException {
      Process p;
      try {
        p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      } catch (IOException e) {
        throw new SlurmError("cannot run " + cmd.get(0) + " (is Slurm installed and on PATH?): " + e.getMessage(), e);
      }
      // stderr on its own thread: a command that fills one pipe while we read the other would hang.
      java.util.concurrent.CompletableFuture<byte[]> errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = errFuture.join();
      int rc = p.waitFor();
      if (rc != 0 && !lenient) {
        throw new SlurmError(SlurmJob.commandLine(cmd) + " failed (exit " + rc + "): "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    }
  }
}
