package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Per block of a coefficient image, which of its 64 coefficients are nonzero, as a long with
 * zigzag position k (T.81 Figure A.6) at bit 63 − k: what the {@link ScanEncoder}'s scans walk
 * instead of every coefficient. A block's mask is made from its coefficients in natural order
 * (eight rows of eight, read in sequence), each row's eight bits turned into zigzag positions by
 * one table look-up, rows of zeros skipped; or, when the decoder of the coefficients kept them as
 * it wrote the values (content 2: {@link CoefficientImage}), taken from there.
 *
 * <p>A sequential scan makes each block's mask as it codes it ({@link #mask}). The many
 * scans of a progressive file read a component's blocks again and again, so for them the
 * component is made once into a dense form ({@link #prepare}), block by block while the block
 * is in cache: the masks, the nonzero AC coefficients of every block in zigzag order one after
 * the other ({@link #values}, block b's from {@link #starts}{@code [b]}), the DC coefficients
 * alone ({@link #dc}) and per block the masks and correction bits of the successive
 * approximation levels of its AC coefficients ({@link #levels}). A scan then reads a few bytes
 * per block in sequence instead of gathering from 128 bytes per block, most of them zero.
 *
 * <p>A progressive restore of content 2 gets the dense form from its decoder instead
 * ({@link #fromDecoder}, {@link #addRow}): each block row is decoded into a scratch row and made
 * dense at once, so no coefficient image is kept (128 bytes less per block: a q75 progressive
 * restore allocates 11.9 MB per pass over the ten photos instead of 21.4). Same speed on the JVM
 * (session 14, same-JVM A/B, {@code -Xbatch}, 120 rounds: q75p x0.995-0.999, q85p x0.993-0.995,
 * 3.4 Mpx files x1.006-1.016; session 15, 30 rounds: q75p x1.04, q85p x1.00); kept in session 15
 * for the browser, where the Wasm build spent about a tenth of a progressive restore allocating
 * and clearing the image (Chromium's profiler: {@code new short[]} 10-11 % of a 1023x769 4:4:4
 * progressive restore) and the decoder-made form restores 1.01-1.13x as fast (medians of a
 * same-page A/B of the two builds, 16 alternating rounds, three runs on three progressive files,
 * one run reading 1.53; an A/A 1.00-1.03).
 */
final class BlockMasks {
  /** Row r, columns as bits 0-7: the zigzag mask bits of those coefficients. */
  private static final long[] ROW_TO_ZIGZAG = new long[8 * 256];

  /** Natural position p: its bit in a mask (a coefficient decoder's, {@link CoefficientImage}). */
  static final long[] NATURAL_BIT = new long[64];

  static {
    int[] zigzagOf = new int[64];
    for (int k = 0; k < 64; k++) {
      zigzagOf[JpegSyntax.ZIGZAG[k]] = k;
    }
    for (int p = 0; p < 64; p++) {
      NATURAL_BIT[p] = 1L << (63 - zigzagOf[p]);
    }
    for (int row = 0; row < 8; row++) {
      for (int bits = 0; bits < 256; bits++) {
        long m = 0;
        for (int col = 0; col < 8; col++) {
          if ((bits & (1 << col)) != 0) {
            m |= 1L << (63 - zigzagOf[row * 8 + col]);
          }
        }
        ROW_TO_ZIGZAG[(row << 8) | bits] = m;
      }
    }
  }

  private final CoefficientImage img;
  private final long[][] masks;
  private final int[][] starts;
  private final short[][] values;
  private final short[][] dcs;
  private final long[][] levels;
  /** The masks the coefficients' decoder kept ({@link CoefficientImage#masks}), or null. */
  private final long[][] given;
  /** Per component, the values {@link #addRow} has stored; null unless {@link #fromDecoder}. */
  private int[] filled;

  BlockMasks(CoefficientImage img) {
    this.img = img;
    this.given = img.masks();
    this.masks = new long[img.components][];
    this.starts = new int[img.components][];
    this.values = new short[img.components][];
    this.dcs = new short[img.components][];
    this.levels = new long[img.components][];
  }

  /**
   * Per block of component c, {@link #LEVEL_LONGS} longs from {@code b * LEVEL_LONGS}, of its AC
   * coefficients only (no AC scan reads a level at the DC's position): the mask of the negative
   * ones ({@link #NEGATIVE}); for Al = 0-1, the mask of the positions
   * where |v| >> (Al + 1) is nonzero ({@link #AT_LEAST} + Al), i.e. those a refinement scan at
   * Al owes a correction bit (and those an AC first scan at Al + 1 codes), and those bits,
   * (|v| >> Al) & 1 at those positions in zigzag order, the last in the lowest bit
   * ({@link #CORRECTIONS} + Al). Made with the dense form, so the progressive scans find what
   * they code in a few masks instead of walking the coefficients each: AC first scans at Al
   * 0-2 and refinements at Al 0-1, all of cjpeg's.
   */
  long[] levels(int c) {
    prepare(c);
    return levels[c];
  }

  static final int LEVEL_LONGS = 5;
  static final int NEGATIVE = 0;
  static final int AT_LEAST = 1;
  static final int CORRECTIONS = 3;
  /** The largest Al of a refinement scan {@link #levels} serves. */
  static final int MAX_REFINE_AL = 1;
  /** The largest Al of an AC first scan {@link #levels} serves. */
  static final int MAX_FIRST_AL = 2;

  /** Component c's DC coefficients, one per block: what DC scans read instead of its blocks. */
  short[] dc(int c) {
    prepare(c);
    return dcs[c];
  }

  /** The masks of component c's blocks, in the order of its coefficient array. */
  long[] of(int c) {
    prepare(c);
    return masks[c];
  }

  /** Where each block's nonzero AC coefficients start in {@link #values}. */
  int[] starts(int c) {
    prepare(c);
    return starts[c];
  }

  /** Component c's nonzero AC coefficients, block after block, each block's in zigzag order. */
  short[] values(int c) {
    prepare(c);
    return values[c];
  }

  /**
   * Component c's block masks as its decoder kept them, or null when it did not (then a
   * sequential scan makes each with {@link #mask}).
   */
  long[] given(int c) {
    return given == null ? null : given[c];
  }

  /** Makes the dense form of component c, once. */
  void prepare(int c) {
    if (masks[c] != null) {
      return;
    }
    short[] coef = img.coefficients[c];
    int blocks = coef.length >> 6;
    // the decoder's masks when it kept them: no copy
    long[] g = given(c);
    long[] m = g != null ? g : new long[blocks];
    // with the decoder's masks, sized exactly (fewer bytes to clear and to stream through the
    // cache); else grown as needed: the block's mask and values are made while its
    // coefficients are in cache
    short[] vals = new short[g != null ? nonzeros(g) : Math.max(64, coef.length >> 2)];
    int[] start = new int[blocks + 1];
    short[] dc = new short[blocks];
    long[] lv = new long[blocks * LEVEL_LONGS];
    int p = 0;
    for (int b = 0, off = 0; b < blocks; b++, off += 64) {
      start[b] = p;
      dc[b] = coef[off];
      long mb = g != null ? g[b] : (m[b] = mask(coef, off));
      if (g == null && vals.length - p < 64) {
        vals = Arrays.copyOf(vals, (int) Math.min(coef.length, 2L * vals.length));
      }
      p = dense(coef, off, mb, vals, p, lv, b * LEVEL_LONGS, false);
    }
    start[blocks] = p;
    masks[c] = m;
    starts[c] = start;
    values[c] = vals;
    dcs[c] = dc;
    levels[c] = lv;
  }

  /**
   * A dense form that a decoder makes row by row ({@link #addRow}) as it decodes each block row,
   * instead of one made from {@code img}'s coefficients afterwards: a progressive restore's
   * rebuild reads nothing else, so its coefficients need not be kept ({@code img} holds the
   * geometry only; 128 bytes less per block).
   *
   * <p>Measured (the class comment has the figures): the same speed as {@link #prepare} after
   * the decode on the JVM, 1.01-1.13x in the Wasm build, half the bytes allocated. Made per block
   * inside the decoder's loop instead of per row, the JVM's restore was x0.94-0.99 (q75p): the
   * loop's body grew.
   */
  static BlockMasks fromDecoder(CoefficientImage img) {
    BlockMasks d = new BlockMasks(img);
    d.filled = new int[img.components];
    for (int c = 0; c < img.components; c++) {
      int blocks = img.blocksWide[c] * img.blocksHigh[c];
      d.masks[c] = new long[blocks];
      d.starts[c] = new int[blocks + 1];
      // grown by doubling as needed: a few nonzero values per block at usual qualities
      d.values[c] = new short[Math.max(64, blocks * 4)];
      d.dcs[c] = new short[blocks];
      d.levels[c] = new long[blocks * LEVEL_LONGS];
    }
    return d;
  }

  /**
   * The mask array of component c, for the decoder to set each block's as it decodes it (a
   * dense form {@link #fromDecoder}).
   */
  long[] masksToFill(int c) {
    return masks[c];
  }

  /**
   * Adds blocks [b, b + count) of component c, one row of them decoded into {@code
   * row[0, 64 · count)} in natural order (their masks already set, {@link #masksToFill}), and
   * clears those coefficients for the next row. A component's rows come in order (a band's after
   * the previous band's), each once.
   */
  void addRow(int c, int b, int count, short[] row) {
    int p = filled[c];
    short[] vals = values[c];
    long[] m = masks[c];
    int[] start = starts[c];
    short[] dc = dcs[c];
    long[] lv = levels[c];
    for (int i = 0, off = 0; i < count; i++, b++, off += 64) {
      if (vals.length - p < 64) {
        vals = Arrays.copyOf(vals, Math.max(p + 64, 2 * vals.length));
        values[c] = vals;
      }
      start[b] = p;
      dc[b] = row[off];
      row[off] = 0;
      p = dense(row, off, m[b], vals, p, lv, b * LEVEL_LONGS, true);
    }
    start[b] = p;
    filled[c] = p;
  }

  /**
   * Stores the nonzero AC coefficients of the block at {@code off} (mask mb) in zigzag order
   * from vals[p], and its {@link #levels} from lv[l]; returns where its values end.
   *
   * @param clear whether to zero them in coef as they are read (the decoder's scratch block:
   *     its other coefficients are zero already)
   */
  private static int dense(short[] coef, int off, long mb, short[] vals, int p, long[] lv,
      int l, boolean clear) {
    int[] zz = JpegSyntax.ZIGZAG;
    long negative = 0;
    long ge1 = 0;
    long ge2 = 0;
    long c0 = 0;
    long c1 = 0;
    // in longs: each flag is a sign spread by one shift, no int-to-long widening per use
    // (11% fewer cycles than in ints for this loop alone; within noise in the rebuild). The AC
    // coefficients only: the DC is in dc, and no AC scan reads a level at its position. An int
    // count, not x != 0: C2 then moves the loop's safepoint poll out of it. Not kept (session
    // 12, this loop alone): a second loop over the magnitudes of 2 or more for the levels
    // x0.93-1.06, reading two blocks ahead to start their cache lines x0.96-0.99.
    long x = mb & Long.MAX_VALUE;
    for (int n = Long.bitCount(x); n > 0; n--) {
      int k = Long.numberOfLeadingZeros(x);
      long bit = Long.MIN_VALUE >>> k;
      x ^= bit;
      int at = off + zz[k];
      short value = coef[at];
      if (clear) {
        coef[at] = 0;
      }
      vals[p++] = value;
      long v = value;
      long sign = v >> 63;
      long a = (v ^ sign) - sign;
      negative |= bit & sign;
      long atLeast2 = (1 - a) >> 63; // |v| >> 1 is nonzero: it has a correction bit at Al 0
      long atLeast4 = (3 - a) >> 63;
      ge1 |= bit & atLeast2;
      ge2 |= bit & atLeast4;
      // a correction bit appended where the flag is set: c + (c & flag) is c << 1 there, with
      // no shift by a variable (C2 moves each through CL)
      c0 = (c0 + (c0 & atLeast2)) | (a & atLeast2 & 1);
      c1 = (c1 + (c1 & atLeast4)) | ((a >> 1) & atLeast4 & 1);
    }
    lv[l + NEGATIVE] = negative;
    lv[l + AT_LEAST] = ge1;
    lv[l + AT_LEAST + 1] = ge2;
    lv[l + CORRECTIONS] = c0;
    lv[l + CORRECTIONS + 1] = c1;
    return p;
  }

  private static int nonzeros(long[] masks) {
    int n = 0;
    for (long m : masks) {
      n += Long.bitCount(m & Long.MAX_VALUE);
    }
    return n;
  }

  static long[] compute(short[] coef) {
    long[] out = new long[coef.length >> 6];
    for (int b = 0, off = 0; b < out.length; b++, off += 64) {
      out[b] = mask(coef, off);
    }
    return out;
  }

  /** The mask of the block at {@code off}. */
  static long mask(short[] coef, int off) {
    long m = 0;
    for (int row = 0; row < 8; row++) {
      m |= ROW_TO_ZIGZAG[(row << 8) | rowBits(coef, off + 8 * row)];
    }
    return m;
  }

  /**
   * The block's nonzero mask in natural order, position p at bit p (the content-2 encoder's,
   * {@link FastBandEncoder}).
   */
  static long naturalMask(short[] coef, int off) {
    long m = 0;
    for (int row = 0; row < 8; row++) {
      m |= (long) rowBits(coef, off + 8 * row) << (8 * row);
    }
    return m;
  }

  /** Bit i (0-7): whether the coefficient at p + i is nonzero; a row of zeros costs one test. */
  private static int rowBits(short[] coef, int p) {
    int c0 = coef[p];
    int c1 = coef[p + 1];
    int c2 = coef[p + 2];
    int c3 = coef[p + 3];
    int c4 = coef[p + 4];
    int c5 = coef[p + 5];
    int c6 = coef[p + 6];
    int c7 = coef[p + 7];
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) == 0) {
      return 0; // most rows of a photo's blocks at usual qualities
    }
    return nonzero(c0) | nonzero(c1) << 1 | nonzero(c2) << 2 | nonzero(c3) << 3
        | nonzero(c4) << 4 | nonzero(c5) << 5 | nonzero(c6) << 6 | nonzero(c7) << 7;
  }

  /** 1 for a nonzero value, else 0, without a branch. */
  private static int nonzero(int v) {
    return (v | -v) >>> 31;
  }
}
