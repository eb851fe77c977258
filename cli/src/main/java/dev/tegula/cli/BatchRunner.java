package dev.tegula.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a command over many files on all cores: files on one pool (bounding how many are in
 * memory at once), their tiles on another, so that one big image keeps every core busy and many
 * small ones do too. The codecs never start threads; this is the only place that does. A failed
 * file is reported and the others go on; the exit status is the worst file's.
 */
final class BatchRunner {
  /** Reads an input and makes its job; runs on a file thread. */
  interface Preparer {
    FileJob prepare(String input, byte[] data) throws IOException;
  }

  private final int threads;
  private final boolean force;
  private final ErrorReporter errors;
  private final Progress progress;

  BatchRunner(int threads, boolean force, ErrorReporter errors, Progress progress) {
    this.threads = threads;
    this.force = force;
    this.errors = errors;
    this.progress = progress;
  }

  int run(List<OutputPlan.Target> targets, Preparer preparer) {
    ExecutorService files = Executors.newFixedThreadPool(Math.min(threads, targets.size()),
        daemon("tegula-file"));
    ExecutorService tiles = Executors.newFixedThreadPool(threads, daemon("tegula-tile"));
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (OutputPlan.Target target : targets) {
        results.add(files.submit(() -> one(target, preparer, tiles)));
      }
      int exit = ExitCodes.OK;
      for (Future<Integer> f : results) {
        exit = Math.max(exit, join(f));
      }
      return exit;
    } finally {
      files.shutdownNow();
      tiles.shutdownNow();
      progress.finish();
    }
  }

  private int one(OutputPlan.Target target, Preparer preparer, ExecutorService tilePool) {
    String in = target.input();
    if (target.problem() != null) {
      progress.fileDone(-1, 0);
      return report(in, new IOException(target.problem()));
    }
    Path out = target.output();
    int started = -1;
    AtomicInteger ran = new AtomicInteger();
    String stage = in;
    try {
      // checked first so that nobody waits for work that cannot be written
      if (!force && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
        stage = out.toString(); // the file in the way, not the input, is what the user must move
        throw new FileAlreadyExistsException(out.toString());
      }
      if (Files.isDirectory(out)) {
        throw new IOException(out + " is a directory");
      }
      byte[] data = InputFiles.read(Path.of(in));
      FileJob job = preparer.prepare(in, data);
      started = job.tileCount();
      progress.startFile(started);
      runTiles(job, tilePool, ran);
      byte[] bytes = job.finish(tilePool);
      stage = out.toString();
      AtomicFileWriter.write(out, bytes, force);
      progress.fileDone(started, ran.get());
      String warning = job.warning();
      String summary = job.summary(out.toString(), bytes);
      progress.above(() -> errors.note(summary));
      if (warning != null) {
        progress.above(() -> errors.warn(in, warning + "; wrote " + out));
        return ExitCodes.BAD_INPUT;
      }
      return ExitCodes.OK;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      progress.fileDone(started, ran.get());
      return report(stage, e);
    }
  }

  /** Runs every tile on the tile pool and waits; the first failure cancels the rest. */
  private void runTiles(FileJob job, ExecutorService pool, AtomicInteger ran) throws IOException {
    List<Future<?>> futures = new ArrayList<>(job.tileCount());
    for (int t = 0; t < job.tileCount(); t++) {
      int tile = t;
      futures.add(pool.submit(() -> {
        job.runTile(tile);
        ran.incrementAndGet();
        progress.tileDone();
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      for (Future<?> f : futures) {
        f.cancel(false);
      }
      throw rethrow(e.getCause());
    }
  }

  private int report(String file, Throwable e) {
    int[] exit = new int[1];
    progress.above(() -> exit[0] = errors.fail(file, e));
    return exit[0];
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(cause);
  }

  private static int join(Future<Integer> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERNAL;
    } catch (ExecutionException e) {
      return ExitCodes.INTERNAL;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
