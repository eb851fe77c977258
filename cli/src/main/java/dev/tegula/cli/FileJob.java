package dev.tegula.cli;

/**
 * One file's work, cut into tiles that {@link BatchRunner} runs in parallel: every tile once, then
 * {@link #finish} gives the output file's bytes.
 */
interface FileJob {
  int tileCount();

  void runTile(int tile);

  byte[] finish();

  /**
   * As {@link #finish}, with a pool for work that can be cut into jobs (a PNG encode's): its
   * tasks must never wait for each other.
   */
  default byte[] finish(java.util.concurrent.ExecutorService pool) {
    return finish();
  }

  /** After finish: why the output is incomplete (damaged input), or null. */
  String warning();

  /** After finish: one line about the result, for --verbose. */
  String summary(String out, byte[] written);
}
