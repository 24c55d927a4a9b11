package org.gposuite.reproduce.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A run folder belongs to one process at a time: {@code reproduce.lock} in the folder holds the
 * pid and start time of the process running into it. Two processes on one folder would run the
 * same cells twice and overwrite each other's cells.csv and report, so the second one refuses. A
 * lock whose process is gone (a killed run, a reboot, the pid reused by another program) is
 * stale and taken over. Released, the lock file is deleted, and so is the folder when the lock
 * created it and nothing else was written into it.
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE = "reproduce.lock";

  /** Another live process holds the folder. */
  public static final class Held extends Exception {
    Held(String message) {
      super(message);
    }
  }

  /**
   * Who holds a lock. {@code started} tells a live holder from a later process that was given
   * the same pid; empty when the JDK cannot see a process's start time.
   */
  record Holder(long pid, String started) {
    static Holder current() {
      ProcessHandle me = ProcessHandle.current();
      return new Holder(me.pid(), me.info().startInstant().map(Instant::toString).orElse(""));
    }

    String text() {
      return "pid " + pid + "\nstarted " + started + "\n";
    }

    /** The holder written in {@code file}; empty when the file is gone, empty or not a lock. */
    static Optional<Holder> read(Path file) throws IOException {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (java.nio.charset.CharacterCodingException e) {
        return Optional.empty();
      }
      long pid = -1;
      String started = "";
      for (String line : text.split("\n")) {
        if (line.startsWith("pid ")) {
          try {
            pid = Long.parseLong(line.substring(4).strip());
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        } else if (line.startsWith("started ")) {
          started = line.substring(8).strip();
        }
      }
      return pid > 0 ? Optional.of(new Holder(pid, started)) : Optional.empty();
    }

    /** Running, and (when both start times are known) the same process that wrote the lock. */
    boolean alive() {
      Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (p.isEmpty()) return false;
      Optional<String> start = p.get().info().startInstant().map(Instant::toString);
      return started.isEmpty() || start.isEmpty() || start.get().equals(started);
    }

    String describe() {
      return "pid " + pid + (started.isEmpty() ? "" : ", started " + started);
    }
  }

  private final Path file;
  private final Holder me;
  private final boolean createdFolder;

  private RunLock(Path file, Holder me, boolean createdFolder) {
    this.file = file;
    this.me = me;
    this.createdFolder = createdFolder;
  }

  /**
   * Takes the lock of {@code runDir}, creating the folder when missing.
   *
   * @throws Held when a live process holds it, or the lock file holds no pid (it is being
   *     written this instant, or was damaged)
   * @throws IOException when the folder or the lock cannot be written
   */
  public static RunLock acquire(Path runDir, PrintStream log) throws IOException, Held {
    boolean created = !Files.exists(runDir);
    Files.createDirectories(runDir);
    Path file = runDir.resolve(FILE);
    Holder me = Holder.current();
    // Three tries: another process may take a stale lock over between two of our steps.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Files.writeString(file, me.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return new RunLock(file, me, created);
      } catch (FileAlreadyExistsException e) {
        // Held, or stale: read on.
      }
      Optional<Holder> holder = Holder.read(file);
      if (holder.isEmpty()) {
        if (!Files.exists(file)) continue;  // released while we looked
        throw new Held("run folder " + runDir + " is locked by " + file + ", which names no process; if no"
            + " other ./reproduce runs into this folder, delete that file");
      }
      if (holder.get().alive()) {
        throw new Held("run folder " + runDir + " is in use by another ./reproduce (" + holder.get().describe()
            + "; lock " + file + "); wait for it to finish, or give this run another --out");
      }
      // Stale. Move it aside under a name of our own: of several processes that found it
      // stale, one wins the move; the others find the folder free or freshly locked.
      Path aside = runDir.resolve(FILE + "." + me.pid() + ".stale");
      try {
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (!Holder.read(aside).equals(holder)) {
        // We moved a fresh lock another process wrote after our read: give it back.
        try {
          Files.move(aside, file);
        } catch (FileAlreadyExistsException ignored) {
          Files.deleteIfExists(aside);
        }
        continue;
      }
      Files.delete(aside);
      log.println("taking over the lock of an earlier run that did not release it (" + holder.get().describe()
          + ", no longer running)");
    }
    throw new Held("run folder " + runDir + " is being locked and unlocked by other processes; try again");
  }

  /** Deletes the lock if it is still ours, then the folder if this lock created it and it stayed empty. */
  @Override
  public void close() throws IOException {
    if (Holder.read(file).equals(Optional.of(me))) Files.deleteIfExists(file);
    if (createdFolder && Files.isDirectory(file.getParent())) {
      try (var entries = Files.list(file.getParent())) {
        if (entries.findAny().isEmpty()) Files.deleteIfExists(file.getParent());
      }
    }
  }
}
