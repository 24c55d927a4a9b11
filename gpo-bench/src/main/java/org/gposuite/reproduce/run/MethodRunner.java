package org.gposuite.reproduce.run;

import java.nio.file.Path;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.store.CellResult;

/**
 * Runs one cell of one method: the only way the harness reaches the engine. One implementation
 * per method name (GPO, Single, Joint, the Fig. 5 ablations, the Fig. 3a crossover probe); an
 * {@link EngineBinding} supplies them.
 *
 * <p>Contract: deterministic for a given {@link CellSpec} (seeded from {@code cell.seed()}), so
 * that reruns with the same config hash can be compared bit for bit; within
 * {@code cell.budget()}; may write logs or checkpoints under {@code cellDir} (the harness
 * creates it, and keeps the runner's files beside its own result).
 */
@FunctionalInterface
public interface MethodRunner {
  CellResult run(CellSpec cell, Path cellDir, Progress progress) throws Exception;
}
