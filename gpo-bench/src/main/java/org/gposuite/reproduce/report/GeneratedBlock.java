package org.gposuite.reproduce.report;

/**
 * The generated part of a markdown file whose prose is written by hand: the text between two marker
 * lines, rewritten from stored data while everything around it stays as written (FINDINGS.md's numbers
 * and verdicts, sharing.md's screen tables).
 *
 * @param file the file's name, for the error when its markers are missing
 */
record GeneratedBlock(String file, String begin, String end) {

  /** {@code md} with the text between the markers replaced by {@code block}. */
  String replaceIn(String md, String block) {
    int b = md.indexOf(begin), e = md.indexOf(end);
    if (b < 0 || e < b) throw new IllegalArgumentException(file + " lacks the markers " + begin + " ... " + end);
    return md.substring(0, b + begin.length()) + "\n\n" + block + "\n" + md.substring(e);
  }
}
