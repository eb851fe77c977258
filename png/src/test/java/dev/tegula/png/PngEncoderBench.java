package dev.tegula.png;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sizes and times of the PNG encoder per effort against OptiPNG measured in the same run (not a
 * test). Every output is decoded and compared with the input. Run from the png module:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:CORE_JAR dev.tegula.png.PngEncoderBench \
 *     EFFORTS PASSES FILE_OR_DIR...
 * </pre>
 *
 * EFFORTS is a comma-separated list such as {@code 0,2,3}. For each file and effort, after {@code
 * -Dbench.warmup=N} unmeasured encodes (default 0), PASSES rounds (after one warm-up round) of: the
 * encode in one thread ({@link PngEncoding#runHere}), the encode with its jobs on as many threads
 * as cores (as the CLI runs them), and {@code optipng -quiet -o2} (through {@code /usr/bin/time},
 * when OptiPNG is installed; pass {@code -Dbench.optipng=false} to leave it out). The kernel counts
 * OptiPNG's user + system time in 10 ms ticks, which on a small file is most of the figure, so each
 * of its rounds runs it as many times in a row as take about 1 s of CPU (from the warm-up round's
 * time) and divides. Each figure is the fastest round: bytes, wall ms and CPU ms (ours: the CPU
 * time of the threads that ran the encode; OptiPNG's: user + system, per run), the critical path of
 * the jobs on as many idle cores (from the one-thread run's CPU times per job), and the ratios
 * OptiPNG / ours: CPU to CPU, wall to wall (one thread, pool), OptiPNG's CPU to our path.
 */
public final class PngEncoderBench {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private PngEncoderBench() {}

  public static void main(String[] args) throws Exception {
    String[] efforts = args[0].split(",");
    int passes = Integer.parseInt(args[1]);
    List<Path> files = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      Path p = Paths.get(args[i]);
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".png")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    boolean optipng = Boolean.parseBoolean(System.getProperty("bench.optipng", "true"))
        && Files.isExecutable(Paths.get("/usr/bin/optipng"));
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads - 1));
    System.out.printf("%-8s %-26s %9s %9s | %7s %7s %7s | %7s %7s | %7s %7s | %6s %6s %6s %6s%n",
        "effort", "file", "bytes", "optipng", "1t wall", "1t cpu", threads + "c path",
        threads + "t wall", threads + "t cpu", "o wall", "o cpu", "cpu x", "1t x",
        threads + "t x", "path x");
    try {
      for (String e : efforts) {
        PngEncodeOptions options = PngEncodeOptions.DEFAULT.withEffort(Integer.parseInt(e.trim()));
        for (Path f : files) {
          Image image = PngDecoder.decode(Files.readAllBytes(f), DecodeOptions.DEFAULT).image();
          long[] one = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
          long[] many = {Long.MAX_VALUE, Long.MAX_VALUE};
          long[] opti = {Long.MAX_VALUE, Long.MAX_VALUE, 0};
          int optipngRuns = 1;
          byte[] png = null;
          // Warm-up beyond the first round (-Dbench.warmup=N encodes of each kind): a small
          // file's encode is over before the JIT has compiled its loops.
          for (int w = Integer.getInteger("bench.warmup", 0); w > 0; w--) {
            single(image, options, threads);
            pooled(image, options, pool);
          }
          for (int pass = 0; pass <= passes; pass++) {
            long[] a = single(image, options, threads);
            byte[] seq = last;
            long[] b = pooled(image, options, pool);
            if (!java.util.Arrays.equals(seq, last)) {
              throw new AssertionError(f + ": the pooled encode gave other bytes");
            }
            png = seq;
            long[] o = optipng ? optipng(f, optipngRuns) : new long[] {0, 0, 0};
            if (pass == 0 && optipng) {
              // Sized by its CPU time, not its wall time: on a loaded machine the wall time of
              // skimage_text's run was 3x its CPU time, so only 4 runs (40 ms in 10 ms ticks)
              // were timed and its figure came out 20 or 30 ms by round. A run that took under
              // a tick is taken as 10 ms.
              optipngRuns = (int) Math.max(1, Math.min(100,
                  1_000_000_000L / Math.max(10_000_000L, o[1])));
            }
            if (pass > 0) {
              min(one, a);
              min(many, b);
              min(opti, o);
              opti[2] = o[2];
            }
          }
          Image back = PngDecoder.decode(png, DecodeOptions.DEFAULT).image();
          if (!java.util.Arrays.equals(back.rgba(), image.rgba())) {
            throw new AssertionError(f + ": pixels differ after the round trip");
          }
          System.out.printf(
              "effort %s %-26s %9d %9d | %7.1f %7.1f %7.1f | %7.1f %7.1f | %7.1f %7.1f | %6.2f %6.2f"
                  + " %6.2f %6.2f%n",
              e, f.getFileName(), png.length, opti[2], ms(one[0]), ms(one[1]), ms(one[2]),
              ms(many[0]), ms(many[1]), ms(opti[0]), ms(opti[1]), ratio(opti[1], one[1]),
              ratio(opti[0], one[0]), ratio(opti[0], many[0]), ratio(opti[1], one[2]));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] last;

  /**
   * Wall and CPU nanoseconds of an encode in this thread, and its critical path on {@code cores}
   * idle cores: the CPU time of the work between steps plus, for each step, the longest-job-first
   * schedule of its jobs' CPU times on the cores. The path does not depend on what else the
   * machine runs, where the pooled wall time does.
   */
  private static long[] single(Image image, PngEncodeOptions options, int cores) {
    long c0 = MX.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long path = 0;
    long g0 = c0;
    PngEncoding enc = PngEncoder.start(image, Metadata.EMPTY, options);
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      long[] times = new long[jobs.size()];
      long j0 = MX.getCurrentThreadCpuTime();
      path += j0 - g0;
      for (int i = 0; i < times.length; i++) {
        jobs.get(i).run();
        long j1 = MX.getCurrentThreadCpuTime();
        times[i] = j1 - j0;
        j0 = j1;
      }
      path += schedule(times, cores);
      g0 = j0;
    }
    last = enc.result();
    long wall = System.nanoTime() - t0;
    long c1 = MX.getCurrentThreadCpuTime();
    return new long[] {wall, c1 - c0, path + c1 - g0};
  }

  /** The makespan of the jobs on {@code cores} cores, longest job first to the least loaded. */
  private static long schedule(long[] times, int cores) {
    long[] sorted = times.clone();
    java.util.Arrays.sort(sorted);
    long[] load = new long[cores];
    for (int i = sorted.length - 1; i >= 0; i--) {
      int least = 0;
      for (int c = 1; c < cores; c++) {
        if (load[c] < load[least]) {
          least = c;
        }
      }
      load[least] += sorted[i];
    }
    long most = 0;
    for (long l : load) {
      most = Math.max(most, l);
    }
    return most;
  }

  /**
   * Wall and CPU nanoseconds (this thread's and the jobs') of an encode run as the CLI runs it
   * (PngJobs): each step's last job in this thread, the others on the pool of one thread fewer
   * than cores.
   */
  private static long[] pooled(Image image, PngEncodeOptions options, ExecutorService pool)
      throws Exception {
    AtomicLong cpu = new AtomicLong();
    long c0 = MX.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    PngEncoding enc = PngEncoder.start(image, Metadata.EMPTY, options);
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable job : jobs.subList(0, jobs.size() - 1)) {
        futures.add(pool.submit(() -> {
          long j0 = MX.getCurrentThreadCpuTime();
          job.run();
          cpu.addAndGet(MX.getCurrentThreadCpuTime() - j0);
        }));
      }
      jobs.get(jobs.size() - 1).run();
      for (Future<?> fu : futures) {
        fu.get();
      }
    }
    last = enc.result();
    long wall = System.nanoTime() - t0;
    return new long[] {wall, cpu.get() + MX.getCurrentThreadCpuTime() - c0};
  }

  /**
   * Wall (process start to exit) and CPU (user + system) nanoseconds of one run of optipng -o2,
   * averaged over {@code runs} runs in one shell loop, and its output bytes.
   */
  private static long[] optipng(Path f, int runs) throws Exception {
    Path out = Files.createTempFile("bench", ".png");
    Path times = Files.createTempFile("bench", ".txt");
    try {
      Files.delete(out);
      String loop = "for i in $(seq " + runs + "); do optipng -quiet -clobber -o2 -out \"$1\" "
          + "\"$2\" || exit 1; done";
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S",
          "sh", "-c", loop, "sh", out.toString(), f.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("optipng failed on " + f);
      }
      long wall = (System.nanoTime() - t0) / runs;
      String[] t = Files.readString(times).trim().split("\\s+");
      long cpu = (long) ((Double.parseDouble(t[1]) + Double.parseDouble(t[2])) * 1e9) / runs;
      return new long[] {wall, cpu, Files.size(out)};
    } finally {
      Files.deleteIfExists(out);
      // optipng 0.7 backs up the output it overwrites on the loop's second run, -clobber or not
      Files.deleteIfExists(out.resolveSibling(out.getFileName() + ".bak"));
      Files.deleteIfExists(times);
    }
  }

  private static void min(long[] best, long[] now) {
    for (int i = 0; i < best.length; i++) {
      best[i] = Math.min(best[i], now[i]);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
