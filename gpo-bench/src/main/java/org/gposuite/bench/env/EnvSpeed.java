package org.gposuite.bench.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gposuite.env.Env;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.Tasks;
import org.gposuite.mujoco.MjModel;

/**
 * One run, one table: for each task, the cost of a plain C mj_step on the same model
 * ({@code mujoco-testspeed <model> <nstep> 1}, the C reference tool of MuJoCo 2.2.2) next to
 * our Env.step divided by frame_skip, and their ratio.
 *
 * <p>Measured: Env.step with uniform random actions in [-1, 1], resets on termination (reset
 * time excluded). Not measured: policy inference. The C tool runs from qpos0 with small control
 * noise, so its states differ from ours; contact counts (and so costs) differ somewhat. For the
 * hilly tasks the C tool sees the height field as written in the model text, i.e. flat.
 *
 * <p>Usage: {@code EnvSpeed [seconds-per-task] [task ...]}.
 */
public final class EnvSpeed {
  private static final Pattern STEPS_PER_SECOND = Pattern.compile("Steps per second\\s*:\\s*([0-9.]+)");

  private EnvSpeed() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    List<String> names = args.length > 1 ? List.of(args).subList(1, args.length) : Tasks.names();
    Path dir = Files.createTempDirectory("gpo-envspeed");
    try {
      System.out.printf("%-24s %12s %16s %8s%n", "task", "C ns/step", "Java ns/step/fs", "ratio");
      for (String name : names) {
        TaskConfig cfg = TaskConfig.of(name);
        Path xml = dir.resolve(name + ".xml");
        Files.writeString(xml, Tasks.modelXml(cfg), StandardCharsets.UTF_8);
        int frameSkip;
        double timestep;
        try (MjModel m = MjModel.fromXml(Tasks.modelXml(cfg))) {
          double[] fs = m.customNumeric("frame_skip");
          frameSkip = fs == null ? 1 : (int) fs[0];
          timestep = m.timestep();
        }
        double javaNs = javaNsPerEnvStep(cfg, seconds) / frameSkip;
        // enough C steps for about `seconds` seconds, from a quick probe
        double probe = cNsPerStep(xml, 20_000);
        int nstep = (int) Math.max(20_000, Math.min(50_000_000, seconds * 1e9 / probe));
        double cNs = cNsPerStep(xml, nstep);
        System.out.printf("%-24s %12.0f %16.0f %8.2f%n", name, cNs, javaNs, javaNs / cNs);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static double javaNsPerEnvStep(TaskConfig cfg, double seconds) {
    try (Env env = Tasks.make(cfg, 1)) {
      SplittableRandom rng = new SplittableRandom(2);
      int n = 4096;
      double[][] actions = new double[n][env.actDim()];
      for (double[] a : actions) {
        for (int i = 0; i < a.length; i++) {
          a[i] = rng.nextDouble(-1, 1);
        }
      }
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      long steps = 0;
      long spent = 0;
      double sink = 0;
      long end = System.nanoTime() + (long) (seconds * 0.3e9); // warm-up
      boolean measuring = false;
      while (true) {
        long t0 = System.nanoTime();
        for (int k = 0; k < 256; k++) {
          sink += env.step(actions[(int) (steps + k) & (n - 1)], obs);
          if (env.terminated()) {
            long r0 = System.nanoTime();
            env.reset(obs);
            t0 += System.nanoTime() - r0; // reset excluded
          }
        }
        long t1 = System.nanoTime();
        if (measuring) {
          steps += 256;
          spent += t1 - t0;
          if (t1 > end) {
            break;
          }
        } else if (t1 > end) {
          measuring = true;
          end = t1 + (long) (seconds * 1e9);
        }
      }
      if (sink == 42.4242) {
        System.out.print("");
      }
      return (double) spent / steps;
    }
  }

  private static double cNsPerStep(Path xml, int nstep) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("mujoco-testspeed", xml.toString(), Integer.toString(nstep), "1"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("mujoco-testspeed failed on " + xml + ":\n" + out);
    }
    Matcher m = STEPS_PER_SECOND.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no 'Steps per second' in mujoco-testspeed output:\n" + out);
    }
    return 1e9 / Double.parseDouble(m.group(1));
  }
}
