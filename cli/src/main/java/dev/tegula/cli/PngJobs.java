package dev.tegula.cli;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngEncoder;
import dev.tegula.png.PngEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a PNG encode's jobs ({@link PngEncoding}) on a pool: each step's jobs at the same time, the
 * steps one after the other. The bytes are those of {@link PngEncoder#encode}. The pool's tasks
 * never wait for each other, so the calling thread may itself belong to another pool.
 */
final class PngJobs {
  private PngJobs() {}

  static byte[] encode(Image image, Metadata metadata, PngEncodeOptions options,
      ExecutorService pool) {
    return Tegula.encodePng(image, metadata, options, jobs -> run(jobs, pool));
  }

  /**
   * One step's jobs on the pool and in this thread; returns when all have finished (the api's
   * hook for {@code compress --format png}, {@code Tegula.compress(decoded, options, pngJobs)}).
   */
  static void run(List<Runnable> jobs, ExecutorService pool) {
    if (jobs.size() == 1) {
      jobs.get(0).run();
      return;
    }
    List<Future<?>> futures = new ArrayList<>(jobs.size());
    // the last job runs here rather than waiting idle
    for (int i = 0; i < jobs.size() - 1; i++) {
      futures.add(pool.submit(jobs.get(i)));
    }
    try {
      jobs.get(jobs.size() - 1).run();
    } catch (RuntimeException | Error e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    join(futures);
  }

  private static void join(List<Future<?>> futures) {
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
