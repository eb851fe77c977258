package dev.tegula.recompress;

import dev.tegula.tgl.RangeEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Not a test: the cost of {@link ModelCoder}'s decisions with no model around them
 * (format-jpeg-coefficients.md §10), thread-CPU ns per decision: a chain of 20 million bits
 * (p(1) = 0.2, about 0.72 coded bits each, as the coefficient coder's) where each context index
 * depends on the last bit, single-context and mixed, over 4096 contexts that stay in the L1 cache.
 * {@code java -cp ... DecisionCost [contexts]}.
 */
public final class DecisionCost {
  private DecisionCost() {}

  public static void main(String[] args) {
    int n = 20_000_000;
    int ctxs = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
    if (Integer.bitCount(ctxs) != 1 || ctxs < 4) {
      throw new IllegalArgumentException("contexts: a power of two, at least 4");
    }
    Random r = new Random(1);
    byte[] bits = new byte[n];
    for (int i = 0; i < n; i++) {
      bits[i] = (byte) (r.nextInt(100) < 20 ? 1 : 0);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int mask = ctxs - 1;
    int half = ctxs / 2 - 1;
    long sink = 0;
    for (int round = 0; round < 4; round++) {
      RangeEncoder enc = new RangeEncoder(n / 4);
      ModelCoder e = ModelCoder.encoder(enc);
      int[] st = ModelCoder.states(ctxs);
      long t0 = mx.getCurrentThreadCpuTime();
      int c = 0;
      for (int i = 0; i < n; i++) {
        c = (c * 31 + e.bit(st, c, bits[i]) + 7) & mask;
      }
      byte[] single = enc.finish();
      long t1 = mx.getCurrentThreadCpuTime();
      ModelCoder d = ModelCoder.decoder(single, 0, single.length);
      st = ModelCoder.states(ctxs);
      c = 0;
      for (int i = 0; i < n; i++) {
        int b = d.bit(st, c, 0);
        sink += b;
        c = (c * 31 + b + 7) & mask;
      }
      long t2 = mx.getCurrentThreadCpuTime();
      enc = new RangeEncoder(n / 4);
      e = ModelCoder.encoder(enc);
      st = ModelCoder.states(ctxs);
      int[] st2 = ModelCoder.states(ctxs);
      int[] w = ModelCoder.weights(ctxs / 2);
      c = 0;
      for (int i = 0; i < n; i++) {
        c = (c * 31 + e.bit2(st, c, st2, (c * 7) & mask, w, (c & half) * 2, bits[i]) + 7) & mask;
      }
      byte[] mixed = enc.finish();
      long t3 = mx.getCurrentThreadCpuTime();
      d = ModelCoder.decoder(mixed, 0, mixed.length);
      st = ModelCoder.states(ctxs);
      st2 = ModelCoder.states(ctxs);
      w = ModelCoder.weights(ctxs / 2);
      c = 0;
      for (int i = 0; i < n; i++) {
        int b = d.bit2(st, c, st2, (c * 7) & mask, w, (c & half) * 2, 0);
        sink += b;
        c = (c * 31 + b + 7) & mask;
      }
      long t4 = mx.getCurrentThreadCpuTime();
      System.out.printf("ns per decision: single encode %.1f, decode %.1f; mixed encode %.1f, "
          + "decode %.1f (%.2f coded bits per decision)%n", (t1 - t0) / (double) n,
          (t2 - t1) / (double) n, (t3 - t2) / (double) n, (t4 - t3) / (double) n,
          single.length * 8.0 / n);
    }
    if (sink != 4L * 2 * sumOf(bits)) {
      throw new AssertionError("decoded bits differ");
    }
  }

  private static long sumOf(byte[] bits) {
    long s = 0;
    for (byte b : bits) {
      s += b;
    }
    return s;
  }
}
