package dev.tegula.jpeg;

/**
 * Huffman coding of one scan (T.81 Annex F.1.2 sequential, Annex G.1.2 progressive) into an
 * {@link EntropySink}: the MCU order of §A.2 (interleaved scans over the MCU grid, single-component
 * scans over the component's own blocks), restart intervals (§F.1.2.3 / §B.2.4.4), and the four
 * progressive procedures: DC first and refinement (§G.1.2.1), AC first with end-of-band runs
 * (§G.1.2.2) and AC refinement with correction bits (§G.1.2.3), as libjpeg's jcphuff.c does them.
 */
final class ScanEncoder {
  /** Correction bits buffered across an EOB run before it is flushed (jcphuff.c MAX_CORR_BITS). */
  private static final int MAX_CORR_BITS = 1000;
  private static final int MAX_EOBRUN = 0x7FFF;

  private final EncoderComponent[] components;
  private final int mcusX;
  private final int mcusY;
  private final int restartInterval;

  private EntropySink sink;
  private final int[] lastDc = new int[4];
  private int eobrun;
  private int eobSlot;
  private final byte[] corr = new byte[MAX_CORR_BITS + 64];
  private int be;
  private final int[] abs = new int[64];
  private final int[] nonzero = new int[64];
  /**
   * Per component (by position), per block: the zig-zag index of its last nonzero coefficient (0
   * when only DC or none). Made at a component's first AC scan of a progressive encode, where
   * ScanOptimizer prices a dozen bands and refinements per component: the zeros past it only
   * lengthen the zero run, so the loops stop there and add them at once (the symbols are the
   * same; a JPEG search spent a fifth of its CPU walking them, SearchCost session 20).
   */
  private final byte[][] lastNonzero;
  /** False only in tests: every band walked to its end, as before session 20. */
  private final boolean bounded;

  ScanEncoder(EncoderComponent[] components, int mcusX, int mcusY, int restartInterval) {
    this(components, mcusX, mcusY, restartInterval, true);
  }

  ScanEncoder(EncoderComponent[] components, int mcusX, int mcusY, int restartInterval,
      boolean bounded) {
    this.components = components;
    this.mcusX = mcusX;
    this.mcusY = mcusY;
    this.restartInterval = restartInterval;
    this.lastNonzero = new byte[components.length][];
    this.bounded = bounded;
  }

  private byte[] lastNonzero(int component) {
    if (lastNonzero[component] == null) {
      short[] coef = components[component].coef;
      byte[] last = new byte[coef.length / 64];
      for (int b = 0, off = 0; b < last.length; b++, off += 64) {
        int k = 63;
        while (k > 0 && coef[off + k] == 0) {
          k--;
        }
        last[b] = (byte) k;
      }
      lastNonzero[component] = last;
    }
    return lastNonzero[component];
  }

  /** Counts {@code counter}'s AC-first bands of component {@code c}, as single-component scans. */
  void countAcFirst(int c, AcFirstCounter counter) {
    counter.count(components[c], lastNonzero(c), restartInterval);
  }

  /** Codes {@code scan} into {@code out}; {@code progressive} selects the Annex G procedures. */
  void encode(ScanSpec scan, boolean progressive, EntropySink out) {
    this.sink = out;
    java.util.Arrays.fill(lastDc, 0);
    eobrun = 0;
    be = 0;
    int[] ids = scan.components();
    int kind = !progressive ? 0 : scan.isDc() ? (scan.ah() == 0 ? 1 : 2) : (scan.ah() == 0 ? 3 : 4);
    int left = restartInterval;
    int rst = 0;
    byte[] last = bounded && kind >= 3 && ids.length == 1 ? lastNonzero(ids[0]) : null;
    if (ids.length == 1) {
      EncoderComponent c = components[ids[0]];
      for (int by = 0; by < c.usedHigh; by++) {
        for (int bx = 0; bx < c.usedWide; bx++) {
          if (restartInterval > 0) {
            if (left == 0) {
              restart(rst++);
              left = restartInterval;
            }
            left--;
          }
          int b = by * c.blocksWide + bx;
          block(kind, scan, c, 0, b * 64, last == null ? 63 : last[b]);
        }
      }
    } else {
      for (int my = 0; my < mcusY; my++) {
        for (int mx = 0; mx < mcusX; mx++) {
          if (restartInterval > 0) {
            if (left == 0) {
              restart(rst++);
              left = restartInterval;
            }
            left--;
          }
          for (int ci = 0; ci < ids.length; ci++) {
            EncoderComponent c = components[ids[ci]];
            for (int v = 0; v < c.v; v++) {
              int row = (my * c.v + v) * c.blocksWide + mx * c.h;
              for (int h = 0; h < c.h; h++) {
                block(kind, scan, c, ci, (row + h) * 64, 63);
              }
            }
          }
        }
      }
    }
    flushEobrun();
    sink.finish();
  }

  private void restart(int index) {
    flushEobrun();
    sink.restart(index);
    java.util.Arrays.fill(lastDc, 0);
  }

  /** One block; its coefficients past {@code lastK} are zero (63 when not known). */
  private void block(int kind, ScanSpec scan, EncoderComponent c, int ci, int off, int lastK) {
    short[] coef = c.coef;
    switch (kind) {
      case 0 -> sequential(coef, off, ci, c.huffTable);
      case 1 -> {
        int dc = coef[off] >> scan.al();
        dc(dc - lastDc[ci], c.huffTable);
        lastDc[ci] = dc;
      }
      case 2 -> sink.bits((coef[off] >> scan.al()) & 1, 1);
      case 3 -> acFirst(coef, off, scan.ss(), scan.se(), Math.min(scan.se(), lastK), scan.al(),
          2 + c.huffTable);
      default -> acRefine(coef, off, scan.ss(), scan.se(), Math.min(scan.se(), lastK), scan.al(),
          2 + c.huffTable);
    }
  }

  private void dc(int diff, int slot) {
    int a = diff < 0 ? -diff : diff;
    int n = EntropySink.bitLength(a);
    sink.symbol(slot, n);
    sink.bits(diff < 0 ? diff - 1 : diff, n);
  }

  /** §F.1.2.1-F.1.2.2: one block of a sequential scan. */
  private void sequential(short[] coef, int off, int ci, int table) {
    int dc = coef[off];
    dc(dc - lastDc[ci], table);
    lastDc[ci] = dc;
    int slot = 2 + table;
    int r = 0;
    for (int k = 1; k < 64; k++) {
      int t = coef[off + k];
      if (t == 0) {
        r++;
        continue;
      }
      while (r > 15) {
        sink.symbol(slot, 0xF0);
        r -= 16;
      }
      int a = t < 0 ? -t : t;
      int n = EntropySink.bitLength(a);
      sink.symbol(slot, (r << 4) + n);
      sink.bits(t < 0 ? t - 1 : t, n);
      r = 0;
    }
    if (r > 0) {
      sink.symbol(slot, 0);
    }
  }

  /**
   * §G.1.2.2: first scan of a spectral band, point transform {@code al}; the band's coefficients
   * past {@code hi} are zero.
   */
  private void acFirst(short[] coef, int off, int ss, int se, int hi, int al, int slot) {
    // The band's nonzero positions listed first without a branch: whether a value is 0 after
    // the point transform is what a branch predictor cannot guess (session 21).
    int n = 0;
    for (int k = ss; k <= hi; k++) {
      int t = coef[off + k];
      int sign = t >> 31;
      nonzero[n] = k;
      n += ((t ^ sign) - sign) >> al != 0 ? 1 : 0;
    }
    int prev = ss - 1;
    for (int j = 0; j < n; j++) {
      int k = nonzero[j];
      int t = coef[off + k];
      int a = (t < 0 ? -t : t) >> al;
      if (eobrun > 0) {
        flushEobrun();
      }
      int r = k - prev - 1;
      while (r > 15) {
        sink.symbol(slot, 0xF0);
        r -= 16;
      }
      int size = EntropySink.bitLength(a);
      sink.symbol(slot, (r << 4) + size);
      sink.bits(t < 0 ? ~a : a, size);
      prev = k;
    }
    if (se > prev) {
      eobSlot = slot;
      if (++eobrun == MAX_EOBRUN) {
        flushEobrun();
      }
    }
  }

  /**
   * §G.1.2.3: a refinement scan: correction bits of known coefficients, newly nonzero ones; the
   * band's coefficients past {@code hi} are zero.
   */
  private void acRefine(short[] coef, int off, int ss, int se, int hi, int al, int slot) {
    // As in acFirst, the nonzero positions are listed without a branch, then only they walked.
    int eob = 0;
    int n = 0;
    for (int k = ss; k <= hi; k++) {
      int t = coef[off + k];
      int sign = t >> 31;
      int a = ((t ^ sign) - sign) >> al;
      abs[k] = a;
      nonzero[n] = k;
      n += a != 0 ? 1 : 0;
      eob = a == 1 ? k : eob;
    }
    int r = 0;
    int br = 0;
    int base = be;
    int prev = ss - 1;
    for (int j = 0; j < n; j++) {
      int k = nonzero[j];
      int a = abs[k];
      r += k - prev - 1;
      prev = k;
      while (r > 15 && k <= eob) {
        flushEobrun();
        sink.symbol(slot, 0xF0);
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
      sink.symbol(slot, (r << 4) + 1);
      sink.bits(coef[off + k] < 0 ? 0 : 1, 1);
      emitCorrection(base, br);
      base = 0;
      br = 0;
      r = 0;
    }
    r += se - prev;
    if (r > 0 || br > 0) {
      eobSlot = slot;
      eobrun++;
      be = base + br;
      if (eobrun == MAX_EOBRUN || be > MAX_CORR_BITS - 64) {
        flushEobrun();
      }
    }
  }

  private void emitCorrection(int from, int count) {
    if (sink.counting) {
      // a counting pass needs how many bits, not which: one add instead of a call per bit
      sink.extraBits += count;
      return;
    }
    for (int i = 0; i < count; i++) {
      sink.bits(corr[from + i], 1);
    }
  }

  /** Codes a pending end-of-band run (EOBn, §G.1.2.2) and the correction bits it carries. */
  private void flushEobrun() {
    if (eobrun > 0) {
      int n = EntropySink.bitLength(eobrun) - 1;
      sink.symbol(eobSlot, n << 4);
      sink.bits(eobrun, n);
      eobrun = 0;
      emitCorrection(0, be);
      be = 0;
    }
  }
}
