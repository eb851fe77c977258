package dev.tegula.bench;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.metrics.Comparison;
import dev.tegula.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Speed of the quality metrics on one image pair, on the JVM, one thread: scikit-image's default
 * SSIM alone ({@link Metrics#ssim}), every metric ({@link Metrics#compare}: PSNR, SSIM, Gaussian
 * luma SSIM, MS-SSIM) and every metric with the per-pixel map. Prints the median of several runs
 * after warm-up; the machine is shared, so compare figures from one run.
 *
 * <p>Usage: {@code MetricsBench REFERENCE TEST} (scripts/bench-metrics makes a 12 MP pair).
 */
public final class MetricsBench {
  private MetricsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MetricsBench REFERENCE TEST");
      System.exit(2);
    }
    Image a = Tegula.decode(Files.readAllBytes(Path.of(args[0]))).image();
    Image b = Tegula.decode(Files.readAllBytes(Path.of(args[1]))).image();
    double mp = a.width() * (double) a.height() / 1e6;
    System.out.printf(Locale.ROOT, "%s vs %s: %dx%d (%.1f MP), JVM %s, one thread%n",
        Path.of(args[0]).getFileName(), Path.of(args[1]).getFileName(), a.width(), a.height(),
        mp, System.getProperty("java.version"));
    Comparison c = Metrics.compare(a, b);
    System.out.printf(Locale.ROOT, "  PSNR %.3f dB, SSIM %.5f, SSIM luma %.5f, MS-SSIM %.5f%n",
        c.psnr(), c.ssim(), c.ssimLuma(), c.msSsim());
    time("SSIM (skimage default, RGB)", mp, () -> Metrics.ssim(a, b));
    time("all metrics", mp, () -> Metrics.compare(a, b));
    time("all metrics + SSIM map", mp, () -> Metrics.compare(a, b, true));
  }

  /**
   * Wall time and this thread's CPU time: on a machine shared with other work the CPU time is the
   * figure that says what the code costs, the wall time what a user waited.
   */
  private static void time(String what, double mp, Supplier<Object> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3; i++) {
      work.get();
    }
    double[] wall = new double[7];
    double[] cpu = new double[wall.length];
    for (int i = 0; i < wall.length; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      work.get();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    double medianCpu = cpu[cpu.length / 2];
    System.out.printf(Locale.ROOT,
        "  %-28s CPU median %7.1f ms (min %7.1f)  wall median %7.1f ms (min %7.1f)"
            + "  %5.1f MP/s CPU%n",
        what, medianCpu, cpu[0], wall[wall.length / 2], wall[0], mp / (medianCpu / 1000));
  }
}
