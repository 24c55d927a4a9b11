package org.gposuite.reproduce.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What `--executor slurm` submits, as text, with no Slurm call: the manifest (array index -&gt;
 * cell id), the batch script, and the arrays ({@code --array=<list>%N}) that cover a set of
 * plan indices under the cluster's MaxArraySize.
 *
 * @param runDir absolute run folder; logs go to {@code runDir/slurm/logs/%A_%a.out}
 * @param workDir the directory the element starts in (the CLI's, the repository for ./reproduce)
 * @param callerDir REPRODUCE_CALLER_DIR of the CLI, so relative paths in {@code args} mean the same
 * @param command java, its options and class path, the main class and the run's own arguments;
 *     the element adds {@code --run-cell INDEX}
 * @param sbatch the pass-through options, each an {@code #SBATCH} line
 */
public record SlurmJob(String jobName, Path runDir, Path workDir, Path callerDir, List<String> command,
    SlurmOptions options) {

  /** The pass-through options and the executor's own limits. */
  public record SlurmOptions(Optional<String> partition, Optional<String> account, Optional<String> qos,
      Optional<String> time, Optional<Integer> cpus, Optional<String> mem, List<String> extra,
      int throttle, int retries, int requeues, int signalSeconds, double pollSeconds) {

    public static SlurmOptions defaults() {
      return new SlurmOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), List.of(), 0, 2, 5, 300, 10);
    }

    /** The {@code #SBATCH} lines of the pass-through options. */
    List<String> directives() {
      List<String> out = new ArrayList<>();
      partition.ifPresent(p -> out.add("--partition=" + p));
      account.ifPresent(a -> out.add("--account=" + a));
      qos.ifPresent(q -> out.add("--qos=" + q));
      time.ifPresent(t -> out.add("--time=" + t));
      cpus.ifPresent(c -> out.add("--cpus-per-task=" + c));
      mem.ifPresent(m -> out.add("--mem=" + m));
      out.addAll(extra);
      return out;
    }
  }

  /** One {@code sbatch} of a job array: elements {@code offset + task id} of the plan. */
  public record ArraySpec(int offset, List<Integer> taskIds, int throttle) {
    /** The value of {@code --array}: ranges of task ids, then the throttle, e.g. {@code 0-3,7%2}. */
    public String arrayOption() {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < taskIds.size(); ) {
        int j = i;
        while (j + 1 < taskIds.size() && taskIds.get(j + 1) == taskIds.get(j) + 1) j++;
        if (s.length() > 0) s.append(',');
        s.append(taskIds.get(i));
        if (j > i) s.append('-').append(taskIds.get(j));
        i = j + 1;
      }
      if (throttle > 0) s.append('%').append(throttle);
      return s.toString();
    }

    public List<Integer> planIndices() {
      return taskIds.stream().map(t -> t + offset).toList();
    }
  }

  static final String MANIFEST = "manifest.tsv";
  static final String SCRIPT = "cell.sbatch";
  static final String JOBS = "jobs.tsv";

  public Path slurmDir() {
    return runDir.resolve("slurm");
  }

  /**
   * The arrays covering {@code indices}: task ids must stay below MaxArraySize, so index i goes
   * to the array of offset {@code (i / maxArraySize) * maxArraySize}; one array when the plan is
   * smaller than MaxArraySize (every profile on a default cluster: 1001).
   */
  public static List<ArraySpec> arrays(List<Integer> indices, int maxArraySize, int throttle) {
    if (maxArraySize < 1) throw new IllegalArgumentException("MaxArraySize must be at least 1, got " + maxArraySize);
    TreeMap<Integer, List<Integer>> byOffset = new TreeMap<>();
    for (int i : indices.stream().sorted().distinct().toList()) {
      int offset = (i / maxArraySize) * maxArraySize;
      byOffset.computeIfAbsent(offset, k -> new ArrayList<>()).add(i - offset);
    }
    List<ArraySpec> out = new ArrayList<>();
    byOffset.forEach((offset, ids) -> out.add(new ArraySpec(offset, List.copyOf(ids), throttle)));
    return out;
  }

  /** Index, tab, cell id; one line per cell of the plan. */
  public static String manifest(List<String> cellIds) {
    StringBuilder s = new StringBuilder("# array index (plus the array's offset, the script's $1) -> cell id\n");
    for (int i = 0; i < cellIds.size(); i++) s.append(i).append('\t').append(cellIds.get(i)).append('\n');
    return s.toString();
  }

  /** The cell ids of a manifest, by index. */
  public static Map<Integer, String> readManifest(String text) {
    Map<Integer, String> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t", 2);
      out.put(Integer.parseInt(f[0].strip()), f[1].strip());
    }
    return out;
  }

  /** The batch script; one file per run, shared by every element and resubmission. */
  public String script() {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("# gpo-suite: one cell of the run in ").append(runDir).append(" per array element.\n");
    s.append("# Submitted by ./reproduce --executor slurm as: sbatch --parsable --array=<task ids>%<throttle> ")
        .append(SCRIPT).append(" <offset>\n");
    s.append("# The element computes the cell of index <offset> + SLURM_ARRAY_TASK_ID in ").append(MANIFEST)
        .append(" and writes its result files; on USR1 a GPO cell checkpoints at the end of its round and\n")
        .append("# requeues itself (at most ").append(options.requeues()).append(" times).\n");
    s.append("#SBATCH --job-name=").append(jobName).append('\n');
    s.append("#SBATCH --output=").append(slurmDir().resolve("logs")).append("/%A_%a.out\n");
    s.append("#SBATCH --open-mode=append\n");
    s.append("#SBATCH --requeue\n");
    s.append("#SBATCH --signal=B:USR1@").append(options.signalSeconds()).append('\n');
    for (String d : options.directives()) s.append("#SBATCH ").append(d).append('\n');
    s.append("set -eu\n");
    s.append("cd ").append(quote(workDir.toString())).append('\n');
    s.append("export OMP_NUM_THREADS=1 REPRODUCE_CALLER_DIR=").append(quote(callerDir.toString()))
        .append(" GPOSUITE_MAX_REQUEUES=").append(options.requeues()).append('\n');
    s.append("echo \"element ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (job ${SLURM_JOB_ID}, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname) at $(date -u +%FT%TZ)\"\n");
    s.append("# exec: the JVM itself gets Slurm's signals; a wrapper shell would die and leave the JVM outside Slurm's control.\n");
    s.append("exec");
    for (String c : command) s.append(' ').append(quote(c));
    s.append(" --run-cell $(( ${1:-0} + SLURM_ARRAY_TASK_ID ))\n");
    return s.toString();
  }

  static String quote(String s) {
    if (s.matches("[A-Za-z0-9_./:=,+@%-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The {@code sbatch} command line of one array. */
  public List<String> sbatch(ArraySpec a) {
    return List.of("sbatch", "--parsable", "--array=" + a.arrayOption(), slurmDir().resolve(SCRIPT).toString(),
        Integer.toString(a.offset()));
  }

  static String commandLine(List<String> argv) {
    return argv.stream().map(SlurmJob::quote).collect(Collectors.joining(" "));
  }
}
