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
import org.gposuite.mujoco.MjData;
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
 * <p>A second reference removes that difference: "Java raw" replays the env's own actions with
 * plain mj_step calls through the binding on a second MjData, resetting to the model's initial
 * pose wherever the env's episode ended (reset excluded from both timings), so it sees nearly
 * the same states as the env. "env/raw" is then the price of the task layer itself.
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
      System.out.printf("%-24s %10s %16s %8s %14s %8s%n", "task", "C ns/step", "Java ns/step/fs",
          "ratio", "raw ns/step", "env/raw");
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
        double[] javaNs = javaNsPerEnvStep(cfg, seconds, frameSkip);
        // enough C steps for about `seconds` seconds, from a quick probe
        double probe = cNsPerStep(xml, 20_000);
        int nstep = (int) Math.max(20_000, Math.min(50_000_000, seconds * 1e9 / probe));
        double cNs = cNsPerStep(xml, nstep);
        System.out.printf("%-24s %10.0f %16.0f %8.2f %14.0f %8.2f%n", name, cNs, javaNs[0],
            javaNs[0] / cNs, javaNs[1], javaNs[0] / javaNs[1]);
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

  /**
   * {env ns, raw ns} per physics step: Env.step on random actions, then the same actions and
   * episode boundaries replayed with plain mj_step. Alternates the two in blocks so both see
   * the same machine load.
   */
  private static double[] javaNsPerEnvStep(TaskConfig cfg, double seconds, int frameSkip) {
    try (Env env = Tasks.make(cfg, 1);
         MjModel model = MjModel.fromXml(Tasks.modelXml(cfg));
         MjData raw = model.makeData()) {
      SplittableRandom rng = new SplittableRandom(2);
      int block = 512;
      double[][] actions = new double[block][env.actDim()];
      boolean[] endsEpisode = new boolean[block];
      double[][] ctrl = new double[block][env.actDim()];
      double[] obs = new double[env.obsDim()];
      double[] init = model.customNumeric("init_qpos");
      if (init == null) {
        init = model.qpos0();
      }
      resetRaw(raw, init);
      env.reset(obs);
      long envSteps = 0;
      long envSpent = 0;
      long rawSpent = 0;
      double sink = 0;
      long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
      long end = Long.MAX_VALUE;
      while (true) {
        for (int k = 0; k < block; k++) {
          for (int i = 0; i < env.actDim(); i++) {
            actions[k][i] = rng.nextDouble(-1, 1);
            double lo = model.actuatorCtrlLow(i);
            double hi = model.actuatorCtrlHigh(i);
            ctrl[k][i] = lo + (actions[k][i] + 1) * 0.5 * (hi - lo);
          }
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < block; k++) {
          sink += env.step(actions[k], obs);
          endsEpisode[k] = env.terminated();
          if (endsEpisode[k]) {
            long r0 = System.nanoTime();
            env.reset(obs);
            t0 += System.nanoTime() - r0; // reset excluded
          }
        }
        long t1 = System.nanoTime();
        long rawStart = t1;
        for (int k = 0; k < block; k++) {
          raw.ctrl().copyFrom(ctrl[k], 0);
          for (int f = 0; f < frameSkip; f++) {
            raw.step();
          }
          if (endsEpisode[k]) {
            long r0 = System.nanoTime();
            resetRaw(raw, init);
            rawStart += System.nanoTime() - r0; // reset excluded
          }
        }
        long t2 = System.nanoTime();
        sink += raw.qpos().get(0);
        if (end != Long.MAX_VALUE) {
          envSteps += block;
          envSpent += t1 - t0;
          rawSpent += t2 - rawStart;
          if (t2 > end) {
            break;
          }
        } else if (t2 > warmEnd) {
          end = t2 + (long) (seconds * 1e9);
        }
      }
      if (sink == 42.4242) {
        System.out.print("");
      }
      double steps = (double) envSteps * frameSkip;
      return new double[] {envSpent / steps, rawSpent / steps};
    }
  }

  private static void resetRaw(MjData raw, double[] init) {
    raw.resetData();
    raw.qpos().copyFrom(init, 0);
    raw.forward();
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
