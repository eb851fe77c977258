package dev.tegula.jpeg;

import dev.tegula.core.MalformedInputException;

/**
 * A Huffman table as a DHT segment defines it (T.81 §B.2.4.2) and the decoding tables derived from
 * it (§C, §F.2.2.3): a 10-bit lookahead table for the short codes and MAXCODE/VALPTR for the
 * rest.
 *
 * <p>The decoding tables are derived when a scan first uses the table, as libjpeg-turbo does
 * (jdhuff.c {@code jpeg_make_d_derived_tbl}), so that a damaged table nobody uses is harmless; the
 * same checks apply: at most 256 codes, no over-subscribed code lengths, no all-ones code, and DC
 * symbols 0-15.
 *
 * <p>Public for JPEG recompression, which reads the same tables ({@link JpegSegmentReader}) and
 * builds its encoding tables from them.
 */
public final class HuffmanTable {
  /**
   * Bits of the lookahead tables: 10 rather than libjpeg's 8 or stb_image's 9 lets the fast AC
   * table take more of the larger values of high-quality files (4 KB per table).
   */
  static final int LOOKAHEAD = 10;

  /** BITS: codes of each length 1-16, index 1-16. */
  final int[] counts;
  /** HUFFVAL: the symbols in code order. */
  final int[] symbols;
  /** Offset of the DHT segment that defined the table, for error messages. */
  final int offset;

  /** (length << 8) | symbol for each 10-bit prefix whose code is at most 10 bits long, else 0. */
  int[] lookup;
  /** Largest code of each length, -1 if none; index 17 is a sentinel. */
  int[] maxCode;
  /** Symbol index minus first code for each length. */
  int[] valOffset;
  /** Symbols padded to 256 entries. */
  int[] values;
  /**
   * For AC tables (null for DC): for each 10-bit prefix holding a whole code with s != 0 and its
   * s magnitude bits, (value << 16) | (run << 8) | (code length + s); else 0 (stb_image's fast
   * AC table).
   */
  int[] fastAc;
  private boolean derived;
  private boolean checkedDc;

  HuffmanTable(int[] counts, int[] symbols, int offset) {
    this.counts = counts;
    this.symbols = symbols;
    this.offset = offset;
  }

  /**
   * Derives the decoding tables once; throws when the table cannot be decoded with.
   *
   * @param dc whether the table is used for DC differences (symbols must be 0-15)
   */
  void derive(boolean dc, String name) {
    if (!derived) {
      build(name, !dc);
      derived = true;
    }
    if (dc && !checkedDc) {
      for (int s : symbols) {
        if (s > 15) {
          throw new MalformedInputException(
              name + " has symbol " + s + ", more than 15 bits of DC difference", offset);
        }
      }
      checkedDc = true;
    }
  }

  /** BITS, index 1-16 (a copy). */
  public int[] counts() {
    return counts.clone();
  }

  /** HUFFVAL (a copy). */
  public int[] symbols() {
    return symbols.clone();
  }

  private void build(String name, boolean forAc) {
    int n = symbols.length;
    int[] sizes = new int[n];
    int p = 0;
    for (int l = 1; l <= 16; l++) {
      for (int i = 0; i < counts[l]; i++) {
        sizes[p++] = l;
      }
    }
    int[] codes = new int[n];
    // Figure C.2, with libjpeg's check that every length's codes fit (no all-ones code).
    int code = 0;
    int si = n > 0 ? sizes[0] : 1;
    p = 0;
    while (p < n) {
      while (p < n && sizes[p] == si) {
        codes[p++] = code;
        code++;
      }
      if (code >= (1 << si)) {
        throw new MalformedInputException(name + " has over-subscribed code lengths", offset);
      }
      code <<= 1;
      si++;
    }
    maxCode = new int[18];
    valOffset = new int[18];
    p = 0;
    for (int l = 1; l <= 16; l++) {
      if (counts[l] != 0) {
        valOffset[l] = p - codes[p];
        p += counts[l];
        maxCode[l] = codes[p - 1];
      } else {
        maxCode[l] = -1;
      }
    }
    maxCode[17] = Integer.MAX_VALUE;
    values = new int[256];
    System.arraycopy(symbols, 0, values, 0, n);
    lookup = new int[1 << LOOKAHEAD];
    fastAc = forAc ? new int[1 << LOOKAHEAD] : null;
    for (int i = 0; i < n; i++) {
      int len = sizes[i];
      if (len <= LOOKAHEAD) {
        int shift = LOOKAHEAD - len;
        int base = codes[i] << shift;
        int e = (len << 8) | symbols[i];
        int run = symbols[i] >> 4;
        int s = symbols[i] & 15;
        for (int j = 0; j < (1 << shift); j++) {
          lookup[base + j] = e;
          if (forAc && s != 0 && len + s <= LOOKAHEAD) {
            int v = (j >> (shift - s)) & ((1 << s) - 1);
            int value = v < (1 << (s - 1)) ? v + (-1 << s) + 1 : v;
            fastAc[base + j] = (value << 16) | (run << 8) | (len + s);
          }
        }
      }
    }
  }
}
