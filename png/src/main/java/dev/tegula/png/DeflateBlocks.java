package dev.tegula.png;

/**
 * Writes deflate blocks (RFC 1951 §3.2.3-§3.2.7) from a parsed symbol sequence: literals are
 * their byte value, matches {@code length << 16 | distance}. Each block is written in whichever
 * of the three block types is smallest: stored, fixed Huffman codes or dynamic codes, whose
 * header run-length codes the code lengths with symbols 16, 17 and 18.
 */
final class DeflateBlocks {
  static final int LITLEN_SYMBOLS = 288;
  static final int DIST_SYMBOLS = 30;
  private static final int END_OF_BLOCK = 256;
  /** §3.2.7: the order in which code length code lengths are sent. */
  private static final int[] CODELEN_ORDER =
      {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

  /** §3.2.5: symbol, extra bits and base of each match length 3-258. */
  static final int[] LENGTH_SYMBOL = new int[259];
  static final int[] LENGTH_EXTRA = new int[259];
  static final int[] LENGTH_BASE_OF = new int[259];
  /** Distance code slot of distance d: table below 257, (d-1)>>7 above it. */
  private static final byte[] DIST_SLOT_SMALL = new byte[257];
  private static final byte[] DIST_SLOT_LARGE = new byte[257];
  static final int[] DIST_BASE = new int[30];
  static final int[] DIST_EXTRA = new int[30];
  private static final int[] FIXED_LITLEN = new int[LITLEN_SYMBOLS];
  private static final int[] FIXED_DIST = new int[DIST_SYMBOLS];

  static {
    int[] lengthBase = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    int[] lengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    for (int code = 0; code < 29; code++) {
      int end = code == 28 ? 258 : lengthBase[code] + (1 << lengthExtra[code]) - 1;
      // 258 has its own code 285 (§3.2.5), not the last of 284's range.
      if (code == 27) {
        end = 257;
      }
      for (int len = lengthBase[code]; len <= end; len++) {
        LENGTH_SYMBOL[len] = 257 + code;
        LENGTH_EXTRA[len] = lengthExtra[code];
        LENGTH_BASE_OF[len] = lengthBase[code];
      }
    }
    int dist = 1;
    for (int code = 0; code < 30; code++) {
      DIST_BASE[code] = dist;
      DIST_EXTRA[code] = code < 4 ? 0 : (code >> 1) - 1;
      dist += 1 << DIST_EXTRA[code];
    }
    for (int d = 1; d <= 256; d++) {
      DIST_SLOT_SMALL[d] = (byte) slotSlow(d);
    }
    for (int i = 0; i <= 256; i++) {
      // (d-1)>>7 = i for d in 128i+1..128i+128; d > 256 means i >= 2.
      DIST_SLOT_LARGE[i] = (byte) (i < 2 ? 0 : slotSlow(i * 128 + 1));
    }
    for (int s = 0; s < LITLEN_SYMBOLS; s++) {
      FIXED_LITLEN[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    }
    java.util.Arrays.fill(FIXED_DIST, 5);
  }

  private static int slotSlow(int d) {
    int code = 0;
    while (code < 29 && DIST_BASE[code + 1] <= d) {
      code++;
    }
    return code;
  }

  static int distSlot(int d) {
    return d <= 256 ? DIST_SLOT_SMALL[d] : DIST_SLOT_LARGE[(d - 1) >> 7];
  }

  private DeflateBlocks() {}

  /** Symbol counts of {@code syms[from..to)}, end-of-block included. */
  static void count(int[] syms, int from, int to, int[] litFreq, int[] distFreq) {
    for (int i = from; i < to; i++) {
      int s = syms[i];
      if (s < 256) {
        litFreq[s]++;
      } else {
        litFreq[LENGTH_SYMBOL[s >>> 16]]++;
        distFreq[distSlot(s & 0xFFFF)]++;
      }
    }
    litFreq[END_OF_BLOCK]++;
  }

  /** Bits of the extra length and distance bits, which no code choice changes. */
  static long extraBits(int[] litFreq, int[] distFreq) {
    long bits = 0;
    for (int s = 265; s < 285; s++) {
      bits += (long) litFreq[s] * ((s - 261) / 4);
    }
    for (int d = 4; d < DIST_SYMBOLS; d++) {
      bits += (long) distFreq[d] * DIST_EXTRA[d];
    }
    return bits;
  }

  /** The cost in bits of a dynamic block with the best codes for these counts, header included. */
  static long dynamicBits(int[] litFreq, int[] distFreq, HuffmanLengths huff) {
    int[] litLen = new int[LITLEN_SYMBOLS];
    int[] distLen = new int[DIST_SYMBOLS];
    huff.build(litFreq, 286, 15, litLen);
    huff.build(distFreq, DIST_SYMBOLS, 15, distLen);
    return 3 + header(litLen, distLen, null, huff) + codedBits(litFreq, litLen, distFreq, distLen)
        + extraBits(litFreq, distFreq);
  }

  private static long codedBits(int[] litFreq, int[] litLen, int[] distFreq, int[] distLen) {
    long bits = 0;
    for (int s = 0; s < 286; s++) {
      bits += (long) litFreq[s] * litLen[s];
    }
    for (int d = 0; d < DIST_SYMBOLS; d++) {
      bits += (long) distFreq[d] * distLen[d];
    }
    return bits;
  }

  /**
   * Writes {@code syms[from..to)}, which code {@code data[start..end)}, as one block of the
   * cheapest type.
   */
  static void writeBlock(BitWriter out, int[] syms, int from, int to, byte[] data, int start,
      int end, boolean last, HuffmanLengths huff) {
    int[] litFreq = new int[LITLEN_SYMBOLS];
    int[] distFreq = new int[DIST_SYMBOLS];
    count(syms, from, to, litFreq, distFreq);
    int[] litLen = new int[LITLEN_SYMBOLS];
    int[] distLen = new int[DIST_SYMBOLS];
    huff.build(litFreq, 286, 15, litLen);
    huff.build(distFreq, DIST_SYMBOLS, 15, distLen);
    long extra = extraBits(litFreq, distFreq);
    long dynamic = header(litLen, distLen, null, huff) + codedBits(litFreq, litLen, distFreq, distLen)
        + extra;
    long fixed = codedBits(litFreq, FIXED_LITLEN, distFreq, FIXED_DIST) + extra;
    int length = end - start;
    // Stored: align, then 4 bytes of LEN/NLEN per block of at most 65535 bytes.
    long stored = 8 + ((long) length + 4L * Math.max(1, (length + 65534) / 65535)) * 8;
    if (stored <= fixed && stored <= dynamic) {
      writeStored(out, data, start, length, last);
      return;
    }
    out.write(last ? 1 : 0, 1);
    if (fixed <= dynamic) {
      out.write(1, 2);
      writeSymbols(out, syms, from, to, FIXED_LITLEN, FIXED_DIST);
    } else {
      out.write(2, 2);
      header(litLen, distLen, out, huff);
      writeSymbols(out, syms, from, to, litLen, distLen);
    }
  }

  /** §3.2.4: stored blocks of up to 65535 bytes. */
  static void writeStored(BitWriter out, byte[] data, int start, int length, boolean last) {
    int p = start;
    int left = length;
    do {
      int n = Math.min(65535, left);
      left -= n;
      out.write(last && left == 0 ? 1 : 0, 1);
      out.write(0, 2);
      out.alignToByte();
      out.write(n, 16);
      out.write(~n & 0xFFFF, 16);
      out.writeBytes(data, p, n);
      p += n;
    } while (left > 0);
  }

  private static void writeSymbols(BitWriter out, int[] syms, int from, int to, int[] litLen,
      int[] distLen) {
    int[] litCode = new int[LITLEN_SYMBOLS];
    int[] distCode = new int[DIST_SYMBOLS];
    HuffmanLengths.codes(litLen, LITLEN_SYMBOLS, litCode);
    HuffmanLengths.codes(distLen, DIST_SYMBOLS, distCode);
    for (int i = from; i < to; i++) {
      int s = syms[i];
      if (s < 256) {
        out.write(litCode[s], litLen[s]);
      } else {
        int len = s >>> 16;
        int dist = s & 0xFFFF;
        int ls = LENGTH_SYMBOL[len];
        out.write(litCode[ls], litLen[ls]);
        if (LENGTH_EXTRA[len] > 0) {
          out.write(len - LENGTH_BASE_OF[len], LENGTH_EXTRA[len]);
        }
        int ds = distSlot(dist);
        out.write(distCode[ds], distLen[ds]);
        if (DIST_EXTRA[ds] > 0) {
          out.write(dist - DIST_BASE[ds], DIST_EXTRA[ds]);
        }
      }
    }
    out.write(litCode[END_OF_BLOCK], litLen[END_OF_BLOCK]);
  }

  /**
   * §3.2.7: the dynamic block header after BTYPE. Writes it when {@code out} is not null;
   * returns its size in bits either way.
   */
  static long header(int[] litLen, int[] distLen, BitWriter out, HuffmanLengths huff) {
    int hlit = 286;
    while (hlit > 257 && litLen[hlit - 1] == 0) {
      hlit--;
    }
    int hdist = DIST_SYMBOLS;
    while (hdist > 1 && distLen[hdist - 1] == 0) {
      hdist--;
    }
    int[] all = new int[hlit + hdist];
    System.arraycopy(litLen, 0, all, 0, hlit);
    System.arraycopy(distLen, 0, all, hlit, hdist);
    // Run-length code: each entry is symbol | extra value << 8.
    int[] rle = new int[all.length];
    int n = 0;
    int[] clFreq = new int[19];
    for (int i = 0; i < all.length; ) {
      int v = all[i];
      int run = 1;
      while (i + run < all.length && all[i + run] == v) {
        run++;
      }
      int done = 0;
      if (v == 0) {
        while (run - done >= 11) {
          int r = Math.min(138, run - done);
          rle[n++] = 18 | (r - 11) << 8;
          done += r;
        }
        if (run - done >= 3) {
          rle[n++] = 17 | (run - done - 3) << 8;
          done = run;
        }
      } else {
        rle[n++] = v;
        done = 1;
        while (run - done >= 3) {
          int r = Math.min(6, run - done);
          rle[n++] = 16 | (r - 3) << 8;
          done += r;
        }
      }
      while (done < run) {
        rle[n++] = v;
        done++;
      }
      i += run;
    }
    for (int i = 0; i < n; i++) {
      clFreq[rle[i] & 0xFF]++;
    }
    int[] clLen = new int[19];
    huff.build(clFreq, 19, 7, clLen);
    int hclen = 19;
    while (hclen > 4 && clLen[CODELEN_ORDER[hclen - 1]] == 0) {
      hclen--;
    }
    long bits = 5 + 5 + 4 + 3L * hclen;
    for (int i = 0; i < n; i++) {
      int sym = rle[i] & 0xFF;
      bits += clLen[sym] + (sym == 16 ? 2 : sym == 17 ? 3 : sym == 18 ? 7 : 0);
    }
    if (out != null) {
      out.write(hlit - 257, 5);
      out.write(hdist - 1, 5);
      out.write(hclen - 4, 4);
      for (int i = 0; i < hclen; i++) {
        out.write(clLen[CODELEN_ORDER[i]], 3);
      }
      int[] clCode = new int[19];
      HuffmanLengths.codes(clLen, 19, clCode);
      for (int i = 0; i < n; i++) {
        int sym = rle[i] & 0xFF;
        out.write(clCode[sym], clLen[sym]);
        if (sym >= 16) {
          out.write(rle[i] >>> 8, sym == 16 ? 2 : sym == 17 ? 3 : 7);
        }
      }
    }
    return bits;
  }
}
