package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Huffman-encodes one scan from the coefficient image exactly as libjpeg-turbo's encoder does
 * (T.81 §F.1.2 sequential: jchuff.c; §G.1.2 progressive: jcphuff.c, including when it ends
 * end-of-band runs), departing from it only where the {@link ScanRecord} says the file did.
 *
 * <p>Each block's nonzero coefficients are found once per rebuilt file ({@link BlockMasks}: a
 * 64-bit mask per block, zigzag position k at bit 63 − k), and every scan walks the set bits of
 * its band, so zero runs cost nothing per zero (as jchuff.c's SIMD path does) and a progressive
 * file's many scans do not read every coefficient again. Refinement correction bits are kept as
 * bits of a long: the current block's in a local, the pending run's (libjpeg's BE buffer) packed
 * in {@link #runBits}.
 */
final class ScanEncoder {
  private static final int ZRL = 0xF0;

  private final JpegSyntax syn;
  private final CoefficientImage img;
  private final EntropyWriter out;
  private final ScanRecord record;
  private final BlockMasks masks;
  private final int[] pred = new int[4];
  private int nextToggle;
  private int eobRun;
  /** Correction bits of the pending run (libjpeg's BE), most significant first in each long. */
  private long[] runBits = new long[20];
  private int be;
  /** The scan's AC table (progressive scans have one component). */
  private int[] ac;

  private ScanEncoder(JpegSyntax syn, CoefficientImage img, EntropyWriter out, ScanRecord record,
      BlockMasks masks) {
    this.syn = syn;
    this.img = img;
    this.out = out;
    this.record = record;
    this.masks = masks;
  }

  /** @param masks the nonzero masks of {@code img}'s blocks, made once, kept across scans */
  static void encode(JpegSyntax syn, CoefficientImage img, ScanRecord record, ByteSinkOut sink,
      BlockMasks masks) {
    new ScanEncoder(syn, img, new EntropyWriter(sink), record, masks).run();
  }

  private void run() {
    int n = syn.scanComponents;
    boolean interleaved = n > 1;
    int c0 = syn.scanComponent[0];
    int across = interleaved ? syn.mcusAcross() : syn.componentBlocksWide(c0);
    int mcus = across * (interleaved ? syn.mcusDown() : syn.componentBlocksHigh(c0));
    int ri = syn.restartInterval;
    int kind = ScanKind.of(syn);
    HuffmanCode acTable = syn.acTables[syn.scanAc[0]];
    ac = acTable == null ? null : acTable.packed;
    int segment = 0;
    int nextPad = 0;
    int[] pads = record.pads();
    int mx = 0;
    int my = 0;
    for (int m = 0; m < mcus; m++) {
      if (ri > 0 && m > 0 && m % ri == 0) {
        emitEobRun();
        nextPad = finish(segment, pads, nextPad);
        out.restart(segment);
        segment++;
        pred[0] = pred[1] = pred[2] = pred[3] = 0;
      }
      if (!interleaved) {
        block(kind, 0, c0, img.blockOffset(c0, mx, my), m);
      } else {
        for (int i = 0; i < n; i++) {
          int c = syn.scanComponent[i];
          int h = syn.h[c];
          int v = syn.v[c];
          for (int y = 0; y < v; y++) {
            for (int x = 0; x < h; x++) {
              block(kind, i, c, img.blockOffset(c, mx * h + x, my * v + y), m);
            }
          }
        }
      }
      if (++mx == across) {
        mx = 0;
        my++;
      }
    }
    emitEobRun();
    finish(segment, pads, nextPad);
  }

  private int finish(int segment, int[] pads, int nextPad) {
    if (nextPad < pads.length && pads[nextPad] == segment) {
      out.finishSegment(pads[nextPad + 1]);
      return nextPad + 2;
    }
    out.finishSegment(-1);
    return nextPad;
  }

  private void block(int kind, int i, int c, int off, int index) {
    short[] coef = img.coefficients[c];
    switch (kind) {
      case ScanKind.SEQUENTIAL -> sequential(coef, off, i, masks.of(c)[off >> 6]);
      case ScanKind.DC_FIRST -> {
        int dc = coef[off] >> syn.al;
        dc(syn.dcTables[syn.scanDc[i]].packed, dc - pred[i]);
        pred[i] = dc;
      }
      case ScanKind.DC_REFINE -> out.put((coef[off] >> syn.al) & 1, 1);
      case ScanKind.AC_FIRST -> acFirst(coef, off, index, masks.of(c)[off >> 6]);
      default -> acRefine(coef, off, index, masks.of(c)[off >> 6]);
    }
  }

  private static int magnitudeBits(int a) {
    return 32 - Integer.numberOfLeadingZeros(a);
  }

  private void dc(int[] table, int diff) {
    int a = diff < 0 ? -diff : diff;
    int nbits = magnitudeBits(a);
    if (nbits > 15) {
      throw new NotModellable("DC difference " + diff + " out of range");
    }
    out.code(table[nbits], diff < 0 ? diff - 1 : diff, nbits);
  }

  /** §F.1.2.1, §F.1.2.2 (jchuff.c encode_one_block). */
  private void sequential(short[] coef, int off, int i, long nonzero) {
    int dc = coef[off];
    dc(syn.dcTables[syn.scanDc[i]].packed, dc - pred[i]);
    pred[i] = dc;
    int[] table = ac;
    if (syn.scanComponents > 1) {
      table = syn.acTables[syn.scanAc[i]].packed;
    }
    int[] zz = JpegSyntax.ZIGZAG;
    long mask = nonzero & Long.MAX_VALUE; // the AC positions
    int last = 0;
    while (mask != 0) {
      int k = Long.numberOfLeadingZeros(mask);
      mask &= ~(Long.MIN_VALUE >>> k);
      int r = k - last - 1;
      last = k;
      for (; r > 15; r -= 16) {
        out.code(table[ZRL]);
      }
      int v = coef[off + zz[k]];
      int nbits = magnitudeBits(v < 0 ? -v : v);
      if (nbits > 15) {
        throw new NotModellable("AC value out of range");
      }
      out.code(table[(r << 4) + nbits], v < 0 ? v - 1 : v, nbits);
    }
    if (last < 63) {
      out.code(table[0]);
    }
  }

  /**
   * The positions of the band (Ss-Se) whose magnitude shifted right by Al is not 0, from the
   * block's nonzero mask; {@link #ones} receives those where it is 1.
   */
  private long bandMask(short[] coef, int off, long nonzero) {
    int al = syn.al;
    long mask = nonzero & (-1L >>> syn.ss) & (-1L << (63 - syn.se));
    if (al == 0 && syn.ah == 0) {
      return mask;
    }
    int[] zz = JpegSyntax.ZIGZAG;
    long kept = 0;
    long one = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      int k = 63 - Long.numberOfTrailingZeros(m);
      int v = coef[off + zz[k]];
      int a = (v < 0 ? -v : v) >> al;
      long bit = m & -m;
      if (a != 0) {
        kept |= bit;
      }
      if (a == 1) {
        one |= bit;
      }
    }
    ones = one;
    return kept;
  }

  private long ones;

  /** §G.1.2.2 (jcphuff.c encode_mcu_AC_first). */
  private void acFirst(short[] coef, int off, int index, long nonzero) {
    int[] table = ac;
    int[] zz = JpegSyntax.ZIGZAG;
    int al = syn.al;
    int se = syn.se;
    long mask = bandMask(coef, off, nonzero);
    int last = syn.ss - 1;
    while (mask != 0) {
      int k = Long.numberOfLeadingZeros(mask);
      mask &= ~(Long.MIN_VALUE >>> k);
      int r = k - last - 1;
      last = k;
      emitEobRun();
      for (; r > 15; r -= 16) {
        out.code(table[ZRL]);
      }
      int v = coef[off + zz[k]];
      int a = (v < 0 ? -v : v) >> al;
      int nbits = magnitudeBits(a);
      if (nbits > 15) {
        throw new NotModellable("AC value out of range");
      }
      out.code(table[(r << 4) + nbits], v < 0 ? ~a : a, nbits);
    }
    if (last < se) {
      eobRun++;
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN)) {
        emitEobRun();
      }
    }
  }

  /** §G.1.2.3 (jcphuff.c encode_mcu_AC_refine). */
  private void acRefine(short[] coef, int off, int index, long nonzero) {
    int[] table = ac;
    int[] zz = JpegSyntax.ZIGZAG;
    int al = syn.al;
    int se = syn.se;
    long mask = bandMask(coef, off, nonzero);
    // the last coefficient that becomes nonzero in this scan (jcphuff.c's EOB), or -1
    int eob = 63 - Long.numberOfTrailingZeros(ones);
    long bits = 0; // this block's correction bits not yet sent (libjpeg's BR)
    int br = 0;
    int r = 0;
    int last = syn.ss - 1;
    while (mask != 0) {
      int k = Long.numberOfLeadingZeros(mask);
      mask &= ~(Long.MIN_VALUE >>> k);
      r += k - last - 1;
      last = k;
      while (r > 15 && k <= eob) {
        emitEobRun();
        out.code(table[ZRL]);
        r -= 16;
        out.put(bits, br);
        bits = 0;
        br = 0;
      }
      int v = coef[off + zz[k]];
      int a = (v < 0 ? -v : v) >> al;
      if (a > 1) {
        bits = (bits << 1) | (a & 1);
        br++;
        continue;
      }
      emitEobRun();
      out.code(table[(r << 4) + 1], v < 0 ? 0 : 1, 1);
      out.put(bits, br);
      bits = 0;
      br = 0;
      r = 0;
    }
    r += se - last;
    if (r > 0 || br > 0) {
      eobRun++;
      appendRunBits(bits, br);
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN
          || be > ScanDecoder.MAX_CORRECTION_BITS)) {
        emitEobRun();
      }
    }
  }

  /** Appends {@code count} (0-63) bits to the pending run's correction bits. */
  private void appendRunBits(long bits, int count) {
    if (count == 0) {
      return;
    }
    if (((be + count) >> 6) + 1 >= runBits.length) {
      runBits = Arrays.copyOf(runBits, 2 * runBits.length);
    }
    int word = be >> 6;
    int used = be & 63;
    long aligned = bits << (64 - count); // the bits at the top of a long
    if (used == 0) {
      runBits[word] = aligned;
    } else {
      runBits[word] |= aligned >>> used;
      if (used + count > 64) {
        runBits[word + 1] = aligned << (64 - used);
      }
    }
    be += count;
  }

  /** libjpeg's choice, inverted at the blocks the record lists. */
  private boolean endsRun(int index, boolean libjpeg) {
    int[] toggles = record.toggles();
    while (nextToggle < toggles.length && toggles[nextToggle] < index) {
      nextToggle++; // a block that ended no run: nothing to invert there
    }
    if (nextToggle < toggles.length && toggles[nextToggle] == index) {
      nextToggle++;
      return !libjpeg;
    }
    return libjpeg;
  }

  /** jcphuff.c emit_eobrun: the run's symbol and extra bits, then its correction bits. */
  private void emitEobRun() {
    if (eobRun == 0) {
      return;
    }
    int nbits = magnitudeBits(eobRun) - 1;
    if (nbits > 14) {
      throw new NotModellable("end-of-band run of " + eobRun + " blocks");
    }
    out.code(ac[nbits << 4], eobRun, nbits);
    eobRun = 0;
    int words = be >> 6;
    for (int w = 0; w < words; w++) {
      out.put(runBits[w] >>> 32, 32);
      out.put(runBits[w] & 0xFFFFFFFFL, 32);
    }
    int rest = be & 63;
    if (rest > 0) {
      out.put(runBits[words] >>> (64 - rest), rest);
    }
    be = 0;
  }
}
