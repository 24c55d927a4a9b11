package org.gposuite.reproduce.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a run says when it is stopped by Ctrl-C (SIGINT) or a plain kill (SIGTERM): the JVM then
 * runs its shutdown hooks and nothing else, so without this the run ends in silence, its lock left
 * for the next run to take over. Registered for the time a run holds its folder; a run that ends
 * on its own removes it, so that it never speaks after a normal exit.
 */
public final class InterruptNotice implements AutoCloseable {
  private final Thread hook;

  private InterruptNotice(Thread hook) {
    this.hook = hook;
  }

  /** Says, on an interruption, that the finished cells of {@code runDir} are kept, releases {@code lock}. */
  public static InterruptNotice register(Path runDir, RunLock lock, PrintStream log) {
    Thread hook = new Thread(() -> {
      log.println("interrupted: the finished cells are kept in " + runDir + "; rerun the same command to resume"
          + " (an interrupted GPO cell resumes after its last round, a Single or Joint cell from its last checkpoint, at most"
          + " a minute back)");
      log.flush();
      try {
        lock.close();
      } catch (IOException e) {
        // The next run takes a lock whose process is gone over anyway.
      }
    }, "reproduce-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    return new InterruptNotice(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: it said what there is to say.
    }
  }
}
