package org.gposuite.reproduce.exec;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Slurm's warning before a time limit or a preemption ({@code sbatch --signal=B:USR1@s}, or
 * {@code scancel --signal=USR1 --batch}): the element's JVM notes it, the running cell goes on
 * to its next checkpoint (a GPO cell: the end of its current round; a Single or Joint cell: the end
 * of its current iteration, where it saves one at once), and there stops by throwing {@link Stop};
 * the element then requeues itself and the requeued element resumes from the checkpoint.
 */
public final class Preemption {
  private static final AtomicBoolean REQUESTED = new AtomicBoolean();

  private Preemption() {}

  /** The cell stopped at a checkpoint because a stop was requested. */
  public static final class Stop extends RuntimeException {
    public Stop(String where) {
      super("stopped at a checkpoint (" + where + ") on Slurm's USR1");
    }
  }

  /** Handles SIGUSR1 from now on in this JVM; only an element run by Slurm calls it. */
  @SuppressWarnings("restriction")
  public static void onUsr1() {
    sun.misc.Signal.handle(new sun.misc.Signal("USR1"), sig -> {
      REQUESTED.set(true);
      System.out.println("element: USR1 received; stopping at the next checkpoint");
      System.out.flush();
    });
  }

  /** Whether a stop was requested: a runner that can checkpoint at any iteration does so now. */
  public static boolean requested() {
    return REQUESTED.get();
  }

  /** Called by a runner right after it saved a checkpoint: throws {@link Stop} when a stop was requested. */
  public static void checkpointed(String where) {
    if (REQUESTED.get()) throw new Stop(where);
  }
}
