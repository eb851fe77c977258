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
 * EFFORTS is a comma-separated list such as {@code 0,2,3}. For each file and effort, PASSES
 * rounds (after one warm-up round) of: the encode in one thread ({@link PngEncoding#runHere}), the
 * encode with its jobs on a pool of as many threads as cores, and {@code optipng -quiet -o2}
 * (through {@code /usr/bin/time}, when OptiPNG is installed; pass {@code -Dbench.optipng=false}
 * to leave it out). Each figure is the fastest round: bytes, wall ms and CPU ms (ours: the CPU
 * time of the threads that ran the encode; OptiPNG's: user + system), and the ratios OptiPNG /
 * ours.
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
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    System.out.printf("%-8s %-26s %9s %9s | %7s %7s | %7s %7s | %7s %7s | %6s %6s %6s%n",
        "effort", "file", "bytes", "optipng", "1t wall", "1t cpu", threads + "t wall",
        threads + "t cpu", "o wall", "o cpu", "cpu x", "1t x", threads + "t x");
    try {
      for (String e : efforts) {
        PngEncodeOptions options = PngEncodeOptions.DEFAULT.withEffort(Integer.parseInt(e.trim()));
        for (Path f : files) {
          Image image = PngDecoder.decode(Files.readAllBytes(f), DecodeOptions.DEFAULT).image();
          long[] one = {Long.MAX_VALUE, Long.MAX_VALUE};
          long[] many = {Long.MAX_VALUE, Long.MAX_VALUE};
          long[] opti = {Long.MAX_VALUE, Long.MAX_VALUE, 0};
          byte[] png = null;
          for (int pass = 0; pass <= passes; pass++) {
            long[] a = single(image, options);
            byte[] seq = last;
            long[] b = pooled(image, options, pool);
            if (!java.util.Arrays.equals(seq, last)) {
              throw new AssertionError(f + ": the pooled encode gave other bytes");
            }
            png = seq;
            long[] o = optipng ? optipng(f) : new long[] {0, 0, 0};
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
              "effort %s %-26s %9d %9d | %7.1f %7.1f | %7.1f %7.1f | %7.1f %7.1f | %6.2f %6.2f %6.2f%n",
              e, f.getFileName(), png.length, opti[2], ms(one[0]), ms(one[1]), ms(many[0]),
              ms(many[1]), ms(opti[0]), ms(opti[1]), ratio(opti[1], one[1]),
              ratio(opti[0], one[0]), ratio(opti[0], many[0]));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] last;

  /** Wall and CPU nanoseconds of an encode in this thread. */
  private static long[] single(Image image, PngEncodeOptions options) {
    long c0 = MX.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    last = PngEncoder.start(image, Metadata.EMPTY, options).runHere();
    return new long[] {System.nanoTime() - t0, MX.getCurrentThreadCpuTime() - c0};
  }

  /** Wall and CPU nanoseconds (this thread's and the jobs') of an encode on the pool. */
  private static long[] pooled(Image image, PngEncodeOptions options, ExecutorService pool)
      throws Exception {
    AtomicLong cpu = new AtomicLong();
    long c0 = MX.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    PngEncoding enc = PngEncoder.start(image, Metadata.EMPTY, options);
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable job : jobs) {
        futures.add(pool.submit(() -> {
          long j0 = MX.getCurrentThreadCpuTime();
          job.run();
          cpu.addAndGet(MX.getCurrentThreadCpuTime() - j0);
        }));
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
    }
    last = enc.result();
    long wall = System.nanoTime() - t0;
    return new long[] {wall, cpu.get() + MX.getCurrentThreadCpuTime() - c0};
  }

  /**
   * Wall (process start to exit) and CPU (user + system, in 10 ms steps) nanoseconds and output
   * bytes of optipng -o2.
   */
  private static long[] optipng(Path f) throws Exception {
    Path out = Files.createTempFile("bench", ".png");
    Path times = Files.createTempFile("bench", ".txt");
    try {
      Files.delete(out);
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S",
          "optipng", "-quiet", "-o2", "-out", out.toString(), f.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("optipng failed on " + f);
      }
      long wall = System.nanoTime() - t0;
      String[] t = Files.readString(times).trim().split("\\s+");
      long cpu = (long) ((Double.parseDouble(t[1]) + Double.parseDouble(t[2])) * 1e9);
      return new long[] {wall, cpu, Files.size(out)};
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(times);
    }
  }

  private static void min(long[] best, long[] now) {
    best[0] = Math.min(best[0], now[0]);
    best[1] = Math.min(best[1], now[1]);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
