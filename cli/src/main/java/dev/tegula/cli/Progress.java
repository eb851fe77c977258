package dev.tegula.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place, for interactive terminals. Every other
 * stderr line goes through {@link #above} so that it never lands in the middle of the bar. All
 * methods may be called from any thread.
 */
final class Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String verb;
  private final int files;
  private int filesDone;
  /** Files whose tiles are running, their tiles, and how many of those are done. */
  private int filesInFlight;
  private long tilesInFlight;
  private long tilesInFlightDone;
  private long lastDraw;
  private boolean drawn;

  Progress(PrintWriter err, boolean enabled, String verb, int files) {
    this.err = err;
    this.enabled = enabled;
    this.verb = verb;
    this.files = files;
  }

  /** A file's tiles start; {@code n} of them. */
  synchronized void startFile(int n) {
    filesInFlight++;
    tilesInFlight += n;
  }

  synchronized void tileDone() {
    tilesInFlightDone++;
    draw(false);
  }

  /**
   * @param tilesStarted the count given to {@link #startFile}, or -1 if it never started
   * @param tilesRun how many of them ran
   */
  synchronized void fileDone(int tilesStarted, int tilesRun) {
    if (tilesStarted >= 0) {
      filesInFlight--;
      tilesInFlight -= tilesStarted;
      tilesInFlightDone -= tilesRun;
    }
    filesDone++;
    draw(filesDone == files);
  }

  /** Prints other output with the bar out of the way. */
  synchronized void above(Runnable print) {
    clear();
    print.run();
    draw(true);
  }

  synchronized void finish() {
    if (enabled && drawn) {
      draw(true);
      err.print('\n');
      err.flush();
      drawn = false;
    }
  }

  private void clear() {
    if (enabled && drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!enabled || (!force && now - lastDraw < REDRAW_NANOS)) {
      return;
    }
    lastDraw = now;
    // each file is an equal share; the files in flight fill theirs tile by tile
    double inFlight = tilesInFlight == 0 ? 0
        : (double) tilesInFlightDone / tilesInFlight * filesInFlight;
    double fraction = Math.min(1, (filesDone + inFlight) / Math.max(1, files));
    int fill = (int) (fraction * WIDTH);
    StringBuilder bar = new StringBuilder("\r").append(verb).append(' ')
        .append(filesDone).append('/').append(files).append(files == 1 ? " file  [" : " files [");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < fill ? '#' : '.');
    }
    bar.append("] ").append((int) (fraction * 100)).append('%');
    err.print(bar);
    err.flush();
    drawn = true;
  }
}
