package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: the rebuild from a content-2 decoded image with the masks its decoder kept and
 * with them dropped (made by {@link BlockMasks} as before), alternating in each round, MB/s of
 * input JPEG (thread CPU), with the content-2 decode of the same files as a reference. {@code
 * java -cp ... MaskSpeed DIR... [-rounds N]}: prints the median of the rounds after the first third.
 */
public final class MaskSpeed {
  private MaskSpeed() {}

  public static void main(String[] args) throws Exception {
    int rounds = 15;
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-rounds")) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        dirs.add(args[i]);
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (String d : dirs) {
      List<byte[]> files = TestFiles.jpegBytesIn(Paths.get(d));
      List<JpegModel> models = new ArrayList<>();
      List<byte[][]> tiles = new ArrayList<>();
      long bytes = 0;
      for (byte[] f : files) {
        JpegModel m = JpegModel.parse(f, Limits.DEFAULT);
        models.add(m);
        tiles.add(CoefficientFixtures.fastTiles(m.image));
        bytes += f.length;
      }
      String[] names = {"decode2", "rebuildMasks", "rebuildOwn"};
      double[][] mbs = new double[names.length][rounds];
      for (int round = 0; round < rounds; round++) {
        long[] ns = new long[names.length];
        for (int i = 0; i < files.size(); i++) {
          JpegModel m = models.get(i);
          CoefficientImage img = new CoefficientImage(m.image.width, m.image.height, m.image.h,
              m.image.v, m.image.quant);
          BandPlan plan = BandPlan.of(img);
          byte[][] t = tiles.get(i);
          long t0 = cpu.getCurrentThreadCpuTime();
          for (int b = 0; b < t.length; b++) {
            FastCoefficientCoder.decode(t[b], 0, t[b].length, img, plan.rowStart(b),
                plan.rowEnd(b));
          }
          long t1 = cpu.getCurrentThreadCpuTime();
          byte[] a = JpegRewriter.rewrite(m.layout, img, files.get(i).length, Limits.DEFAULT);
          long t2 = cpu.getCurrentThreadCpuTime();
          img.dropMasks();
          byte[] b = JpegRewriter.rewrite(m.layout, img, files.get(i).length, Limits.DEFAULT);
          long t3 = cpu.getCurrentThreadCpuTime();
          if (!Arrays.equals(a, files.get(i)) || !Arrays.equals(b, files.get(i))) {
            throw new IllegalStateException("not the original: file " + i);
          }
          ns[0] += t1 - t0;
          ns[1] += t2 - t1;
          ns[2] += t3 - t2;
        }
        for (int k = 0; k < names.length; k++) {
          mbs[k][round] = bytes / 1e6 / (ns[k] / 1e9);
        }
      }
      StringBuilder sb = new StringBuilder("median " + d + ":");
      for (int k = 0; k < names.length; k++) {
        double[] warm = Arrays.copyOfRange(mbs[k], rounds / 3, rounds);
        Arrays.sort(warm);
        sb.append(String.format(" %s %.1f", names[k], warm[warm.length / 2]));
      }
      System.out.println(sb.append(" MB/s"));
    }
  }
}
