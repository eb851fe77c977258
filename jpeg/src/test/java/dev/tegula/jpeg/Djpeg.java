package dev.tegula.jpeg;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether libjpeg-turbo's djpeg runs here: the reference the djpeg tests compare with. */
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
}
