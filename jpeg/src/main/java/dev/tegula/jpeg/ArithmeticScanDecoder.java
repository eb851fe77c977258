package dev.tegula.jpeg;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.UnsupportedFeatureException;

/**
 * Decoder for one arithmetic-coded scan: T.81 Annex F.2.4 (sequential) and Annex G.1.3
 * (progressive), with the probability estimation and decoding procedures of Annex D.2.
 *
 * <p>Follows libjpeg-turbo's jdarith.c decision for decision, including its recovery rules, so the
 * coefficient stores end up exactly as libjpeg-turbo's: corrupt entropy data is decoded as garbage
 * rather than rejected; a spectral or magnitude overflow stops decoding until the next restart
 * interval; once a marker (or the end of the data) is reached the coder is fed zero bytes. Every
 * input byte is read at most once and every block costs a bounded number of decisions, so the
 * time is linear in blocks plus bytes.
 */
final class ArithmeticScanDecoder {

  /**
   * T.81 Table D.2 packed as in libjpeg's jaricom.c: Qe in bits 16-31, Next_Index_MPS in bits
   * 8-15, Switch_MPS in bit 7 and Next_Index_LPS in bits 0-6. Entry 113 is the fixed 0.5
   * estimate of T.851 used for sign and refinement bits, whose state never changes.
   */
  private static final int[] QE_TABLE = {
    0x5a1d0181, 0x2586020e, 0x11140310, 0x080b0412, 0x03d80514, 0x01da0617, 0x00e50719,
    0x006f081c, 0x0036091e, 0x001a0a21, 0x000d0b23, 0x00060c09, 0x00030d0a, 0x00010d0c,
    0x5a7f0f8f, 0x3f251024, 0x2cf21126, 0x207c1227, 0x17b91328, 0x1182142a, 0x0cef152b,
    0x09a1162d, 0x072f172e, 0x055c1830, 0x04061931, 0x03031a33, 0x02401b34, 0x01b11c36,
    0x01441d38, 0x00f51e39, 0x00b71f3b, 0x008a203c, 0x0068213e, 0x004e223f, 0x003b2320,
    0x002c0921, 0x5ae125a5, 0x484c2640, 0x3a0d2741, 0x2ef12843, 0x261f2944, 0x1f332a45,
    0x19a82b46, 0x15182c48, 0x11772d49, 0x0e742e4a, 0x0bfb2f4b, 0x09f8304d, 0x0861314e,
    0x0706324f, 0x05cd3330, 0x04de3432, 0x040f3532, 0x03633633, 0x02d43734, 0x025c3835,
    0x01f83936, 0x01a43a37, 0x01603b38, 0x01253c39, 0x00f63d3a, 0x00cb3e3b, 0x00ab3f3d,
    0x008f203d, 0x5b1241c1, 0x4d044250, 0x412c4351, 0x37d84452, 0x2fe84553, 0x293c4654,
    0x23794756, 0x1edf4857, 0x1aa94957, 0x174e4a48, 0x14244b48, 0x119c4c4a, 0x0f6b4d4a,
    0x0d514e4b, 0x0bb64f4d, 0x0a40304d, 0x583251d0, 0x4d1c5258, 0x438e5359, 0x3bdd545a,
    0x34ee555b, 0x2eae565c, 0x299a575d, 0x25164756, 0x557059d8, 0x4ca95a5f, 0x44d95b60,
    0x3e225c61, 0x38245d63, 0x32b45e63, 0x2e17565d, 0x56a860df, 0x4f466165, 0x47e56266,
    0x41cf6367, 0x3c3d6468, 0x375e5d63, 0x52316669, 0x4c0f676a, 0x4639686b, 0x415e6367,
    0x56276ae9, 0x50e76b6c, 0x4b85676d, 0x55976d6e, 0x504f6b6f, 0x5a106fee, 0x55226d70,
    0x59eb6ff0, 0x5a1d7171
  };

  /** Natural (row-major) position of the k-th coefficient in zig-zag order (T.81 Figure A.6). */
  private static final int[] NATURAL_ORDER = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
    20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
    59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Statistics bins per conditioning table; §F.1.4.4 needs 49 (DC) and 245 (AC). */
  private static final int DC_BINS = 64;
  private static final int AC_BINS = 256;
  /** State of the fixed-probability bin (Qe 0x5a1d, never adapts) for signs and refinements. */
  private static final int FIXED_STATE = 113;
  /** T.81 §B.1.1.3 limit on blocks in an interleaved MCU. */
  private static final int MAX_BLOCKS_IN_MCU = 10;

  private static final int SEQUENTIAL = 0;
  private static final int DC_FIRST = 1;
  private static final int AC_FIRST = 2;
  private static final int DC_REFINE = 3;
  private static final int AC_REFINE = 4;

  private final byte[] data;
  private int pos;
  /** Marker code the coder ran into (0 while in entropy-coded data); see {@link #markerPos}. */
  private int unreadMarker;
  /** Offset of the 0xFF before {@link #unreadMarker}'s code byte, or data.length at the end. */
  private int markerPos;

  /** Code register C: interval base plus the unconsumed input bits (§D.2, jdarith layout). */
  private int c;
  /** Interval size A, normalised to at least 0x8000 before each decision. */
  private int a;
  /** Bits left in the input part of C; -16 forces reading two initial bytes; -1 flags an error. */
  private int ct;

  /** One byte per bin: MPS in bit 7, state index into QE_TABLE in bits 0-6; 4 tables each. */
  private final byte[] dcStats = new byte[4 * DC_BINS];
  private final byte[] acStats = new byte[4 * AC_BINS];
  private final byte[] fixedBin = {(byte) FIXED_STATE};

  private final Scan scan;
  private final int mode;
  private final int[] lastDc = new int[4];
  private final int[] dcContext = new int[4];
  private int restartsToGo;
  private int nextRestartNum;

  /** Per scan component: table base offsets and conditioning values. */
  private final int[] dcBase = new int[4];
  private final int[] acBase = new int[4];
  private final int[] dcSmallLimit = new int[4];
  private final int[] dcLargeLimit = new int[4];
  private final int[] acKx = new int[4];

  /** The blocks of the current MCU: owning scan component, store and offset. */
  private final int[] mcuComponent = new int[MAX_BLOCKS_IN_MCU];
  private final short[][] mcuStore = new short[MAX_BLOCKS_IN_MCU][];
  private final int[] mcuOffset = new int[MAX_BLOCKS_IN_MCU];
  private int blocksInMcu;

  private ArithmeticScanDecoder(byte[] data, int pos, Scan scan, int mode) {
    this.data = data;
    this.pos = pos;
    this.scan = scan;
    this.mode = mode;
    this.restartsToGo = scan.restartInterval;
    this.ct = -16;
  }

  /**
   * Decodes one arithmetic-coded scan (T.81 Annex F.2.4 / G.1.3) starting at pos (first byte after
   * the SOS segment) into the components' coefficient stores; returns the offset of the first
   * marker after the entropy-coded data that is not RSTn (or data.length if the data ends). The
   * returned offset is that of the marker's 0xFF byte, so {@code data[result + 1]} is its code.
   *
   * <p>Coefficients are stored as libjpeg-turbo holds them: natural order, not dequantized,
   * progressive values already shifted left by Al. A sequential scan clears each block it codes.
   */
  static int decodeScan(
      byte[] data, int pos, Frame frame, Scan scan, ArithmeticConditioning cond) {
    if (data == null || frame == null || scan == null || cond == null) {
      throw new IllegalArgumentException("null argument");
    }
    if (pos < 0 || pos > data.length) {
      throw new IllegalArgumentException("scan start " + pos + " outside the data");
    }
    if (!frame.arithmetic) {
      throw new IllegalArgumentException("frame is not arithmetic-coded");
    }
    int process = frame.marker & 0x0F;
    if (process == 11 || process == 15) {
      throw new UnsupportedFeatureException("lossless arithmetic JPEG (SOF" + process + ")", pos);
    }
    int mode = selectMode(frame.progressive, scan, pos);
    ArithmeticScanDecoder d = new ArithmeticScanDecoder(data, pos, scan, mode);
    d.prepareTables(cond, pos);
    if (scan.interleaved()) {
      d.decodeInterleaved(frame, pos);
    } else {
      d.decodeNonInterleaved();
    }
    return d.endOfScan();
  }

  /** Checks the scan parameters as libjpeg's start_pass does (§G.1.1.1.1, §B.2.3). */
  private static int selectMode(boolean progressive, Scan scan, int pos) {
    int n = scan.components.length;
    if (n < 1 || n > 4 || scan.dcTable.length < n || scan.acTable.length < n) {
      throw new MalformedInputException("scan has " + n + " components", pos);
    }
    for (FrameComponent comp : scan.components) {
      long needed = (long) comp.blocksPerLineAlloc * comp.blockRowsAlloc * 64;
      if (comp.coefficients == null || comp.coefficients.length < needed) {
        throw new IllegalArgumentException("coefficient store of component " + comp.id);
      }
    }
    if (!progressive) {
      // libjpeg only warns about odd Ss/Se/Ah/Al in a sequential scan and decodes all 64.
      return SEQUENTIAL;
    }
    int ss = scan.ss;
    int se = scan.se;
    int ah = scan.ah;
    int al = scan.al;
    boolean bad;
    if (ss == 0) {
      bad = se != 0;
    } else {
      bad = ss < 0 || se < ss || se > 63 || n != 1;
    }
    bad |= ah != 0 && ah - 1 != al;
    bad |= al < 0 || al > 13;
    if (bad) {
      throw new MalformedInputException(
          "invalid progressive scan Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al, pos);
    }
    if (ah == 0) {
      return ss == 0 ? DC_FIRST : AC_FIRST;
    }
    return ss == 0 ? DC_REFINE : AC_REFINE;
  }

  /** Resolves the tables the scan uses (§B.2.4.3 DAC values), as start_pass does. */
  private void prepareTables(ArithmeticConditioning cond, int offset) {
    boolean usesDc = mode == SEQUENTIAL || mode == DC_FIRST;
    boolean usesAc = mode == SEQUENTIAL || mode == AC_FIRST || mode == AC_REFINE;
    for (int ci = 0; ci < scan.components.length; ci++) {
      if (usesDc) {
        int tbl = tableIndex(scan.dcTable[ci], "DC", offset);
        int lower = cond.dcLower[tbl];
        int upper = cond.dcUpper[tbl];
        if (lower < 0 || upper > 15 || lower > upper) {
          throw new MalformedInputException(
              "DC conditioning L=" + lower + " U=" + upper + " of table " + tbl, offset);
        }
        dcBase[ci] = tbl * DC_BINS;
        // §F.1.4.4.1.2 bounds, compared (as in jdarith.c) with the power of two m below |DIFF|.
        dcSmallLimit[ci] = (1 << lower) >> 1;
        dcLargeLimit[ci] = (1 << upper) >> 1;
      }
      if (usesAc) {
        int tbl = tableIndex(scan.acTable[ci], "AC", offset);
        int kx = cond.acKx[tbl];
        // T.81 wants 1-63, but any byte value is harmless and libjpeg accepts it.
        if (kx < 0 || kx > 255) {
          throw new MalformedInputException(
              "AC conditioning Kx=" + kx + " of table " + tbl, offset);
        }
        acBase[ci] = tbl * AC_BINS;
        acKx[ci] = kx;
      }
    }
  }

  private static int tableIndex(int tbl, String kind, int offset) {
    if (tbl < 0 || tbl > 3) {
      throw new MalformedInputException(
          kind + " arithmetic table " + tbl + " does not exist", offset);
    }
    return tbl;
  }

  /** §A.2.3: MCUs of Hi x Vi blocks per component, including the padding blocks at the edges. */
  private void decodeInterleaved(Frame frame, int offset) {
    FrameComponent[] comps = scan.components;
    int blocks = 0;
    for (FrameComponent comp : comps) {
      blocks += comp.h * comp.v;
    }
    if (blocks > MAX_BLOCKS_IN_MCU) {
      throw new MalformedInputException("interleaved MCU of " + blocks + " blocks", offset);
    }
    blocksInMcu = blocks;
    for (int my = 0; my < frame.mcusPerColumn; my++) {
      for (int mx = 0; mx < frame.mcusPerLine; mx++) {
        int blkn = 0;
        for (int ci = 0; ci < comps.length; ci++) {
          FrameComponent comp = comps[ci];
          for (int y = 0; y < comp.v; y++) {
            for (int x = 0; x < comp.h; x++) {
              mcuComponent[blkn] = ci;
              mcuStore[blkn] = comp.coefficients;
              mcuOffset[blkn] = comp.blockOffset(mx * comp.h + x, my * comp.v + y);
              blkn++;
            }
          }
        }
        decodeMcu();
      }
    }
  }

  /** §A.2.2: one block per MCU, only the blocks that hold image samples. */
  private void decodeNonInterleaved() {
    FrameComponent comp = scan.components[0];
    blocksInMcu = 1;
    mcuComponent[0] = 0;
    mcuStore[0] = comp.coefficients;
    for (int by = 0; by < comp.blocksPerColumn; by++) {
      for (int bx = 0; bx < comp.blocksPerLine; bx++) {
        mcuOffset[0] = comp.blockOffset(bx, by);
        decodeMcu();
      }
    }
  }

  private void decodeMcu() {
    if (scan.restartInterval != 0) {
      if (restartsToGo == 0) {
        processRestart();
      }
      restartsToGo--;
    }
    switch (mode) {
      case SEQUENTIAL:
        decodeSequentialMcu();
        break;
      case DC_FIRST:
        decodeDcFirstMcu();
        break;
      case AC_FIRST:
        decodeAcFirstMcu();
        break;
      case DC_REFINE:
        decodeDcRefineMcu();
        break;
      default:
        decodeAcRefineMcu();
        break;
    }
  }

  /** §F.2.4: DC difference then AC coefficients 1-63 of each block, into a cleared block. */
  private void decodeSequentialMcu() {
    // libjpeg decodes into a zeroed MCU buffer, so blocks after an error stay zero.
    for (int blkn = 0; blkn < blocksInMcu; blkn++) {
      short[] store = mcuStore[blkn];
      int off = mcuOffset[blkn];
      for (int i = off; i < off + 64; i++) {
        store[i] = 0;
      }
    }
    if (ct == -1) {
      return;
    }
    for (int blkn = 0; blkn < blocksInMcu; blkn++) {
      int ci = mcuComponent[blkn];
      if (!decodeDcDiff(ci)) {
        return;
      }
      mcuStore[blkn][mcuOffset[blkn]] = (short) lastDc[ci];
      if (!decodeAcBand(mcuStore[blkn], mcuOffset[blkn], ci, 1, 63, 0)) {
        return;
      }
    }
  }

  /** §G.1.3.1: first DC scan, the DC value scaled by 2^Al. */
  private void decodeDcFirstMcu() {
    if (ct == -1) {
      return;
    }
    for (int blkn = 0; blkn < blocksInMcu; blkn++) {
      int ci = mcuComponent[blkn];
      if (!decodeDcDiff(ci)) {
        return;
      }
      mcuStore[blkn][mcuOffset[blkn]] = (short) (lastDc[ci] << scan.al);
    }
  }

  /** §G.1.3.2: first AC scan of band Ss..Se, one block per MCU. */
  private void decodeAcFirstMcu() {
    if (ct == -1) {
      return;
    }
    decodeAcBand(mcuStore[0], mcuOffset[0], 0, scan.ss, scan.se, scan.al);
  }

  /** §G.1.3.1: DC refinement, one raw bit per block at fixed probability. */
  private void decodeDcRefineMcu() {
    // As in jdarith.c there is no error state to honour here: this mode never enters it.
    int p1 = 1 << scan.al;
    for (int blkn = 0; blkn < blocksInMcu; blkn++) {
      if (decode(fixedBin, 0) != 0) {
        short[] store = mcuStore[blkn];
        int off = mcuOffset[blkn];
        store[off] = (short) (store[off] | p1);
      }
    }
  }

  /** §G.1.3.3 (Figure G.10 ff.): AC refinement of band Ss..Se, one block per MCU. */
  private void decodeAcRefineMcu() {
    if (ct == -1) {
      return;
    }
    short[] store = mcuStore[0];
    int off = mcuOffset[0];
    int base = acBase[0];
    int se = scan.se;
    int p1 = 1 << scan.al;
    int m1 = -1 << scan.al;
    // EOBx: the end of block of the previous stage, below which no EOB decision is coded.
    int kex = se;
    while (kex > 0 && store[off + NATURAL_ORDER[kex]] == 0) {
      kex--;
    }
    for (int k = scan.ss; k <= se; k++) {
      int st = base + 3 * (k - 1);
      if (k > kex && decode(acStats, st) != 0) {
        break;
      }
      while (true) {
        int at = off + NATURAL_ORDER[k];
        int coef = store[at];
        if (coef != 0) {
          if (decode(acStats, st + 2) != 0) {
            store[at] = (short) (coef < 0 ? coef + m1 : coef + p1);
          }
          break;
        }
        if (decode(acStats, st + 1) != 0) {
          store[at] = (short) (decode(fixedBin, 0) != 0 ? m1 : p1);
          break;
        }
        st += 3;
        k++;
        if (k > se) {
          ct = -1; // spectral overflow: skip the rest of the restart interval
          return;
        }
      }
    }
  }

  /**
   * §F.1.4.1 / Figure F.19: decodes one DC difference into lastDc[ci] and updates the
   * §F.1.4.4.1.2 conditioning context. Returns false (and enters the error state) on a magnitude
   * overflow.
   */
  private boolean decodeDcDiff(int ci) {
    int base = dcBase[ci];
    int st = base + dcContext[ci];
    if (decode(dcStats, st) == 0) {
      dcContext[ci] = 0;
      return true;
    }
    int sign = decode(dcStats, st + 1);
    st += 2 + sign;
    int m = decode(dcStats, st);
    if (m != 0) {
      st = base + 20; // Table F.4: X1
      while (decode(dcStats, st) != 0) {
        m <<= 1;
        if (m == 0x8000) {
          ct = -1; // magnitude overflow
          return false;
        }
        st++;
      }
    }
    if (m < dcSmallLimit[ci]) {
      dcContext[ci] = 0;
    } else if (m > dcLargeLimit[ci]) {
      dcContext[ci] = 12 + sign * 4;
    } else {
      dcContext[ci] = 4 + sign * 4;
    }
    int v = m;
    st += 14; // Figure F.24: magnitude bits use the bins M2..M15 after X2..X15
    while ((m >>= 1) != 0) {
      if (decode(dcStats, st) != 0) {
        v |= m;
      }
    }
    v += 1;
    if (sign != 0) {
      v = -v;
    }
    // Wraps like a 16-bit coefficient, as libjpeg-turbo does, so garbage cannot overflow.
    lastDc[ci] = (lastDc[ci] + v) & 0xFFFF;
    return true;
  }

  /**
   * §F.1.4.2 / Figure F.20 with the Kx conditioning of §F.1.4.4.2: decodes coefficients ss..se of
   * a block, scaled by 2^al, into natural order. Returns false (error state) on an overflow.
   */
  private boolean decodeAcBand(short[] store, int off, int ci, int ss, int se, int al) {
    int base = acBase[ci];
    int kx = acKx[ci];
    for (int k = ss; k <= se; k++) {
      int st = base + 3 * (k - 1);
      if (decode(acStats, st) != 0) {
        break; // EOB
      }
      while (decode(acStats, st + 1) == 0) {
        st += 3;
        k++;
        if (k > se) {
          ct = -1; // spectral overflow
          return false;
        }
      }
      int sign = decode(fixedBin, 0);
      st += 2;
      int m = decode(acStats, st);
      if (m != 0 && decode(acStats, st) != 0) {
        m <<= 1;
        st = base + (k <= kx ? 189 : 217);
        while (decode(acStats, st) != 0) {
          m <<= 1;
          if (m == 0x8000) {
            ct = -1; // magnitude overflow
            return false;
          }
          st++;
        }
      }
      int v = m;
      st += 14;
      while ((m >>= 1) != 0) {
        if (decode(acStats, st) != 0) {
          v |= m;
        }
      }
      v += 1;
      if (sign != 0) {
        v = -v;
      }
      store[off + NATURAL_ORDER[k]] = (short) (v << al);
    }
    return true;
  }

  /**
   * §D.2.4-D.2.6: decodes one binary decision with the adaptive bin stats[st], renormalising and
   * reading input (§D.2.6, Figure D.20) as needed. C stays below A << CT < 2^24: int is exact.
   */
  private int decode(byte[] stats, int st) {
    while (a < 0x8000) {
      if (--ct < 0) {
        c = (c << 8) | nextDataByte();
        ct += 8;
        // Still reading the two initial bytes: A becomes 0x10000 once both are in.
        if (ct < 0 && ++ct == 0) {
          a = 0x8000;
        }
      }
      a <<= 1;
    }
    int sv = stats[st] & 0xFF;
    int qe = QE_TABLE[sv & 0x7F];
    int nl = qe & 0xFF;
    int nm = (qe >>> 8) & 0xFF;
    qe >>>= 16;
    int temp = a - qe;
    a = temp;
    temp <<= ct;
    if (c >= temp) {
      c -= temp;
      // Conditional exchange (§D.2.5): the LPS sub-interval may be the larger one.
      if (a < qe) {
        a = qe;
        stats[st] = (byte) ((sv & 0x80) ^ nm);
      } else {
        a = qe;
        stats[st] = (byte) ((sv & 0x80) ^ nl);
        sv ^= 0x80;
      }
    } else if (a < 0x8000) {
      if (a < qe) {
        stats[st] = (byte) ((sv & 0x80) ^ nl);
        sv ^= 0x80;
      } else {
        stats[st] = (byte) ((sv & 0x80) ^ nm);
      }
    }
    return sv >> 7;
  }

  /**
   * §D.2.6 / §F.1.4.5: the next entropy-coded byte with 0xFF00 unstuffed. A marker ends the data:
   * from then on (and past the end of the input) zeros are supplied, the convention for
   * arithmetic decoding, which may legally look ahead into the marker.
   */
  private int nextDataByte() {
    if (unreadMarker != 0) {
      return 0;
    }
    if (pos >= data.length) {
      markEnd();
      return 0;
    }
    int b = data[pos++] & 0xFF;
    if (b != 0xFF) {
      return b;
    }
    while (pos < data.length && data[pos] == (byte) 0xFF) {
      pos++; // fill bytes
    }
    if (pos >= data.length) {
      markEnd();
      return 0;
    }
    b = data[pos++] & 0xFF;
    if (b == 0) {
      return 0xFF;
    }
    unreadMarker = b;
    markerPos = pos - 2;
    return 0;
  }

  /** The input ended; behaves like the fake EOI libjpeg's source managers insert. */
  private void markEnd() {
    unreadMarker = 0xD9;
    markerPos = data.length;
    pos = data.length;
  }

  /**
   * Skips to the next marker as libjpeg's next_marker does: non-0xFF bytes and stuffed 0xFF00
   * pairs are passed over, fill bytes swallowed.
   */
  private void findNextMarker() {
    while (true) {
      while (pos < data.length && data[pos] != (byte) 0xFF) {
        pos++;
      }
      while (pos < data.length && data[pos] == (byte) 0xFF) {
        pos++;
      }
      if (pos >= data.length) {
        markEnd();
        return;
      }
      int code = data[pos++] & 0xFF;
      if (code != 0) {
        unreadMarker = code;
        markerPos = pos - 2;
        return;
      }
    }
  }

  /**
   * §F.1.4.5 / §E.2.4: at the end of a restart interval expect RSTn, then reset the statistics of
   * the tables in use, the DC predictions and contexts and the coder (libjpeg's process_restart).
   */
  private void processRestart() {
    if (unreadMarker == 0) {
      findNextMarker();
    }
    if (unreadMarker == 0xD0 + nextRestartNum) {
      unreadMarker = 0;
    } else {
      resyncToRestart(nextRestartNum);
    }
    nextRestartNum = (nextRestartNum + 1) & 7;

    boolean resetDc = mode == SEQUENTIAL || mode == DC_FIRST;
    boolean resetAc = mode == SEQUENTIAL || mode == AC_FIRST || mode == AC_REFINE;
    for (int ci = 0; ci < scan.components.length; ci++) {
      if (resetDc) {
        clear(dcStats, dcBase[ci], DC_BINS);
        lastDc[ci] = 0;
        dcContext[ci] = 0;
      }
      if (resetAc) {
        clear(acStats, acBase[ci], AC_BINS);
      }
    }
    c = 0;
    a = 0;
    ct = -16;
    restartsToGo = scan.restartInterval;
  }

  /**
   * libjpeg's jpeg_resync_to_restart for a wrong or missing RSTn: a marker that is not RSTn, or
   * one of the next two restarts, is left unread (the interval then decodes from zeros); an
   * earlier restart or a non-marker code is skipped; anything else is taken as the wanted one.
   */
  private void resyncToRestart(int desired) {
    while (true) {
      int marker = unreadMarker;
      if (marker < 0xC0) {
        findNextMarker();
      } else if (marker < 0xD0 || marker > 0xD7) {
        return;
      } else if (marker == 0xD0 + ((desired + 1) & 7) || marker == 0xD0 + ((desired + 2) & 7)) {
        return;
      } else if (marker == 0xD0 + ((desired - 1) & 7) || marker == 0xD0 + ((desired - 2) & 7)) {
        findNextMarker();
      } else {
        unreadMarker = 0;
        return;
      }
    }
  }

  /** The first marker after the scan that is not RSTn; trailing RSTn are ignored, as in libjpeg. */
  private int endOfScan() {
    while (true) {
      if (unreadMarker == 0) {
        findNextMarker();
      }
      if (markerPos >= data.length) {
        return data.length;
      }
      if (unreadMarker < 0xD0 || unreadMarker > 0xD7) {
        return markerPos;
      }
      unreadMarker = 0;
    }
  }

  private static void clear(byte[] a, int from, int count) {
    for (int i = from; i < from + count; i++) {
      a[i] = 0;
    }
  }
}
