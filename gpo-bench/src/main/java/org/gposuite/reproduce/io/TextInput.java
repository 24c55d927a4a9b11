package org.gposuite.reproduce.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the harness's input files (profiles, expected results, the paper's tables, a run
 * folder's cell files) as UTF-8 text. Anything that keeps a file from being read is an
 * {@link InputError} naming it, so that it ends the run as bad input (exit 2) with one line
 * instead of an I/O stack trace; bytes that are not UTF-8 are reported with their line.
 */
public final class TextInput {
  private TextInput() {}

  public static String read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputError(file.toString(), 0, null, "cannot be read: " + Faults.reason(e));
    }
    return decode(file.toString(), bytes);
  }

  /** @param source the file's name in messages */
  public static String decode(String source, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') line++;
      }
      throw new InputError(source, line, null, String.format(Locale.ROOT,
          "is not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", bytes[at] & 0xff, at));
    }
    decoder.flush(out);
    String text = out.flip().toString();
    // Some editors start UTF-8 files with a byte-order mark; it would glue itself to the first key.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
