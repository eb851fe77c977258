package dev.tegula.jpeg;

import dev.tegula.core.MalformedInputException;

/**
 * Decodes Huffman-coded scans into the components' coefficient stores: sequential DCT (T.81
 * §F.2.2, baseline and extended) and progressive DCT (§G.1.2: DC first and refinement scans, AC
 * first scans with end-of-band runs, AC refinement scans), with restart intervals (§F.2.2.4,
 * §B.2.1) handled at MCU boundaries.
 *
 * <p>Damaged data is handled as libjpeg-turbo does (jdhuff.c, jdphuff.c, jdmarker.c): when the
 * entropy-coded data runs into a marker or the end of the input, zero bits are supplied; once a
 * zero bit has been used, the rest of the restart interval is skipped (its blocks keep what earlier
 * scans left, zeros for a sequential scan, which is mid-grey). A code that matches no table entry
 * consumes 17 bits and decodes as symbol 0. A restart marker that is missing or out of order is
 * resynchronised with libjpeg's {@code jpeg_resync_to_restart} rules.
 *
 * <p>The bit buffer is a 64-bit word, most significant bit first, refilled a byte at a time with
 * the 0xFF00 stuffing removed (§F.1.2.3) whenever fewer than 32 bits are left: enough for one
 * code of up to 17 bits and its up to 15 magnitude bits. (Taking the bytes eight at a time with a
 * SWAR test for 0xFF measured slower on baseline files.) The scan loops keep the buffer in
 * locals and run over the blocks of a row (non-interleaved) or an MCU (interleaved) without a
 * per-block dispatch.
 *
 * <p>JPEG recompression decodes with this class too ({@link JpegSegmentReader#decodeScan}) and
 * learns what it needs besides the coefficients through {@link #events}, which is asked only per
 * end-of-band run and per entropy-coded segment, never per coefficient.
 */
final class HuffmanScanDecoder {
  private static final int SEQUENTIAL = 0;
  private static final int DC_FIRST = 1;
  private static final int DC_REFINE = 2;
  private static final int AC_FIRST = 3;
  private static final int AC_REFINE = 4;

  /**
   * The decoding methods read it through a local: under TeaVM an instance method checks that the
   * class is initialized (an indirect call) before every read of a static field, which inside
   * the coefficient loop cost a call per coefficient.
   */
  private static final int[] NATURAL = ZigZag.NATURAL_ORDER;
  /** NATURAL[63 - t]: the natural index of a block mask's bit t (zig-zag index 63 - t). */
  private static final int[] NATURAL_FROM_END = new int[64];

  static {
    for (int t = 0; t < 64; t++) {
      NATURAL_FROM_END[t] = NATURAL[63 - t];
    }
  }

  private final byte[] data;
  private final int length;

  /** Next byte to read into the bit buffer. */
  private int pos;
  /** Bits not yet consumed, most significant first. */
  private long buf;
  /** Number of valid bits in {@link #buf}. */
  private int cnt;
  /** How many of the last bits in the buffer are zero padding (after a marker or the end). */
  private int padBits;
  /** The reader has reached a marker (or the end of the data) and now supplies zeros. */
  private boolean markerHit;
  /** Offset of the 0xFF that starts the marker the reader reached, or the data length. */
  private int markerPos;

  private final int[] lastDc = new int[4];
  private int eobrun;
  private int restartInterval;
  /** MCUs left before the next restart marker is due. */
  private int restartsToGo;
  /** n of the RSTn marker expected next. */
  private int nextRestart;

  /** The current restart interval ran out of data; its remaining MCUs are skipped. */
  private boolean insufficient;

  /**
   * The iMCU row of the last MCU begun while the data had not run out (libjpeg's
   * last_good_iMCU_row, set before each MCU), for block smoothing.
   */
  int lastGoodImcuRow;

  // What went wrong in the scans decoded so far (for the result's warning).
  /** Offset at which entropy-coded data first ran out, or -1. */
  int dataEndedAt = -1;
  /** Codes that matched no table entry. */
  int badCodes;
  /** Offset of the first such code, or -1. */
  int firstBadCodeAt = -1;
  /** Restart markers that were missing or out of order. */
  int restartResyncs;
  /** Offset of the first of those, or -1. */
  int firstResyncAt = -1;

  /** Told of end-of-band runs and segment ends (recompression); null when decoding pixels. */
  JpegSegmentReader.ScanEvents events;

  /**
   * Told as each iMCU row of a sequential scan is complete, every row in order (also those past
   * the end of damaged data); null when the scan fills a store of the whole image.
   */
  RowSink rows;

  /** What takes each finished iMCU row of a sequential scan ({@link Renderer}). */
  interface RowSink {
    void rowDecoded(int imcuRow);
  }

  HuffmanScanDecoder(byte[] data) {
    this.data = data;
    this.length = data.length;
  }

  /**
   * Decodes one scan whose entropy-coded data starts at {@code start}.
   *
   * @param dc the derived DC table of each scan component (null where the scan needs none)
   * @param ac the derived AC table of each scan component (null where the scan needs none)
   * @return the offset at which marker parsing continues: the marker that ended the data, or the
   *     first byte after the bits the scan used
   */
  int decodeScan(int start, Frame frame, Scan scan, HuffmanTable[] dc, HuffmanTable[] ac) {
    pos = start;
    buf = 0;
    cnt = 0;
    padBits = 0;
    markerHit = false;
    markerPos = length;
    insufficient = false;
    eobrun = 0;
    lastDc[0] = lastDc[1] = lastDc[2] = lastDc[3] = 0;

    int mode;
    if (!frame.progressive) {
      mode = SEQUENTIAL;
    } else if (scan.ss == 0) {
      mode = scan.ah == 0 ? DC_FIRST : DC_REFINE;
    } else {
      mode = scan.ah == 0 ? AC_FIRST : AC_REFINE;
    }

    if (mode == AC_FIRST || mode == AC_REFINE) {
      for (FrameComponent c : scan.components) {
        if (c.acMask == null || c.acMask.length != c.coefficients.length >> 6) {
          c.acMask = FrameComponent.acMasks(c.coefficients);
        }
      }
    }
    restartInterval = scan.restartInterval;
    restartsToGo = restartInterval;
    nextRestart = 0;
    if (scan.components.length == 1) {
      decodeSingle(mode, scan, scan.components[0], dc[0], ac[0]);
    } else {
      decodeInterleaved(mode, frame, scan, dc, ac);
    }
    if (events != null) {
      segmentEnd();
    }
    return markerHit ? markerPos : pos;
  }

  /** Before each MCU: takes the restart marker that is due (§F.2.2.4), if any. */
  private void restartIfDue() {
    if (restartsToGo == 0) {
      restart(nextRestart);
      nextRestart = (nextRestart + 1) & 7;
      restartsToGo = restartInterval;
    }
    restartsToGo--;
  }

  /**
   * A non-interleaved scan: one block per MCU over the component's own block grid (§A.2.2). AC
   * scans take the blocks up to the row's end or the next restart marker in one call, the bit
   * buffer in locals throughout and an end-of-band run's blocks a run at a time.
   */
  private void decodeSingle(int mode, Scan scan, FrameComponent c, HuffmanTable dct,
      HuffmanTable act) {
    short[] coef = c.coefficients;
    byte[] lastK = c.blockLastK;
    long[] acMask = c.acMask;
    final int ri = restartInterval;
    final int ss = scan.ss;
    final int se = scan.se;
    final int al = scan.al;
    int bw = c.blocksPerLine;
    int bh = c.blocksPerColumn;
    for (int by = 0; by < bh; by++) {
      int imcuRow = by / c.v;
      int rowOff = c.blockOffset(0, by);
      for (int bx = 0; bx < bw; bx++) {
        if (!insufficient) {
          lastGoodImcuRow = imcuRow;
        }
        if (ri != 0) {
          restartIfDue();
        }
        if (insufficient) {
          continue;
        }
        int off = rowOff + (bx << 6);
        if (mode == AC_FIRST || mode == AC_REFINE) {
          // the blocks up to the row's end or the next restart marker in one call
          int span = bw - bx;
          if (ri != 0) {
            span = Math.min(span, restartsToGo + 1);
          }
          int done = mode == AC_REFINE
              ? refine(coef, off, span, act, ss, se, al, acMask, lastK)
              : firstAc(coef, off, span, act, ss, se, al, acMask, lastK);
          if (ri != 0) {
            restartsToGo -= done - 1;
          }
          bx += done - 1;
          checkData();
          continue;
        }
        int last;
        switch (mode) {
          case SEQUENTIAL:
            last = decodeSequential(coef, off, 0, dct, act);
            break;
          case DC_FIRST:
            decodeDcFirst(coef, off, 0, dct, al);
            last = 0;
            break;
          default:
            decodeDcRefine(coef, off, al);
            last = 0;
            break;
        }
        if (last > lastK[off >> 6]) {
          lastK[off >> 6] = (byte) last;
        }
        checkData();
      }
      if (rows != null && (by % c.v == c.v - 1 || by == bh - 1)) {
        rows.rowDecoded(imcuRow);
      }
    }
  }

  /**
   * An interleaved scan: Hi x Vi blocks of each component per MCU (§A.2.3), at most 10 (checked
   * by the parser), listed once with their offsets in an MCU row and per MCU. DC scans keep the
   * bit buffer in locals over the MCU.
   */
  private void decodeInterleaved(int mode, Frame frame, Scan scan, HuffmanTable[] dc,
      HuffmanTable[] ac) {
    FrameComponent[] comps = scan.components;
    int blocks = 0;
    for (FrameComponent c : comps) {
      blocks += c.h * c.v;
    }
    int[] slotComp = new int[blocks];
    int[] slotDelta = new int[blocks];
    short[][] slotCoef = new short[blocks][];
    byte[][] slotLastK = new byte[blocks][];
    long[][] slotAcMask = new long[blocks][];
    int[][] slotDcLookup = new int[blocks][];
    int[] slotStep = new int[blocks];
    FrameComponent[] slotOf = new FrameComponent[blocks];
    int[] rowBase = new int[blocks];
    int j = 0;
    for (int ci = 0; ci < comps.length; ci++) {
      FrameComponent c = comps[ci];
      for (int v = 0; v < c.v; v++) {
        for (int h = 0; h < c.h; h++) {
          slotComp[j] = ci;
          slotDelta[j] = c.blockOffset(h, v);
          slotStep[j] = c.h << 6;
          slotOf[j] = c;
          slotCoef[j] = c.coefficients;
          slotLastK[j] = c.blockLastK;
          slotAcMask[j] = c.acMask;
          slotDcLookup[j] = dc[ci] != null ? dc[ci].lookup : null;
          j++;
        }
      }
    }
    final int ri = restartInterval;
    final int al = scan.al;
    int mcusX = frame.mcusPerLine;
    int mcusY = frame.mcusPerColumn;
    for (int my = 0; my < mcusY; my++) {
      for (j = 0; j < blocks; j++) {
        FrameComponent c = slotOf[j];
        rowBase[j] = c.blockOffset(0, my * c.v) + slotDelta[j];
      }
      for (int mx = 0; mx < mcusX; mx++) {
        if (!insufficient) {
          lastGoodImcuRow = my;
        }
        if (ri != 0) {
          restartIfDue();
        }
        if (insufficient) {
          continue;
        }
        if (mode == DC_REFINE) {
          // one bit per block: the bit buffer kept in locals over the MCU
          long b = buf;
          int n = cnt;
          for (j = 0; j < blocks; j++) {
            int off = rowBase[j] + mx * slotStep[j];
            if (n < 1) {
              buf = b;
              cnt = n;
              fill();
              b = buf;
              n = cnt;
            }
            short[] coef = slotCoef[j];
            coef[off] = (short) (coef[off] | ((int) (b >>> 63) << al));
            b <<= 1;
            n--;
          }
          buf = b;
          cnt = n;
          checkData();
          continue;
        }
        if (mode == DC_FIRST) {
          // as decodeDcFirst, with the bit buffer kept in locals over the MCU
          long b = buf;
          int n = cnt;
          for (j = 0; j < blocks; j++) {
            int ci = slotComp[j];
            int off = rowBase[j] + mx * slotStep[j];
            if (n < 32) {
              buf = b;
              cnt = n;
              fill();
              b = buf;
              n = cnt;
            }
            int s;
            int e = slotDcLookup[j][(int) (b >>> (64 - HuffmanTable.LOOKAHEAD))];
            if (e != 0) {
              int len = e >> 8;
              b <<= len;
              n -= len;
              s = e & 0xFF;
            } else {
              buf = b;
              cnt = n;
              s = decodeSlow(dc[ci]);
              b = buf;
              n = cnt;
            }
            int v = (int) ((b >>> 1) >>> (63 - s));
            b <<= s;
            n -= s;
            int d = lastDc[ci] + extend(v, s);
            lastDc[ci] = d;
            short[] coef = slotCoef[j];
            coef[off] = (short) (d << al);
          }
          buf = b;
          cnt = n;
          checkData();
          continue;
        }
        for (j = 0; j < blocks; j++) {
          int ci = slotComp[j];
          int off = rowBase[j] + mx * slotStep[j];
          short[] coef = slotCoef[j];
          switch (mode) {
            case SEQUENTIAL: {
              int last = decodeSequential(coef, off, ci, dc[ci], ac[ci]);
              byte[] lastK = slotLastK[j];
              if (last > lastK[off >> 6]) {
                lastK[off >> 6] = (byte) last;
              }
              break;
            }
            default: {
              // T.81 gives AC scans one component and the parser refuses others; kept general
              if (mode == AC_REFINE) {
                refine(coef, off, 1, ac[ci], scan.ss, scan.se, al, slotAcMask[j], slotLastK[j]);
              } else {
                firstAc(coef, off, 1, ac[ci], scan.ss, scan.se, al, slotAcMask[j], slotLastK[j]);
              }
              break;
            }
          }
        }
        checkData();
      }
      if (rows != null) {
        rows.rowDecoded(my);
      }
    }
  }

  /**
   * Tells {@link #events} how the entropy-coded segment ends: the bits left unused (padding, if
   * fewer than 8) and the marker after them. The extra fill may read on past data left before
   * the marker (a damaged segment), which recompression refuses to model, so only it sees that.
   */
  private void segmentEnd() {
    fill(); // reaches the marker when only padding is left
    int left = cnt - padBits;
    events.segmentEnd(buf, left, markerHit && left >= 0 && left < 8 ? markerPos : -1);
  }

  /** After an MCU: if it used padding bits, the data ran out (libjpeg's insufficient_data). */
  private void checkData() {
    if (padBits > cnt) {
      insufficient = true;
      if (dataEndedAt < 0) {
        dataEndedAt = markerPos;
      }
    }
  }

  /** §G.1.2.1: a DC refinement bit (Figure G.2). */
  private void decodeDcRefine(short[] coef, int off, int al) {
    if (cnt < 1) {
      fill();
    }
    if (buf < 0) {
      coef[off] = (short) (coef[off] | (1 << al));
    }
    buf <<= 1;
    cnt--;
  }

  /**
   * §F.2.2.1 and §F.2.2.2: DC difference, then AC coefficients 1-63 (Figure F.13).
   *
   * @return the zig-zag index of the last coefficient written (0 if none), at most 63
   */
  private int decodeSequential(short[] coef, int off, int ci, HuffmanTable dc, HuffmanTable ac) {
    // The bit buffer lives in locals here; the fields are synchronised around fill() and the
    // rare long codes only.
    long b = buf;
    int n = cnt;
    if (n < 32) {
      cnt = n;
      buf = b;
      fill();
      b = buf;
      n = cnt;
    }
    int s;
    int e = dc.lookup[(int) (b >>> (64 - HuffmanTable.LOOKAHEAD))];
    if (e != 0) {
      int len = e >> 8;
      b <<= len;
      n -= len;
      s = e & 0xFF;
    } else {
      buf = b;
      cnt = n;
      s = decodeSlow(dc);
      b = buf;
      n = cnt;
    }
    int d = lastDc[ci];
    if (s != 0) {
      int v = (int) (b >>> (64 - s));
      b <<= s;
      n -= s;
      d += v < (1 << (s - 1)) ? v + (-1 << s) + 1 : v;
    }
    lastDc[ci] = d;
    coef[off] = (short) d;
    final int[] lookup = ac.lookup;
    final int[] natural = NATURAL;
    final int[] fast = ac.fastAc;
    int last = 0;
    for (int k = 1; k < 64; k++) {
      if (n < 32) {
        cnt = n;
        buf = b;
        fill();
        b = buf;
        n = cnt;
      }
      int peek = (int) (b >>> (64 - HuffmanTable.LOOKAHEAD));
      int f = fast[peek];
      if (f != 0) {
        // Code, run and magnitude bits in one lookup.
        int len = f & 0xFF;
        b <<= len;
        n -= len;
        k += (f >> 8) & 15;
        coef[off + natural[k]] = (short) (f >> 16);
        last = k;
        continue;
      }
      int rs;
      e = lookup[peek];
      if (e != 0) {
        int len = e >> 8;
        b <<= len;
        n -= len;
        rs = e & 0xFF;
      } else {
        buf = b;
        cnt = n;
        rs = decodeSlow(ac);
        b = buf;
        n = cnt;
      }
      int r = rs >> 4;
      s = rs & 15;
      if (s != 0) {
        k += r;
        int v = (int) (b >>> (64 - s));
        b <<= s;
        n -= s;
        coef[off + natural[k]] = (short) (v < (1 << (s - 1)) ? v + (-1 << s) + 1 : v);
        last = k;
      } else {
        if (r != 15) {
          break;
        }
        k += 15;
      }
    }
    buf = b;
    cnt = n;
    return last > 63 ? 63 : last;
  }

  /** §G.1.2.1: the first DC scan of a successive approximation, point-transformed by Al. */
  private void decodeDcFirst(short[] coef, int off, int ci, HuffmanTable dc, int al) {
    if (cnt < 32) {
      fill();
    }
    long b = buf;
    int n = cnt;
    int s;
    int e = dc.lookup[(int) (b >>> (64 - HuffmanTable.LOOKAHEAD))];
    if (e != 0) {
      int len = e >> 8;
      b <<= len;
      n -= len;
      s = e & 0xFF;
    } else {
      s = decodeSlow(dc);
      b = buf;
      n = cnt;
    }
    // s may be 0 (no difference bits): the value reads as 0 and extends to 0, no branch
    int v = (int) ((b >>> 1) >>> (63 - s));
    b <<= s;
    n -= s;
    int d = lastDc[ci] + extend(v, s);
    buf = b;
    cnt = n;
    lastDc[ci] = d;
    coef[off] = (short) (d << al);
  }

  /**
   * §G.1.2.2: first AC scan of a band, with end-of-band runs (Figure G.3), for {@code blocks}
   * consecutive blocks from {@code off} (no restart marker among them); the blocks inside a run
   * need nothing. Stops after the block in which the data ran out (as {@link #checkData}).
   *
   * @return the number of blocks decoded (up to and including that one)
   */
  private int firstAc(short[] coef, int off, int blocks, HuffmanTable ac, int ss, int se, int al,
      long[] acMask, byte[] lastK) {
    final int[] lookup = ac.lookup;
    final int[] natural = NATURAL;
    final int[] fast = ac.fastAc;
    long b = buf;
    int n = cnt;
    int done = 0;
    while (done < blocks) {
      if (eobrun > 0) {
        int run = Math.min(eobrun, blocks - done);
        eobrun -= run;
        done += run;
        off += run << 6;
        continue;
      }
      long mask = acMask[off >> 6];
      int last = 0;
      for (int k = ss; k <= se; k++) {
        if (n < 32) {
          cnt = n;
          buf = b;
          fill();
          b = buf;
          n = cnt;
        }
        int peek = (int) (b >>> (64 - HuffmanTable.LOOKAHEAD));
        int f = fast[peek];
        if (f != 0) {
          int len = f & 0xFF;
          b <<= len;
          n -= len;
          k += (f >> 8) & 15;
          short x = (short) ((f >> 16) << al);
          coef[off + natural[k]] = x;
          mask = FrameComponent.withAc(mask, k, x);
          last = k;
          continue;
        }
        int rs;
        int e = lookup[peek];
        if (e != 0) {
          int len = e >> 8;
          b <<= len;
          n -= len;
          rs = e & 0xFF;
        } else {
          buf = b;
          cnt = n;
          rs = decodeSlow(ac);
          b = buf;
          n = cnt;
        }
        int r = rs >> 4;
        int s = rs & 15;
        if (s != 0) {
          k += r;
          int v = (int) (b >>> (64 - s));
          b <<= s;
          n -= s;
          short x = (short) (extend(v, s) << al);
          coef[off + natural[k]] = x;
          mask = FrameComponent.withAc(mask, k, x);
          last = k;
        } else if (r == 15) {
          k += 15;
        } else {
          int run = 1 << r;
          if (r != 0) {
            run += (int) (b >>> (64 - r));
            b <<= r;
            n -= r;
          }
          eobrun = run - 1;
          if (events != null) {
            events.endOfBand(off, k, run);
          }
          break;
        }
      }
      acMask[off >> 6] = mask;
      if (last > 63) {
        last = 63;
      }
      if (last > lastK[off >> 6]) {
        lastK[off >> 6] = (byte) last;
      }
      off += 64;
      done++;
      if (padBits > n) {
        break;
      }
    }
    buf = b;
    cnt = n;
    return done;
  }

  /**
   * §G.1.2.3: AC refinement (Figure G.7) of {@code blocks} consecutive blocks from {@code off}
   * (no restart marker among them), in libjpeg's order: correction bits for the nonzero
   * coefficients passed over, newly nonzero coefficients of magnitude 1 << Al. The block's
   * nonzero AC positions ({@link FrameComponent#acMask}) find the zeros a run skips and the
   * coefficients that take correction bits without reading the zeros. Each coefficient that was
   * nonzero before the block takes exactly one correction bit, in zig-zag order, so the bits are
   * collected as they come and applied once, at the end of the block (no branch per symbol on
   * whether any were passed). Blocks inside an end-of-band run take correction bits only.
   *
   * <p>Stops after the block in which the data ran out (libjpeg's insufficient_data, as {@link
   * #checkData}); the blocks of a run count as one there, since zero bits change nothing.
   *
   * @return the number of blocks decoded (up to and including that one)
   */
  private int refine(short[] coef, int off, int blocks, HuffmanTable ac, int ss, int se, int al,
      long[] acMask, byte[] lastK) {
    final int p1 = 1 << al;
    final int[] lookup = ac.lookup;
    final int[] natural = NATURAL;
    final long band = (-1L >>> ss) & (-1L << (63 - se));
    long b = buf;
    int n = cnt;
    int done = 0;
    while (done < blocks) {
      if (eobrun > 0) {
        int run = Math.min(eobrun, blocks - done);
        for (int i = 0; i < run; i++, off += 64) {
          long history = acMask[off >> 6] & band;
          if (history != 0) {
            int count = Long.bitCount(history);
            if (n < count) {
              cnt = n;
              buf = b;
              fill();
              b = buf;
              n = cnt;
            }
            long taken;
            if (n >= count) {
              taken = (b >>> 1) >>> (63 - count);
              b <<= count;
              n -= count;
            } else {
              buf = b;
              cnt = n;
              taken = takeSlowly(0, count);
              b = buf;
              n = cnt;
            }
            correct(coef, off, history, taken, p1);
          }
        }
        eobrun -= run;
        done += run;
        if (padBits > n) {
          break;
        }
        continue;
      }
      long mask = acMask[off >> 6];
      // the positions that take a correction bit, and the bits taken so far (the last lowest)
      long history = mask & band;
      long taken = 0;
      int k = ss;
      int last = 0;
      for (; k <= se; k++) {
        if (n < 32) {
          cnt = n;
          buf = b;
          fill();
          b = buf;
          n = cnt;
        }
        int rs;
        int e = lookup[(int) (b >>> (64 - HuffmanTable.LOOKAHEAD))];
        if (e != 0) {
          int len = e >> 8;
          b <<= len;
          n -= len;
          rs = e & 0xFF;
        } else {
          buf = b;
          cnt = n;
          rs = decodeSlow(ac);
          b = buf;
          n = cnt;
        }
        int r = rs >> 4;
        int s = rs & 15;
        if (s != 0) {
          // The size of a newly nonzero coefficient is always 1; any other is corrupt and, as in
          // libjpeg, is read as 1.
          int plus = (int) (b >> 63); // -1 for a 1 bit: +p1, else -p1 (random: no branch)
          s = (p1 ^ ~plus) - ~plus;
          b <<= 1;
          n--;
        } else if (r != 15) {
          int run = 1 << r;
          if (r != 0) {
            run += (int) (b >>> (64 - r));
            b <<= r;
            n -= r;
          }
          eobrun = run;
          if (events != null) {
            events.endOfBand(off, k, run);
          }
          break;
        }
        // Skip r zero coefficients (stop at the next one), taking correction bits for the
        // nonzero ones passed: the zeros from k on, the first r of them dropped.
        long zeros = ~mask & band & (-1L >>> k);
        int stop;
        if (r < 4) {
          // up to three top zeros dropped without a branch on r (with none left, z stays 0
          // whatever highestOneBit(0) gives: TeaVM's gives the top bit)
          long z = zeros & ~(Long.highestOneBit(zeros) & -(long) Math.min(r, 1));
          z &= ~(Long.highestOneBit(z) & -(long) (r >> 1));
          z &= ~(Long.highestOneBit(z) & -(long) ((r + 1) >> 2));
          stop = Long.numberOfLeadingZeros(z);
        } else {
          stop = select(zeros, r);
        }
        long passed = history & (-1L >>> k);
        if (stop > se) {
          stop = se + 1;
        } else {
          passed &= ~(-1L >>> stop);
        }
        int count = Long.bitCount(passed);
        if (n < count) {
          cnt = n;
          buf = b;
          fill();
          b = buf;
          n = cnt;
        }
        if (n >= count) {
          taken = (taken << count) | ((b >>> 1) >>> (63 - count));
          b <<= count;
          n -= count;
        } else {
          buf = b;
          cnt = n;
          taken = takeSlowly(taken, count);
          b = buf;
          n = cnt;
        }
        k = stop;
        if (s != 0) {
          if (k > se) {
            // a corrupt run past the band writes zig-zag 63 (as libjpeg): after its correction
            correct(coef, off, history, taken, p1);
            history = 0;
          }
          coef[off + natural[k]] = (short) s;
          mask |= Long.MIN_VALUE >>> Math.min(k, 63);
          last = k;
        }
      }
      if (eobrun > 0) {
        // this block ends the band early: correction bits for the nonzero coefficients left
        int count = k > 63 ? 0 : Long.bitCount(history & (-1L >>> k));
        if (n < count) {
          cnt = n;
          buf = b;
          fill();
          b = buf;
          n = cnt;
        }
        if (n >= count) {
          taken = (taken << count) | ((b >>> 1) >>> (63 - count));
          b <<= count;
          n -= count;
        } else {
          buf = b;
          cnt = n;
          taken = takeSlowly(taken, count);
          b = buf;
          n = cnt;
        }
        eobrun--;
      }
      if (history != 0) {
        correct(coef, off, history, taken, p1);
      }
      acMask[off >> 6] = mask;
      if (last > 63) {
        last = 63;
      }
      if (last > lastK[off >> 6]) {
        lastK[off >> 6] = (byte) last;
      }
      off += 64;
      done++;
      if (padBits > n) {
        break;
      }
    }
    buf = b;
    cnt = n;
    return done;
  }

  /** Appends {@code count} bits to {@code taken} a bit at a time (more than a filled buffer). */
  private long takeSlowly(long taken, int count) {
    for (int i = 0; i < count; i++) {
      if (cnt < 1) {
        fill();
      }
      taken = (taken << 1) | (buf >>> 63);
      buf <<= 1;
      cnt--;
    }
    return taken;
  }

  /** For {@link #select}: [byte << 3 | r], the bit (from the top, 0-7) of the byte's r-th one. */
  private static final byte[] SELECT_IN_BYTE = selectInByte();

  private static byte[] selectInByte() {
    byte[] t = new byte[256 << 3];
    for (int x = 0; x < 256; x++) {
      int r = 0;
      for (int i = 0; i < 8; i++) {
        if ((x & (0x80 >> i)) != 0) {
          t[(x << 3) | r++] = (byte) i;
        }
      }
    }
    return t;
  }

  /**
   * The position (from the top bit, 0-63) of the r-th one bit of x counting from 0 at the top, or
   * 64 if x has no more than r ones: without a loop over the bits (a run's zeros skipped in one
   * step), by per-byte prefix counts (broadword select). Logical shifts only, and no
   * Long.reverseBytes or bitCount of a word with its top bit set: TeaVM's classlib versions of
   * those shift arithmetically.
   */
  static int select(long x, int r) {
    // byte j (from the bottom) to hold positions 8j to 8j + 7
    long y = ((x >>> 8) & 0x00FF00FF00FF00FFL) | ((x & 0x00FF00FF00FF00FFL) << 8);
    y = ((y >>> 16) & 0x0000FFFF0000FFFFL) | ((y & 0x0000FFFF0000FFFFL) << 16);
    y = (y >>> 32) | (y << 32);
    long c = y - ((y >>> 1) & 0x5555555555555555L);
    c = (c & 0x3333333333333333L) + ((c >>> 2) & 0x3333333333333333L);
    c = (c + (c >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
    long upTo = c * 0x0101010101010101L; // byte j: the ones in bytes 0 to j (at most 64)
    long atMostR = ((r * 0x0101010101010101L) | 0x8080808080808080L) - upTo;
    // bytes whose ones all rank below r: their flags summed in the top byte
    int j = (int) ((((atMostR >>> 7) & 0x0101010101010101L) * 0x0101010101010101L) >>> 56);
    if (j == 8) {
      return 64;
    }
    int shift = j << 3;
    int before = (int) ((upTo << 8) >>> shift) & 0xFF;
    int inByte = (int) (y >>> shift) & 0xFF;
    return shift + SELECT_IN_BYTE[(inByte << 3) | (r - before)];
  }


  /**
   * Applies correction bits to the block's {@code positions} (1 to 63 of them): the bit of the
   * last position is the lowest of {@code bits}, the one before it the next, and so on. A 1 bit
   * grows the magnitude by {@code p1} = 1 << Al when the coefficient's bit Al is not yet set
   * (libjpeg's rule); without branches, as the bits are as good as random.
   */
  private static void correct(short[] coef, int off, long positions, long bits, int p1) {
    for (long m = positions; m != 0; m &= m - 1, bits >>>= 1) {
      int i = off + NATURAL_FROM_END[Long.numberOfTrailingZeros(m)];
      int cv = coef[i];
      int take = (int) bits & (((cv & p1) - 1) >>> 31);
      int sign = cv >> 31;
      coef[i] = (short) (cv + (((p1 ^ sign) - sign) & -take));
    }
  }

  /**
   * The derived tables a scan uses (DC and AC per scan component, null where it needs none),
   * checked as libjpeg does when the scan starts.
   *
   * @param at offset for the error when a table is not defined
   */
  static void tables(JpegParser p, Frame f, Scan scan, HuffmanTable[] dc, HuffmanTable[] ac,
      int at) {
    boolean needDc = !f.progressive || (scan.ss == 0 && scan.ah == 0);
    boolean needAc = !f.progressive || scan.ss != 0;
    for (int i = 0; i < scan.components.length; i++) {
      if (needDc) {
        dc[i] = table(p.dcTables, scan.dcTable[i], true, at);
      }
      if (needAc) {
        ac[i] = table(p.acTables, scan.acTable[i], false, at);
      }
    }
  }

  private static HuffmanTable table(HuffmanTable[] tables, int index, boolean dc, int at) {
    String name = (dc ? "DC" : "AC") + " Huffman table " + index;
    HuffmanTable t = index < tables.length ? tables[index] : null;
    if (t == null) {
      throw new MalformedInputException("the scan uses " + name + ", which is not defined", at);
    }
    t.derive(dc, name);
    return t;
  }

  /** Codes longer than the lookahead (Figure F.16 with MAXCODE and VALPTR). */
  private int decodeSlow(HuffmanTable t) {
    int[] maxCode = t.maxCode;
    for (int l = HuffmanTable.LOOKAHEAD + 1; l <= 16; l++) {
      int code = (int) (buf >>> (64 - l));
      if (code <= maxCode[l]) {
        buf <<= l;
        cnt -= l;
        return t.values[(code + t.valOffset[l]) & 0xFF];
      }
    }
    // No code matches: libjpeg warns, consumes 17 bits and pretends the symbol was 0.
    badCodes++;
    if (firstBadCodeAt < 0) {
      firstBadCodeAt = Math.max(0, pos - (cnt >> 3));
    }
    buf <<= 17;
    cnt -= 17;
    return 0;
  }

  /**
   * §F.2.2.1 EXTEND: the s-bit value v as a signed difference (0 for s = 0), without a branch
   * (the sign is as good as random).
   */
  private static int extend(int v, int s) {
    return v + (((v - (1 << (s - 1))) >> 31) & (1 - (1 << s)));
  }

  /** Fills the buffer to more than 56 bits, with zeros once a marker or the end is reached. */
  private void fill() {
    final byte[] d = data;
    final int len = length;
    int p = pos;
    long b = buf;
    int n = cnt;
    if (!markerHit && p <= len - 8) {
      // at most 8 bytes are read: no end-of-data or marker checks until a 0xFF
      while (n <= 56) {
        int x = d[p] & 0xFF;
        if (x == 0xFF) {
          break;
        }
        p++;
        b |= ((long) x) << (56 - n);
        n += 8;
      }
    }
    while (n <= 56) {
      if (!markerHit && p < len) {
        int x = d[p] & 0xFF;
        if (x != 0xFF) {
          p++;
          b |= ((long) x) << (56 - n);
          n += 8;
          continue;
        }
        // 0xFF 0x00 is a stuffed 0xFF; 0xFF fill bytes may precede either (libjpeg accepts
        // FF FF 00 as one data byte); anything else is a marker, which ends the data.
        int q = p + 1;
        while (q < len && d[q] == (byte) 0xFF) {
          q++;
        }
        if (q < len && d[q] == 0) {
          p = q + 1;
          b |= 0xFFL << (56 - n);
          n += 8;
          continue;
        }
        markerHit = true;
        markerPos = p;
      } else if (!markerHit) {
        markerHit = true;
        markerPos = len;
      }
      // Past the data: zero bits.
      padBits += 8;
      n += 8;
    }
    pos = p;
    buf = b;
    cnt = n;
  }

  /**
   * Processes the restart marker expected before the next MCU (§F.2.2.4): discards the bits
   * left, finds the marker and, when it is not RSTn for the expected n, resynchronises as libjpeg's
   * {@code jpeg_resync_to_restart} does.
   */
  private void restart(int expected) {
    if (events != null) {
      segmentEnd();
    }
    int from = markerHit ? markerPos : pos;
    buf = 0;
    cnt = 0;
    padBits = 0;
    markerHit = false;
    int at = findMarker(from);
    boolean warned = false;
    for (;;) {
      int m = at < length ? data[markerCodePos(at)] & 0xFF : -1;
      int action;
      if (m == 0xD0 + expected) {
        action = 1;
      } else {
        boolean outOfOrder = m >= 0 && (m < 0xC0 || (m >= 0xD0 && m <= 0xD7));
        if (!warned && outOfOrder) {
          warned = true;
          restartResyncs++;
          if (firstResyncAt < 0) {
            firstResyncAt = at;
          }
        }
        if (m < 0) {
          action = 3; // the end: libjpeg's source supplies a fake EOI
        } else if (m < 0xC0) {
          action = 2;
        } else if (m < 0xD0 || m > 0xD7) {
          action = 3;
        } else if (m == 0xD0 + ((expected + 1) & 7) || m == 0xD0 + ((expected + 2) & 7)) {
          action = 3;
        } else if (m == 0xD0 + ((expected - 1) & 7) || m == 0xD0 + ((expected - 2) & 7)) {
          action = 2;
        } else {
          action = 1;
        }
      }
      if (action == 1) {
        // Swallow the marker and decode the next interval.
        pos = markerCodePos(at) + 1;
        break;
      } else if (action == 2) {
        at = findMarker(markerCodePos(at) + 1);
      } else {
        // Leave the marker for the parser; the interval decodes as empty.
        markerHit = true;
        markerPos = at;
        break;
      }
    }
    lastDc[0] = lastDc[1] = lastDc[2] = lastDc[3] = 0;
    eobrun = 0;
    if (!markerHit) {
      insufficient = false;
    }
  }

  /**
   * Offset of the next marker at or after {@code from} (its first 0xFF, fill bytes included),
   * skipping data bytes and 0xFF00 pairs as libjpeg's next_marker does; data length if none.
   */
  private int findMarker(int from) {
    int p = from;
    final byte[] d = data;
    while (p < length) {
      if (d[p] != (byte) 0xFF) {
        p++;
        continue;
      }
      int q = p + 1;
      while (q < length && d[q] == (byte) 0xFF) {
        q++;
      }
      if (q >= length) {
        return length;
      }
      if (d[q] != 0) {
        return p;
      }
      p = q + 1;
    }
    return length;
  }

  /** Offset of the marker code byte of the marker whose fill bytes start at {@code at}. */
  private int markerCodePos(int at) {
    int q = at;
    while (data[q] == (byte) 0xFF) {
      q++;
    }
    return q;
  }
}
