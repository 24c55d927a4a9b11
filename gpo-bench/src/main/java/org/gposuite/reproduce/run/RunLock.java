package org.gposuite.reproduce.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.gposuite.reproduce.io.Faults;

/**
 * A run folder belongs to one process at a time: {@code reproduce.lock} in the folder holds the
 * pid and start time of the process running into it. Two processes on one folder would run the
 * same cells twice and overwrite each other's cells.csv and report, so the second one refuses. A
 * lock whose process is gone (a killed run, a reboot, the pid reused by another program) is
 * stale and taken over. Released, the lock file is deleted, and so is the folder when the lock
 * created it and nothing else was written into it.
 *
 * <p>The lock appears whole or not at all: its text is written to a file of this process's own,
 * which is then hard-linked to {@code reproduce.lock} (a link fails when the name exists, so of
 * two processes exactly one wins). A disk that fills while the text is written therefore leaves
 * no lock, never an empty one; and an empty or unreadable lock (from a build before this one, or a
 * damaged disk) cannot be one being written this instant, so it is stale too.
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
      return Optional.ofNullable(textOf(file)).flatMap(Holder::parse);
    }

    /** The holder a lock's text names; empty when it names none. */
    static Optional<Holder> parse(String text) {
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
   * @throws Held when a live process holds it
   * @throws IOException when the folder or the lock cannot be written
   */
  public static RunLock acquire(Path runDir, PrintStream log) throws IOException, Held {
    boolean created = !Files.exists(runDir);
    Files.createDirectories(runDir);
    Path file = runDir.resolve(FILE);
    Holder me = Holder.current();
    // Three tries: another process may take a stale lock over between two of our steps.
    for (int attempt = 0; attempt < 3; attempt++) {
      if (create(file, me)) return new RunLock(file, me, created);
      String text = textOf(file);
      if (text == null) continue;  // released while we looked
      Optional<Holder> holder = Holder.parse(text);
      if (holder.isPresent() && holder.get().alive()) {
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
      if (!text.equals(textOf(aside))) {
        // We moved a fresh lock another process wrote after our read: give it back.
        try {
          Files.move(aside, file);
        } catch (FileAlreadyExistsException ignored) {
          Files.deleteIfExists(aside);
        }
        continue;
      }
      Files.delete(aside);
      log.println("taking over the lock of an earlier run that did not release it ("
          + holder.map(h -> h.describe() + ", no longer running").orElse(file + " named no process") + ")");
    }
    throw new Held("run folder " + runDir + " is being locked and unlocked by other processes; try again");
  }

  /**
   * Creates {@code file} holding {@code me}'s stamp, whole, unless it exists.
   *
   * @return false when the lock exists already
   * @throws IOException naming the lock file when the stamp cannot be written (a full disk, a
   *     read-only folder); nothing is left behind then
   */
  private static boolean create(Path file, Holder me) throws IOException {
    Path stamp = file.resolveSibling(FILE + "." + me.pid() + ".tmp");
    try {
      Files.writeString(stamp, me.text(), StandardCharsets.UTF_8);
      Files.createLink(file, stamp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      FileSystemException named = new FileSystemException(file.toString(), null, Faults.reason(e));
      named.initCause(e);
      throw named;
    } finally {
      Files.deleteIfExists(stamp);
    }
  }

  /** A file's text; null when it is gone. Bytes that are not UTF-8 read as no lock, not as an error. */
  private static String textOf(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.nio.charset.CharacterCodingException e) {
      return "";
    }
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
