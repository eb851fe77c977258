package dev.tegula.recompress;

import dev.tegula.core.Limits;
import dev.tegula.jpeg.CoefficientReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: thread-CPU speed of content 2 against content 0 and the jpeg module's Huffman
 * decode (CoefficientReader) in the same run, variants alternating per file and round, in MB of
 * input JPEG per CPU second; bands as BandPlan makes them. Run: java -cp ... FastSpeed DIR...
 * ({@code -Drounds=N}, {@code -Dc0=false} to leave content 0 out).
 */
public final class FastSpeed {
  public static void main(String[] args) throws Exception {
    List<byte[]> jpegs = new ArrayList<>();
    List<CoefficientImage> imgs = new ArrayList<>();
    for (String dir : args) {
      try (var s = Files.list(Path.of(dir))) {
        for (Path f : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
          byte[] j = Files.readAllBytes(f);
          jpegs.add(j);
          imgs.add(CoefficientFixtures.read(j));
        }
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"huffman", "c0 encode", "c0 decode", "c2 encode", "c2 decode"};
    long bytes = 0;
    for (byte[] j : jpegs) {
      bytes += j.length;
    }
    int rounds = Integer.getInteger("rounds", 3);
    // -Dc0=false leaves content 0 out (quicker runs when only content 2 changes)
    boolean withC0 = !"false".equals(System.getProperty("c0"));
    for (int round = 0; round <= rounds; round++) {
      long[] ns = new long[5];
      for (int i = 0; i < jpegs.size(); i++) {
        byte[] jpeg = jpegs.get(i);
        CoefficientImage img = imgs.get(i);
        BandPlan plan = BandPlan.of(img);
        CoefficientImage back = CoefficientFixtures.emptyLike(img);
        long t0 = mx.getCurrentThreadCpuTime();
        CoefficientReader.read(jpeg, Limits.DEFAULT);
        long t1 = mx.getCurrentThreadCpuTime();
        byte[][] c0 = new byte[plan.bands()][];
        for (int t = 0; t < plan.bands() && withC0; t++) {
          c0[t] = CoefficientCoder.encode(img, plan.rowStart(t), plan.rowEnd(t));
        }
        long t2 = mx.getCurrentThreadCpuTime();
        for (int t = 0; t < plan.bands() && withC0; t++) {
          CoefficientCoder.decode(c0[t], 0, c0[t].length, back, plan.rowStart(t), plan.rowEnd(t));
        }
        long t3 = mx.getCurrentThreadCpuTime();
        byte[][] c2 = new byte[plan.bands()][];
        for (int t = 0; t < plan.bands(); t++) {
          c2[t] = FastCoefficientCoder.encode(img, plan.rowStart(t), plan.rowEnd(t));
        }
        long t4 = mx.getCurrentThreadCpuTime();
        for (int t = 0; t < plan.bands(); t++) {
          FastCoefficientCoder.decode(c2[t], 0, c2[t].length, back, plan.rowStart(t),
              plan.rowEnd(t));
        }
        long t5 = mx.getCurrentThreadCpuTime();
        for (int c = 0; c < img.components; c++) {
          if (!Arrays.equals(img.coefficients[c], back.coefficients[c])) {
            throw new AssertionError("content 2 mismatch in file " + i);
          }
        }
        ns[0] += t1 - t0;
        ns[1] += t2 - t1;
        ns[2] += t3 - t2;
        ns[3] += t4 - t3;
        ns[4] += t5 - t4;
      }
      if (round == 0) {
        continue; // warm-up
      }
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int v = 0; v < 5; v++) {
        sb.append(String.format(" %s %.1f", names[v], bytes / 1e6 / (ns[v] / 1e9)));
      }
      sb.append(String.format("  (c2 decode/huffman %.2f, c2/c0 decode %.1fx, c2/c0 encode %.1fx)",
          (double) ns[0] / ns[4], (double) ns[2] / ns[4], (double) ns[1] / ns[3]));
      System.out.println(sb);
    }
  }
}
