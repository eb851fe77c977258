package dev.tegula.tgl.lossless;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Timing and size harness (not a test): codes every PNG of the given folders in tiles the way the
 * container does (256 x 256 by default), checks the round trip, and prints bits per pixel and
 * single-thread encode/decode speed.
 *
 * <pre>
 * java -cp ... dev.tegula.tgl.lossless.LosslessBench [-tile N] [-rounds R] [-effort E,...] DIR|FILE...
 * </pre>
 *
 * Speeds are the best of R rounds after one warm-up round, in megapixels per second of thread CPU
 * time (robust when other processes share the machine).
 */
public final class LosslessBench {
  private LosslessBench() {}

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws IOException {
    int tile = 256;
    int rounds = 3;
    int[] efforts = {LosslessCodec.DEFAULT_EFFORT};
    List<File> inputs = new ArrayList<>();
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "-tile" -> tile = Integer.parseInt(args[++a]);
        case "-rounds" -> rounds = Integer.parseInt(args[++a]);
        case "-effort" -> efforts = Arrays.stream(args[++a].split(","))
            .mapToInt(Integer::parseInt).toArray();
        default -> inputs.add(new File(args[a]));
      }
    }
    for (File input : inputs) {
      File[] files = input.isDirectory() ? input.listFiles((d, n) -> n.endsWith(".png"))
          : new File[] {input};
      Arrays.sort(files);
      List<TestImages.Samples> images = new ArrayList<>();
      for (File f : files) {
        images.add(TestImages.read(f.toPath()));
      }
      for (int effort : efforts) {
        run(input.getName() + " effort " + effort, images, tile, rounds, effort);
      }
    }
  }

  static void run(String title, List<TestImages.Samples> images, int tile, int rounds,
      int effort) {
    long bytes = 0;
    long pixels = 0;
    long bestEnc = Long.MAX_VALUE;
    long bestDec = Long.MAX_VALUE;
    StringBuilder report = new StringBuilder();
    for (int round = 0; round <= rounds; round++) {
      long enc = 0;
      long dec = 0;
      bytes = 0;
      pixels = 0;
      report.setLength(0);
      for (TestImages.Samples im : images) {
        long[] times = new long[2];
        long size = codeImage(im, tile, effort, times);
        enc += times[0];
        dec += times[1];
        bytes += size;
        pixels += (long) im.width() * im.height();
        report.append(String.format("  %-28s %9d bytes %8.4f bpp%n", im.name(), size,
            size * 8.0 / ((long) im.width() * im.height())));
      }
      if (round > 0) {
        bestEnc = Math.min(bestEnc, enc);
        bestDec = Math.min(bestDec, dec);
      }
    }
    System.out.print(report);
    System.out.printf("%s: %d bytes, %.4f bpp, encode %.2f MP/s, decode %.2f MP/s (tile %d)%n",
        title, bytes, bytes * 8.0 / pixels, pixels * 1e3 / bestEnc, pixels * 1e3 / bestDec, tile);
  }

  /** Codes an image tile by tile; returns the coded bytes and adds the times (ns) to times. */
  static long codeImage(TestImages.Samples im, int tile, int effort, long[] times) {
    int w = im.width();
    int h = im.height();
    int c = im.channels();
    long total = 0;
    for (int ty = 0; ty < h; ty += tile) {
      for (int tx = 0; tx < w; tx += tile) {
        int tw = Math.min(tile, w - tx);
        int th = Math.min(tile, h - ty);
        int[] t = new int[tw * th * c];
        for (int y = 0; y < th; y++) {
          System.arraycopy(im.samples(), ((ty + y) * w + tx) * c, t, y * tw * c, tw * c);
        }
        long t0 = CPU.getCurrentThreadCpuTime();
        byte[] coded = LosslessCodec.encode(t, tw, th, c, im.depth(), effort);
        long t1 = CPU.getCurrentThreadCpuTime();
        int[] back = new int[t.length];
        LosslessCodec.decode(coded, 0, coded.length, tw, th, c, im.depth(), back);
        long t2 = CPU.getCurrentThreadCpuTime();
        if (!Arrays.equals(t, back)) {
          throw new AssertionError(im.name() + ": tile at " + tx + "," + ty + " differs");
        }
        times[0] += t1 - t0;
        times[1] += t2 - t1;
        total += coded.length;
      }
    }
    return total;
  }
}
