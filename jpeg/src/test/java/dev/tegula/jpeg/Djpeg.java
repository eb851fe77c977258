package dev.tegula.jpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** libjpeg-turbo's djpeg, the reference the djpeg tests compare with. */
final class Djpeg {
  private static Boolean available;

  private Djpeg() {}

  static synchronized boolean available() {
    if (available == null) {
      try {
        Process p = new ProcessBuilder("djpeg", "-version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        available = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  /** How a djpeg run ended: its exit status (-1 when it hung and was stopped) and its messages. */
  record Run(int exitCode, String messages) {}

  /**
   * Decodes {@code jpg} into {@code out} (PPM or PGM) at 1/{@code shrink} of its size, with
   * JSIMD_FORCENONE=1: djpeg's C code path, which this decoder implements.
   */
  static Run run(Path jpg, Path out, int shrink) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("djpeg", "-scale", "1/" + shrink, "-outfile",
        out.toString(), jpg.toString());
    pb.environment().put("JSIMD_FORCENONE", "1");
    pb.redirectErrorStream(true);
    Process proc = pb.start();
    String messages = new String(proc.getInputStream().readAllBytes());
    if (!proc.waitFor(60, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      return new Run(-1, messages);
    }
    return new Run(proc.exitValue(), messages);
  }
}
