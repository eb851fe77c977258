package dev.tegula.cli;

/** Exit statuses of the tegula command; scripts rely on them, so they never change meaning. */
final class ExitCodes {
  static final int OK = 0;
  /** The input is not a file we can decode (a {@link dev.tegula.core.TegulaException}). */
  static final int BAD_INPUT = 1;
  /** The command line is wrong (picocli's own usage errors use this too). */
  static final int USAGE = 2;
  /** Reading, writing or listening failed, or the output exists and --force was not given. */
  static final int IO = 3;
  /** A bug in Tegula, or the JVM ran out of memory. */
  static final int INTERNAL = 4;

  private ExitCodes() {}
}
