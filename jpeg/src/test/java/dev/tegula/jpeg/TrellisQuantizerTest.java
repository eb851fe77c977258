package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trellis quantizer made cheaper (session 21: zeros skip the division, a run's start is
 * scanned once per size category and stops at a bound) chooses exactly what the plain dynamic
 * program did: the program as it was is kept here as the reference.
 */
class TrellisQuantizerTest {

  @Test
  void quantizesRandomBlocksAsThePlainProgram() {
    Random r = new Random(21);
    TrellisQuantizer fast = new TrellisQuantizer();
    Reference slow = new Reference();
    int nonzero = 0;
    for (int table = 0; table < 200; table++) {
      int[] div = new int[64];
      int top = 1 + r.nextInt(r.nextBoolean() ? 16 : 255);
      for (int i = 0; i < 64; i++) {
        div[i] = 8 * (1 + r.nextInt(top));
      }
      int[] sizes = huffmanSizes(r);
      fast.setTables(div, sizes);
      slow.setTables(div, sizes);
      for (int block = 0; block < 200; block++) {
        short[] coef = randomBlock(r, div);
        short[] a = Arrays.copyOf(coef, 64);
        short[] b = Arrays.copyOf(coef, 64);
        long lam = ((long) r.nextInt(r.nextBoolean() ? 64 : 4096) << 20)
            * r.nextInt(801) / 100;
        fast.quantize(a, 0, lam);
        slow.quantize(b, 0, lam);
        assertArrayEquals(b, a, "table " + table + " block " + block + " lam " + lam);
        for (int k = 1; k < 64; k++) {
          nonzero += a[k] != 0 ? 1 : 0;
        }
      }
    }
    assertTrue(nonzero > 100_000, "the blocks keep many values: " + nonzero);
  }

  /** Code lengths as a first pass leaves them: most symbols seen, some never (0). */
  private static int[] huffmanSizes(Random r) {
    int[] sizes = new int[256];
    for (int s = 0; s < 256; s++) {
      int size = s & 15;
      if (size > 10 || (size == 0 && s != 0 && s != 0xF0) || r.nextInt(8) == 0) {
        continue;
      }
      sizes[s] = 2 + r.nextInt(15);
    }
    return sizes;
  }

  /** Raw coefficients (natural order, times 8) from flat to busy, some at the extremes. */
  private static short[] randomBlock(Random r, int[] div) {
    short[] c = new short[64];
    int kind = r.nextInt(4);
    for (int i = 0; i < 64; i++) {
      int d = div[i];
      int v;
      switch (kind) {
        case 0 -> v = r.nextInt(4) == 0 ? (int) (r.nextGaussian() * d * 2) : 0;
        case 1 -> v = (int) (r.nextGaussian() * d * 6 / (1 + i / 8));
        case 2 -> v = (int) (r.nextGaussian() * d * 40);
        default -> v = r.nextInt(8) == 0 ? (r.nextBoolean() ? 32767 : -32768)
            : (r.nextInt(d * 3) - d * 3 / 2);
      }
      c[i] = (short) Math.max(-32768, Math.min(32767, v));
    }
    return c;
  }

  /** The quantizer before session 21, verbatim but for its name. */
  private static final class Reference {
    private static final long INF = Long.MAX_VALUE / 4;
    private static final int UNSEEN_BITS = 16;

    private final long[] best = new long[64];
    private final long[] base = new long[64];
    private final int[] pos = new int[64];
    private int end;
    private final int[] from = new int[64];
    private final int[] value = new int[64];
    private final long[] zeroCum = new long[64];
    private final int[] abs = new int[64];
    private final int[] near = new int[64];
    private final long[] weight = new long[64];
    private final int[] step = new int[64];
    private final int[] out = new int[64];
    private final int[] bits = new int[256];

    void setTables(int[] div, int[] acSizes) {
      for (int k = 0; k < 64; k++) {
        int d = div[ZigZag.NATURAL_ORDER[k]];
        step[k] = d;
        weight[k] = (1L << 28) / ((long) d * d);
      }
      for (int s = 0; s < 256; s++) {
        bits[s] = acSizes[s] == 0 ? UNSEEN_BITS : acSizes[s];
      }
    }

    void quantize(short[] coef, int off, long lam) {
      int dcDiv = step[0];
      int dc = coef[off];
      int dq = ((dc < 0 ? -dc : dc) + (dcDiv >> 1)) / dcDiv;
      out[0] = dc < 0 ? -dq : dq;
      zeroCum[0] = 0;
      int n = 0;
      for (int k = 1; k < 64; k++) {
        int v = coef[off + ZigZag.NATURAL_ORDER[k]];
        int a = v < 0 ? -v : v;
        abs[k] = a;
        int q = (a + (step[k] >> 1)) / step[k];
        near[k] = Math.min(q, Quantizer.MAX_AC);
        zeroCum[k] = zeroCum[k - 1] + (long) a * a * weight[k];
        if (q != 0) {
          pos[++n] = k;
        }
      }
      for (int k = 1; k < 64; k++) {
        out[k] = 0;
      }
      if (n > 0) {
        trellis(n, lam);
        for (int t = end; t > 0; t = from[t]) {
          int k = pos[t];
          int v = coef[off + ZigZag.NATURAL_ORDER[k]];
          out[k] = v < 0 ? -value[t] : value[t];
        }
      }
      for (int k = 0; k < 64; k++) {
        coef[off + k] = (short) out[k];
      }
    }

    private void trellis(int n, long lam) {
      int zrl = bits[0xF0];
      pos[0] = 0;
      best[0] = 0;
      base[0] = 0;
      for (int t = 1; t <= n; t++) {
        int i = pos[t];
        long bestCost = INF;
        int q0 = near[i];
        int d = step[i];
        long w = weight[i];
        long zi = zeroCum[i - 1];
        for (int cand = q0; cand >= Math.max(1, q0 - 1); cand--) {
          long err = abs[i] - (long) cand * d;
          int s = EntropySink.bitLength(cand);
          long own = err * err * w + lam * s + zi;
          for (int u = t - 1; u >= 0; u--) {
            int run = i - pos[u] - 1;
            int rb = (run >> 4) * zrl + bits[((run & 15) << 4) | s];
            long c = base[u] + own + lam * rb;
            if (c < bestCost) {
              bestCost = c;
              from[t] = u;
              value[t] = cand;
            }
          }
        }
        best[t] = bestCost;
        base[t] = bestCost - zeroCum[i];
      }
      long eob = lam * bits[0];
      end = 0;
      long bestEnd = zeroCum[63] + eob;
      for (int t = 1; t <= n; t++) {
        long c = best[t] + (zeroCum[63] - zeroCum[pos[t]]) + (pos[t] < 63 ? eob : 0);
        if (c < bestEnd) {
          bestEnd = c;
          end = t;
        }
      }
    }
  }
}
