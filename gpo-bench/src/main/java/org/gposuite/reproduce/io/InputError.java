package org.gposuite.reproduce.io;

/**
 * A problem in a file the harness reads (a profile, an expected-results or paper CSV), located
 * by file, line and field so that it can be fixed without a debugger.
 */
public final class InputError extends RuntimeException {
  private final String file;
  private final int line;
  private final String field;

  /**
   * @param line 1-based line number, or 0 when the problem is the file as a whole (e.g. a
   *     required field is missing)
   */
  public InputError(String file, int line, String field, String problem) {
    super(file + (line > 0 ? " line " + line : "") + (field != null ? ", field " + field : "")
        + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
