package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The AC first and refinement scans made cheaper (session 21: a block's nonzero positions listed
 * branch-free, then only they walked; a counting pass adds the correction bits at once) count and
 * write what the walk over every position did: that walk is kept here as the reference, coding
 * into the same kind of sink.
 */
class AcScanWalkTest {
  /** {ss, se, ah, al}: the bands and refinements ScanOptimizer prices, and some more. */
  private static final int[][] BANDS = {
    {1, 63, 0, 0}, {1, 2, 0, 0}, {3, 9, 0, 0}, {10, 63, 0, 0}, {1, 8, 0, 0}, {9, 63, 0, 0},
    {1, 5, 0, 1}, {6, 63, 0, 1}, {1, 63, 1, 0}, {1, 5, 0, 2}, {6, 63, 0, 2}, {1, 63, 2, 1},
    {1, 63, 0, 1}, {3, 63, 0, 0}, {6, 63, 0, 0}, {63, 63, 0, 0}, {1, 63, 0, 3}, {1, 63, 3, 2},
    {6, 63, 1, 0}, {1, 5, 2, 1},
  };

  @Test
  void countsAndWritesAsTheWalkOverEveryPosition() {
    Random random = new Random(21);
    EncoderComponent c = ScanEncoderTest.sparseComponent(random, 200);
    EncoderComponent[] comps = {c};
    for (int[] b : BANDS) {
      ScanSpec spec = new ScanSpec(new int[] {0}, b[0], b[1], b[2], b[3]);
      String what = "band " + b[0] + "-" + b[1] + " ah " + b[2] + " al " + b[3];
      EntropySink counted = EntropySink.counter();
      new ScanEncoder(comps, 40, 30, 0).encode(spec, true, counted);
      EntropySink reference = EntropySink.counter();
      new Reference(reference).scan(c, b[0], b[1], b[2], b[3]);
      assertArrayEquals(reference.freq[2], counted.freq[2], what);
      assertEquals(reference.extraBits, counted.extraBits, what);
      HuffmanCode[] tables = new HuffmanCode[4];
      long[] freq = counted.freq[2].clone();
      freq[0] = Math.max(freq[0], 1);
      tables[2] = HuffmanOptimizer.build(freq);
      ByteSink written = new ByteSink(1024);
      new ScanEncoder(comps, 40, 30, 0).encode(spec, true,
          EntropySink.writer(tables, new BitWriter(written)));
      ByteSink walked = new ByteSink(1024);
      Reference r = new Reference(EntropySink.writer(tables, new BitWriter(walked)));
      r.scan(c, b[0], b[1], b[2], b[3]);
      assertArrayEquals(walked.toByteArray(), written.toByteArray(), what);
    }
  }

  /** ScanEncoder's AC scans of one component before session 21, without restarts. */
  private static final class Reference {
    private final EntropySink sink;
    private int eobrun;
    private final byte[] corr = new byte[1000 + 64];
    private int be;
    private final int[] abs = new int[64];

    Reference(EntropySink sink) {
      this.sink = sink;
    }

    void scan(EncoderComponent c, int ss, int se, int ah, int al) {
      for (int by = 0; by < c.usedHigh; by++) {
        for (int bx = 0; bx < c.usedWide; bx++) {
          int off = (by * c.blocksWide + bx) * 64;
          if (ah == 0) {
            first(c.coef, off, ss, se, al);
          } else {
            refine(c.coef, off, ss, se, al);
          }
        }
      }
      flushEobrun();
      sink.finish();
    }

    private void first(short[] coef, int off, int ss, int se, int al) {
      int r = 0;
      for (int k = ss; k <= se; k++) {
        int t = coef[off + k];
        int a = (t < 0 ? -t : t) >> al;
        if (a == 0) {
          r++;
          continue;
        }
        if (eobrun > 0) {
          flushEobrun();
        }
        while (r > 15) {
          sink.symbol(2, 0xF0);
          r -= 16;
        }
        int n = EntropySink.bitLength(a);
        sink.symbol(2, (r << 4) + n);
        sink.bits(t < 0 ? ~a : a, n);
        r = 0;
      }
      if (r > 0 && ++eobrun == 0x7FFF) {
        flushEobrun();
      }
    }

    private void refine(short[] coef, int off, int ss, int se, int al) {
      int eob = 0;
      for (int k = ss; k <= se; k++) {
        int t = coef[off + k];
        int a = (t < 0 ? -t : t) >> al;
        abs[k] = a;
        if (a == 1) {
          eob = k;
        }
      }
      int r = 0;
      int br = 0;
      int base = be;
      for (int k = ss; k <= se; k++) {
        int a = abs[k];
        if (a == 0) {
          r++;
          continue;
        }
        while (r > 15 && k <= eob) {
          flushEobrun();
          sink.symbol(2, 0xF0);
          r -= 16;
          emitCorrection(base, br);
          base = 0;
          br = 0;
        }
        if (a > 1) {
          corr[base + br++] = (byte) (a & 1);
          continue;
        }
        flushEobrun();
        sink.symbol(2, (r << 4) + 1);
        sink.bits(coef[off + k] < 0 ? 0 : 1, 1);
        emitCorrection(base, br);
        base = 0;
        br = 0;
        r = 0;
      }
      if (r > 0 || br > 0) {
        eobrun++;
        be = base + br;
        if (eobrun == 0x7FFF || be > 1000 - 64) {
          flushEobrun();
        }
      }
    }

    private void emitCorrection(int from, int count) {
      for (int i = 0; i < count; i++) {
        sink.bits(corr[from + i], 1);
      }
    }

    private void flushEobrun() {
      if (eobrun > 0) {
        int n = EntropySink.bitLength(eobrun) - 1;
        sink.symbol(2, n << 4);
        sink.bits(eobrun, n);
        eobrun = 0;
        emitCorrection(0, be);
        be = 0;
      }
    }
  }
}
