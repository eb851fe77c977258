package dev.tegula.recompress;

import dev.tegula.jpeg.HuffmanTable;

/**
 * Reads the bits of entropy-coded segments (T.81 §F.2.2.5): 0xFF00 is a data byte 0xFF
 * (§B.1.1.5), any other 0xFF xx ends the segment. Strict: data that ends early or holds bytes a
 * re-encoding would not produce throws {@link NotModellable}.
 */
final class EntropyReader {
  private final byte[] d;
  private final int end;
  private int pos;
  /** Left-aligned bit buffer holding {@link #bits} bits. */
  private long buf;
  private int bits;
  /** {@link #pos} sits on a marker. */
  private boolean atMarker;

  EntropyReader(byte[] d, int start, int end) {
    this.d = d;
    this.pos = start;
    this.end = end;
  }

  private void fill() {
    while (bits <= 56 && !atMarker && pos < end) {
      int b = d[pos] & 0xFF;
      if (b == 0xFF) {
        if (pos + 1 >= end || d[pos + 1] != 0) {
          atMarker = true;
          return;
        }
        pos += 2;
      } else {
        pos++;
      }
      buf |= (long) b << (56 - bits);
      bits += 8;
    }
  }

  /** {@code n} (1-16) bits, most significant first. */
  int bits(int n) {
    if (bits < n) {
      fill();
      if (bits < n) {
        throw new NotModellable("the scan data ends early at " + pos);
      }
    }
    int v = (int) (buf >>> (64 - n));
    buf <<= n;
    bits -= n;
    return v;
  }

  int bit() {
    return bits(1);
  }

  /** §F.2.2.1 RECEIVE and EXTEND: an {@code s}-bit magnitude category's value. */
  int receive(int s) {
    int v = bits(s);
    return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
  }

  /** §F.2.2.3 DECODE, with the decoder's tables. */
  int decode(HuffmanTable t) {
    if (bits < 16) {
      fill();
    }
    int e = t.decode(buf);
    if (e == 0) {
      throw new NotModellable("no Huffman code matches near byte " + pos);
    }
    int len = e >>> 8;
    if (len > bits) {
      throw new NotModellable("the scan data ends early at " + pos);
    }
    buf <<= len;
    bits -= len;
    return e & 0xFF;
  }

  /**
   * Ends an entropy-coded segment: the bits left in the last byte are padding (§F.1.2.3), and
   * the next bytes must be a marker (or the end of the data).
   *
   * @return -1 when the padding bits are all ones (what libjpeg writes), else their value
   */
  int finishSegment() {
    fill();
    if (bits >= 8) {
      throw new NotModellable("bytes after the last block of a segment, before " + pos);
    }
    int pad = bits == 0 ? 0 : (int) (buf >>> (64 - bits));
    boolean ones = pad == (1 << bits) - 1;
    buf = 0;
    bits = 0;
    return ones ? -1 : pad;
  }

  /** §B.2.1, §E.1.4: the RSTn marker that must follow segment {@code n} of a scan. */
  void restart(int n) {
    int want = 0xD0 + (n & 7);
    if (!atMarker || pos + 1 >= end || (d[pos + 1] & 0xFF) != want) {
      throw new NotModellable("RST" + (n & 7) + " expected at " + pos);
    }
    pos += 2;
    atMarker = false;
  }

  /** Where the entropy-coded data stopped: a marker or the end of the data. */
  int position() {
    return pos;
  }

  boolean atMarker() {
    return atMarker;
  }
}
