package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same cells, run in child JVMs set up as different x86-64 CPUs of our kind would set them
 * up, give the same bits: PPO and A2C (Tables 1 and 2), GPO (mutation, selection, crossover with
 * pi_S and DAgger) and Single on Swimmer, at a tiny budget. Every number the cells write is
 * compared as text (full double precision): returns, KL, entropy, value error per iteration,
 * crossover losses; wall-clock columns aside.
 *
 * <p>The configurations are what differs between such machines: the JIT's instruction set and the
 * vector API's preferred width ({@code -XX:UseAVX=2} = 256-bit, {@code MaxVectorSize=16} =
 * 128-bit, the default here 512-bit on AVX-512), and the OpenBLAS kernels its run-time detection
 * would pick (forced with {@code OPENBLAS_CORETYPE}: SkylakeX on AVX-512 Intel, Sandybridge),
 * glibc's choice among its AVX-512/AVX2 variants, and the native libraries' thread count, which
 * follows the core count when {@code OMP_NUM_THREADS} is unset. The default JVM has neither
 * variable, as a JVM started by hand. Without the pins in {@code nn.kernel.NativeArithmetic} the
 * OpenBLAS and thread configurations differ from the 7th digit on.
 */
class CrossCpuBitsTest {
  record Config(String name, Map<String, String> env, List<String> jvmFlags) {}

  static final List<Config> CONFIGS = List.of(
      new Config("default-no-env", Map.of(), List.of()),
      // an AVX2-only machine: the JIT, the vector width, glibc's choice of libm/string variants
      new Config("avx2-haswell", Map.of("OPENBLAS_CORETYPE", "Haswell",
          "GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F,-AVX512DQ,-AVX512BW,-AVX512VL,-AVX512CD"), List.of("-XX:UseAVX=2")),
      new Config("threads-2", Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "2"), List.of()),
      new Config("vector128-skylakex", Map.of("OPENBLAS_CORETYPE", "SkylakeX"), List.of("-XX:MaxVectorSize=16")),
      new Config("avx2-sandybridge", Map.of("OPENBLAS_CORETYPE", "Sandybridge"), List.of("-XX:UseAVX=2")));

  static final String PROFILE = """
      description = cross-CPU bits: a tiny budget over every method code path of Tables 1 and 2
      tasks = Swimmer
      seeds = 1
      tables = 1, 2
      figures = 3a
      fig3a_task = Swimmer
      fig5_tasks = Swimmer
      assumed_steps_per_second = 10000
      total_steps = 4_000
      population = 2
      rounds = 2
      horizon = 50
      batch_per_policy = 512
      joint_batch = 1024
      eval_episodes = 1
      pi_s_epochs = 2
      dagger_initial = 256
      dagger_iterations = 1
      dagger_per_iteration = 128
      dagger_epochs = 1
      """;

  @Test
  void sameBitsUnderEveryEmulatedCpu(@TempDir Path tmp) throws Exception {
    Path profile = tmp.resolve("crosscpu.profile");
    Files.writeString(profile, PROFILE);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Map<String, String>>> runs = new ArrayList<>();
      for (Config c : CONFIGS) runs.add(pool.submit(() -> run(c, profile, tmp.resolve(c.name()))));
      Map<String, String> reference = runs.get(0).get(10, TimeUnit.MINUTES);
      assertTrue(reference.size() >= 8, "the cells wrote their files: " + reference.keySet());
      for (int i = 1; i < CONFIGS.size(); i++) {
        Map<String, String> other = runs.get(i).get(10, TimeUnit.MINUTES);
        assertEquals(reference.keySet(), other.keySet(), CONFIGS.get(i).name() + ": the same files");
        for (String file : reference.keySet())
          if (!reference.get(file).equals(other.get(file)))
            fail(CONFIGS.get(i).name() + " differs from " + CONFIGS.get(0).name() + " in " + file + ": "
                + firstDifference(reference.get(file), other.get(file)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the profile in a child JVM under {@code c}; the cells' CSVs without wall-clock columns, by path. */
  static Map<String, String> run(Config c, Path profile, Path out) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss4m", "-Djava.awt.headless=true"));
    cmd.addAll(c.jvmFlags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gposuite.reproduce.ReproduceMain",
        "--profile", profile.toString(), "--tables", "1,2", "--out", out.toString(), "--no-compare",
        "--expected", Path.of("..", "expected-results").toAbsolutePath().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling(c.name() + ".log").toFile());
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("OMP_NUM_THREADS");
    pb.environment().putAll(c.env());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(c.name() + ": the child JVM did not finish in 10 minutes");
    }
    String log = Files.readString(out.resolveSibling(c.name() + ".log"));
    assertEquals(0, p.exitValue(), c.name() + " failed:\n" + log);
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(out.resolve("cells"))) {
      // time.csv measures where the time went (issue 13): a measurement, not a result
      for (Path f : all.filter(f -> f.toString().endsWith(".csv") && !f.getFileName().toString().equals("time.csv")).sorted().toList())
        files.put(out.relativize(f).toString(), withoutWallClock(Files.readString(f, StandardCharsets.UTF_8)));
    }
    return files;
  }

  /** The CSV without the columns that measure time or say where and when it ran. */
  static String withoutWallClock(String csv) {
    String[] lines = csv.split("\n");
    if (lines.length == 0) return csv;
    String[] header = lines[0].split(",", -1);
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String h = header[i];
      if (!(h.contains("wall") || h.contains("seconds") || h.equals("finished_at") || h.equals("git_commit")
          || h.equals("os") || h.equals("cpu") || h.equals("jdk") || h.equals("libraries"))) keep.add(i);
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      String[] cols = line.split(",", -1);
      for (int k = 0; k < keep.size(); k++) sb.append(k == 0 ? "" : ",").append(keep.get(k) < cols.length ? cols[keep.get(k)] : "");
      sb.append('\n');
    }
    return sb.toString();
  }

  static String firstDifference(String a, String b) {
    String[] x = a.split("\n"), y = b.split("\n");
    for (int i = 0; i < Math.min(x.length, y.length); i++)
      if (!x[i].equals(y[i])) return "line " + (i + 1) + "\n  " + x[i] + "\n  " + y[i];
    return "lengths " + x.length + " vs " + y.length + " lines";
  }
}
