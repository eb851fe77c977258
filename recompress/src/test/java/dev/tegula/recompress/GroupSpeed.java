package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: issue 7's speed figures per group of JPEGs (docs/status.md's six photo groups, made
 * by {@code scripts/measure-sets} as q75b ... q95p), in one JVM so that every group sees the same
 * JIT and the same moment of the shared host. All groups are warmed together first (each round
 * restores and compresses every file of every group, {@code -Dwarm} seconds, default 30), then
 * {@code -Drounds} rounds (default 9) time each group's restore to the JPEG and its compress
 * (content 2) in thread CPU. Prints per group the median MB of input JPEG per second with the
 * rounds' range, and all groups together (their total bytes over their total time, per round). Run
 * with {@code -Xbatch}, as docs/status.md's figures were (without it, session 14's same-JVM
 * comparisons of identical code read up to 1.14). {@code java -Xbatch -cp ... GroupSpeed DIR...}
 */
public final class GroupSpeed {
  private GroupSpeed() {}

  public static void main(String[] args) throws Exception {
    int n = args.length;
    List<List<byte[]>> jpegs = new ArrayList<>();
    List<List<byte[]>> tgls = new ArrayList<>();
    long[] bytes = new long[n];
    for (int g = 0; g < n; g++) {
      List<byte[]> files = TestFiles.jpegBytesIn(Paths.get(args[g]));
      List<byte[]> coded = new ArrayList<>();
      for (byte[] f : files) {
        bytes[g] += f.length;
        byte[] tgl = JpegRecompression.compressDetailed(f, Limits.DEFAULT, 2).tgl();
        if (!Arrays.equals(JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT), f)) {
          throw new AssertionError(args[g] + ": a file did not restore bit-exact");
        }
        coded.add(tgl);
      }
      jpegs.add(files);
      tgls.add(coded);
    }
    long warmEnd = System.nanoTime() + Long.getLong("warm", 30) * 1_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (int g = 0; g < n; g++) {
        restoreAll(tgls.get(g));
        compressAll(jpegs.get(g));
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = Integer.getInteger("rounds", 9);
    double[][] restore = new double[n][rounds];
    double[][] compress = new double[n][rounds];
    long[] restoreNs = new long[rounds];
    long[] compressNs = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int g = 0; g < n; g++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        restoreAll(tgls.get(g));
        long t1 = cpu.getCurrentThreadCpuTime();
        compressAll(jpegs.get(g));
        long t2 = cpu.getCurrentThreadCpuTime();
        restore[g][r] = bytes[g] / 1e3 / ((t1 - t0) / 1e6);
        compress[g][r] = bytes[g] / 1e3 / ((t2 - t1) / 1e6);
        restoreNs[r] += t1 - t0;
        compressNs[r] += t2 - t1;
      }
    }
    long all = 0;
    for (int g = 0; g < n; g++) {
      all += bytes[g];
      System.out.printf("%s: restore %s, compress %s%n", Path.of(args[g]).getFileName(),
          medianAndRange(restore[g]), medianAndRange(compress[g]));
    }
    Arrays.sort(restoreNs);
    Arrays.sort(compressNs);
    System.out.printf("all groups together: restore %.2f MB/s, compress %.2f MB/s%n",
        all / 1e3 / (restoreNs[rounds / 2] / 1e6), all / 1e3 / (compressNs[rounds / 2] / 1e6));
  }

  private static void restoreAll(List<byte[]> tgls) {
    for (byte[] t : tgls) {
      JpegRecompression.restoreJpeg(t, Limits.DEFAULT);
    }
  }

  private static void compressAll(List<byte[]> jpegs) {
    for (byte[] j : jpegs) {
      JpegRecompression.compressDetailed(j, Limits.DEFAULT, 2);
    }
  }

  private static String medianAndRange(double[] mbs) {
    double[] s = mbs.clone();
    Arrays.sort(s);
    return String.format("%.2f MB/s (%.2f-%.2f)", s[s.length / 2], s[0], s[s.length - 1]);
  }
}
