package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Huffman-encodes one scan from the coefficient image exactly as libjpeg-turbo's encoder does
 * (T.81 §F.1.2 sequential: jchuff.c; §G.1.2 progressive: jcphuff.c, including when it ends
 * end-of-band runs), departing from it only where the {@link ScanRecord} says the file did.
 *
 * <p>Each block's nonzero coefficients are found as a 64-bit mask ({@link BlockMasks}: zigzag
 * position k at bit 63 − k), and the scan walks the set bits of its band, so zero runs cost
 * nothing per zero (as jchuff.c's SIMD path does). A sequential scan makes the mask of each block
 * as it codes it; a progressive file's scans read each component in its dense form, made once
 * per rebuilt file (the masks and the nonzero coefficients in zigzag order), so its many scans
 * neither read every coefficient again nor gather them from memory. Refinement correction bits
 * are kept as bits of a long: the current block's in a local, the pending run's (libjpeg's BE
 * buffer) packed in {@link #runBits}.
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
  /** Per scan component of a progressive scan: the dense form of its component. */
  private final long[][] nonzero = new long[4][];
  private final int[][] starts = new int[4][];
  private final short[][] values = new short[4][];

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
    if (kind != ScanKind.SEQUENTIAL) {
      for (int i = 0; i < n; i++) {
        int c = syn.scanComponent[i];
        nonzero[i] = masks.of(c);
        starts[i] = masks.starts(c);
        values[i] = masks.values(c);
      }
    }
    int mx = 0;
    int my = 0;
    int toRestart = ri;
    int rowBlock = 0; // non-interleaved: the block index of (0, my)
    int wideAlloc = img.blocksWide[c0];
    for (int m = 0; m < mcus; m++) {
      if (ri > 0 && toRestart-- == 0) {
        toRestart = ri - 1;
        emitEobRun();
        nextPad = finish(segment, pads, nextPad);
        out.restart(segment);
        segment++;
        pred[0] = pred[1] = pred[2] = pred[3] = 0;
      }
      if (!interleaved) {
        block(kind, 0, c0, (rowBlock + mx) << 6, m);
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
        rowBlock += wideAlloc;
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
    if (kind == ScanKind.SEQUENTIAL) {
      short[] coef = img.coefficients[c];
      sequential(coef, off, i, BlockMasks.mask(coef, off));
      return;
    }
    int b = off >> 6;
    long nz = nonzero[i][b];
    int start = starts[i][b];
    switch (kind) {
      case ScanKind.DC_FIRST -> {
        int dc = (nz < 0 ? values[i][start] : 0) >> syn.al;
        dc(syn.dcTables[syn.scanDc[i]].packed, dc - pred[i]);
        pred[i] = dc;
      }
      case ScanKind.DC_REFINE -> out.put(((nz < 0 ? values[i][start] : 0) >> syn.al) & 1, 1);
      case ScanKind.AC_FIRST -> acFirst(values[0], start, index, nz);
      default -> acRefine(values[0], start, index, nz);
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

  /** The band's positions (Ss-Se) of a mask, and where the block's values for them start. */
  private long band(long nonzero) {
    return nonzero & (-1L >>> syn.ss) & (-1L << (63 - syn.se));
  }

  private int bandStart(int start, long nonzero) {
    return start + Long.bitCount(nonzero & ~(-1L >>> syn.ss));
  }

  /**
   * §G.1.2.2 (jcphuff.c encode_mcu_AC_first).
   *
   * @param vals the component's nonzero coefficients in zigzag order ({@link BlockMasks})
   * @param start where this block's are
   */
  private void acFirst(short[] vals, int start, int index, long nonzero) {
    int[] table = ac;
    int al = syn.al;
    int se = syn.se;
    int p = bandStart(start, nonzero);
    int last = syn.ss - 1;
    for (long mask = band(nonzero); mask != 0; ) {
      int k = Long.numberOfLeadingZeros(mask);
      mask &= ~(Long.MIN_VALUE >>> k);
      int v = vals[p++];
      int a = (v < 0 ? -v : v) >> al;
      if (a == 0) {
        continue; // zero at this Al: part of the run
      }
      int r = k - last - 1;
      last = k;
      emitEobRun();
      for (; r > 15; r -= 16) {
        out.code(table[ZRL]);
      }
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

  /** §G.1.2.3 (jcphuff.c encode_mcu_AC_refine); the values as for {@link #acFirst}. */
  private void acRefine(short[] vals, int start, int index, long nonzero) {
    int[] table = ac;
    int al = syn.al;
    int se = syn.se;
    int p = bandStart(start, nonzero);
    // jcphuff.c's EOB, the last position that becomes nonzero in this scan (|v| >> Al is 1), or
    // -1: only asked for by a run of 16 zeros, so found only then (-2 until then)
    int eob = -2;
    long bits = 0; // this block's correction bits not yet sent (libjpeg's BR)
    int br = 0;
    int r = 0;
    int last = syn.ss - 1;
    for (long rest = band(nonzero); rest != 0; ) {
      int k = Long.numberOfLeadingZeros(rest);
      rest &= ~(Long.MIN_VALUE >>> k);
      int v = vals[p++];
      int a = (v < 0 ? -v : v) >> al;
      if (a == 0) {
        continue; // zero at this Al
      }
      r += k - last - 1;
      last = k;
      if (r > 15) {
        if (eob == -2) {
          eob = lastNewlyNonzero(vals, p - 1, rest | (Long.MIN_VALUE >>> k), al);
        }
        while (r > 15 && k <= eob) {
          emitEobRun();
          out.code(table[ZRL]);
          r -= 16;
          out.put(bits, br);
          bits = 0;
          br = 0;
        }
      }
      if (a > 1) {
        // already nonzero: its correction bit
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

  /**
   * The last of the {@code positions} (their values in zigzag order from {@code vals[p]}) where
   * |v| >> Al is 1, or -1.
   */
  private static int lastNewlyNonzero(short[] vals, int p, long positions, int al) {
    int eob = -1;
    for (long m = positions; m != 0; ) {
      int k = Long.numberOfLeadingZeros(m);
      m &= ~(Long.MIN_VALUE >>> k);
      int v = vals[p++];
      if (((v < 0 ? -v : v) >> al) == 1) {
        eob = k;
      }
    }
    return eob;
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
