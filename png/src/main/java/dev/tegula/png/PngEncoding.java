package dev.tegula.png;

import java.util.List;
import java.util.function.Function;

/**
 * A PNG encode cut into steps of independent jobs ({@link PngEncoder#start}): at effort 1 and above
 * the filter-strategy trials are filtered (in halves of the rows) and ranked in jobs of their own,
 * and at effort 3-4 the deflate coding of the finalists is cut into parts (two parts from 64K of
 * filtered rows), one job each. The codec starts no threads (it also runs as WebAssembly); a caller
 * with an executor runs each step's jobs on it, and everybody else calls {@link #runHere}. The cuts
 * depend only on the image and the options, never on how many threads run them, so the bytes are
 * always those of {@link PngEncoder#encode}.
 *
 * <pre>
 * for (List&lt;Runnable&gt; jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
 *   run every job once, in any order, on any threads, and wait for all of them
 * }
 * byte[] png = enc.result();
 * </pre>
 *
 * <p>Not thread-safe itself: {@link #nextJobs} and {@link #result} are called from one thread,
 * after every job of the previous step has finished (waiting on an executor's futures gives the
 * ordering the jobs' results need).
 */
public final class PngEncoding {
  private final FilterSearch.Steps steps;
  private final Function<FilterSearch.Result, byte[]> writer;
  private byte[] png;

  PngEncoding(FilterSearch.Steps steps, Function<FilterSearch.Result, byte[]> writer) {
    this.steps = steps;
    this.writer = writer;
  }

  /**
   * The independent jobs of the next step; an empty list once the PNG is ready. Between steps
   * this runs the (short) work that joins them, in the calling thread.
   */
  public List<Runnable> nextJobs() {
    return png != null ? List.of() : steps.next();
  }

  /**
   * The PNG file.
   *
   * @throws IllegalStateException when {@link #nextJobs} still has jobs to give
   */
  public byte[] result() {
    if (png == null) {
      png = writer.apply(steps.result());
    }
    return png;
  }

  /** Runs every step's jobs one after the other in this thread; the PNG file. */
  public byte[] runHere() {
    for (List<Runnable> jobs = nextJobs(); !jobs.isEmpty(); jobs = nextJobs()) {
      for (Runnable job : jobs) {
        job.run();
      }
    }
    return result();
  }
}
