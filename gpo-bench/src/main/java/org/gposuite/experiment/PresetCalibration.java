package org.gposuite.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gposuite.env.TaskConfig;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.Baseline;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;
import org.gposuite.pg.Ppo;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.PpoPreset;
import org.gposuite.pg.VecEnvAdapter;

/**
 * Finds the PPO settings behind the {@code paper-calibrated} preset: Single's policies trained
 * with each candidate for the paper's 1M steps per policy, each scored by the evaluation
 * protocol, so the candidate whose Single comes closest to the paper's Single (Walker2d 541,
 * HalfCheetah 1524) can be chosen. Appends one row per (candidate, task, policy) to the CSV;
 * rows already there are kept and not recomputed (the run resumes).
 *
 * <p>usage: PresetCalibration OUT.csv TASKS POLICIES STEPS_PER_POLICY CANDIDATE[,CANDIDATE...]
 */
public final class PresetCalibration {
  private PresetCalibration() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    List<String> tasks = List.of(args[1].split(","));
    int policies = Integer.parseInt(args[2]);
    long steps = Long.parseLong(args[3]);
    List<String> candidates = List.of(args[4].split(","));
    ResumableCsv csv = new ResumableCsv(out, "candidate,task,policy,steps,eval_return,eval_se,config\n");
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<Future<?>> jobs = new ArrayList<>();
    for (String cand : candidates)
      for (String task : tasks)
        for (int p = 0; p < policies; p++) {
          if (csv.has(cand + "," + task + "," + p)) continue;
          int policy = p;
          jobs.add(pool.submit(() -> {
            PpoConfig cfg = PpoPreset.of(cand).config(2048);
            EnvFactory envs = VecEnvAdapter.factory(new TaskConfig(task, 512, 1.0), 1);
            // one policy per job: seed policy-specific, as Single's policy p of seed 1
            Baseline.Result r = Baseline.run(new Ppo(cfg), NetworkBackend.OURS, envs, new Baseline.Plan(1, steps, 1000L + policy, 0), null, Baseline.Listener.NONE);
            Evaluation.Result e = Evaluation.evaluate(r.finalPolicies().get(0), envs, 10, 77_000L + policy);
            String row = String.format(Locale.ROOT, "%s,%s,%d,%d,%.2f,%.2f,\"%s\"%n", cand, task, policy, steps, e.mean(),
                e.standardError(), cfg);
            csv.append(row);
            return null;
          }));
        }
    for (Future<?> f : jobs) f.get();
    pool.shutdown();
  }
}
