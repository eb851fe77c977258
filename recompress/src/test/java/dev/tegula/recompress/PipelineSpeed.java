package dev.tegula.recompress;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: MB of input JPEG per second of thread CPU for the whole of compress, restore to
 * the JPEG and restore to pixels, with the jpeg module's decode of the same files in the same
 * rounds as the baseline (the machine is shared: thread CPU and ratios, not wall time). Uses only
 * the public API, so the same class runs against an older build of the module for a
 * before/after. {@code java -cp ... PipelineSpeed DIR [ROUNDS]}: prints each round and the
 * median of the rounds after the first third (warm-up).
 */
public final class PipelineSpeed {
  private PipelineSpeed() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> files = TestFiles.jpegBytesIn(Paths.get(args[0]));
    List<byte[]> tgls = new ArrayList<>();
    List<byte[]> fast = new ArrayList<>();
    long bytes = 0;
    for (byte[] f : files) {
      tgls.add(JpegRecompression.compressDetailed(f, Limits.DEFAULT, 0).tgl());
      fast.add(JpegRecompression.compressDetailed(f, Limits.DEFAULT, 2).tgl());
      bytes += f.length;
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    String[] names = {"jpegDecode", "compress", "compress2", "restoreJpeg", "restoreJpeg2",
        "restorePixels"};
    double[][] mbs = new double[names.length][rounds];
    for (int round = 0; round < rounds; round++) {
      long[] ns = new long[names.length];
      for (int i = 0; i < files.size(); i++) {
        byte[] jpeg = files.get(i);
        long t0 = cpu.getCurrentThreadCpuTime();
        JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
        long t1 = cpu.getCurrentThreadCpuTime();
        JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, 0);
        long t2 = cpu.getCurrentThreadCpuTime();
        JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, 2);
        long t3 = cpu.getCurrentThreadCpuTime();
        JpegRecompression.restoreJpeg(tgls.get(i), Limits.DEFAULT);
        long t4 = cpu.getCurrentThreadCpuTime();
        JpegRecompression.restoreJpeg(fast.get(i), Limits.DEFAULT);
        long t5 = cpu.getCurrentThreadCpuTime();
        JpegRecompression.restore(tgls.get(i), DecodeOptions.DEFAULT);
        long t6 = cpu.getCurrentThreadCpuTime();
        ns[0] += t1 - t0;
        ns[1] += t2 - t1;
        ns[2] += t3 - t2;
        ns[3] += t4 - t3;
        ns[4] += t5 - t4;
        ns[5] += t6 - t5;
      }
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int k = 0; k < names.length; k++) {
        mbs[k][round] = bytes / 1e6 / (ns[k] / 1e9);
        sb.append(String.format(" %s %.2f", names[k], mbs[k][round]));
      }
      System.out.println(sb.append(" MB/s"));
    }
    StringBuilder sb = new StringBuilder("median:");
    double base = 0;
    for (int k = 0; k < names.length; k++) {
      double[] warm = Arrays.copyOfRange(mbs[k], rounds / 3, rounds);
      Arrays.sort(warm);
      double m = warm[warm.length / 2];
      base = k == 0 ? m : base;
      sb.append(String.format(" %s %.2f MB/s (%.3fx)", names[k], m, m / base));
    }
    System.out.println(sb);
  }
}
