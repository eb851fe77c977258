package dev.tegula.recompress;

/**
 * Writes entropy-coded segments (T.81 §F.1.2.3): bits most significant first, a 0x00 stuffed
 * after every 0xFF data byte (§B.1.1.5), segments padded to a byte with one bits unless told
 * otherwise, RSTn markers between them.
 *
 * <p>As libjpeg-turbo's jchuff.c, the bits gather in a 64-bit word. A full word is only stored
 * in an array of words, so that {@link #put} stays small enough for the JIT to inline at every
 * code it writes; the words become bytes in bulk ({@link #drain}), eight stores for a word with
 * no 0xFF byte (a test on the whole word), byte by byte with stuffing for the others.
 */
final class EntropyWriter {
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final int WORDS = 512;

  private final ByteSinkOut out;
  /**
   * The pending bits in the low {@code 64 - free} bits; higher bits are left-overs, ignored.
   * A hot loop may hold both in locals, doing what {@link #put} does with {@link #word}.
   */
  long buffer;
  int free = 64;
  /** Full words not yet turned into bytes. */
  private final long[] words = new long[WORDS];
  private int full;

  EntropyWriter(ByteSinkOut out) {
    this.out = out;
  }

  /** {@code length} (0-63) bits, given as a number below 2^length. */
  void put(long bits, int length) {
    free -= length;
    if (free >= 0) {
      buffer = (buffer << length) | bits;
      return;
    }
    // the word is full: its pending bits, then the top of these; the rest starts the next word
    if (full == WORDS) {
      drain();
    }
    words[full++] = (buffer << (length + free)) | (bits >>> -free);
    free += 64;
    buffer = bits;
  }

  /** A full word of bits, the first at the top. */
  void word(long w) {
    if (full == WORDS) {
      drain();
    }
    words[full++] = w;
  }

  /**
   * The code of a symbol ({@link HuffmanCode#packed}) followed by the {@code bits} (0-16) low
   * bits of {@code value}.
   */
  void code(int packed, int value, int bits) {
    if (packed == 0) {
      throw missing();
    }
    int length = (packed & 31) + bits;
    put((((long) (packed >>> 5)) << bits) | (value & ((1L << bits) - 1)), length);
  }

  /**
   * The code of a symbol followed by {@code bits} (0-63) bits, given as {@code value} below
   * 2^bits: one put when they fit in 63 bits together.
   */
  void code(int packed, long value, int bits) {
    if (packed == 0) {
      throw missing();
    }
    int length = (packed & 31) + bits;
    if (length <= 63) {
      put(((long) (packed >>> 5) << bits) | value, length);
    } else {
      put(packed >>> 5, packed & 31);
      put(value, bits);
    }
  }

  /** The code of a symbol alone ({@link HuffmanCode#packed}). */
  void code(int packed) {
    if (packed == 0) {
      throw missing();
    }
    put(packed >>> 5, packed & 31);
  }

  static NotModellable missing() {
    return new NotModellable("the Huffman table has no code for a symbol of this scan");
  }

  /** The full words as bytes, stuffed. */
  private void drain() {
    byte[] b = out.array();
    int p = out.size();
    long[] ws = words;
    for (int i = 0; i < full; i++) {
      long w = ws[i];
      if (b.length - p < 16) {
        // near the end of the array, byte by byte: a rebuilt file that comes out at its
        // expected length is neither grown nor copied
        out.setSize(p);
        for (int shift = 56; shift >= 0; shift -= 8) {
          int x = (int) (w >>> shift) & 0xFF;
          out.write(x);
          if (x == 0xFF) {
            out.write(0);
          }
        }
        b = out.array();
        p = out.size();
        continue;
      }
      if ((w & HIGH_BITS & ~(w + LOW_BITS)) == 0) {
        // no byte is 0xFF (a 0xFF byte plus one, with or without a carry, clears its top bit)
        b[p] = (byte) (w >>> 56);
        b[p + 1] = (byte) (w >>> 48);
        b[p + 2] = (byte) (w >>> 40);
        b[p + 3] = (byte) (w >>> 32);
        b[p + 4] = (byte) (w >>> 24);
        b[p + 5] = (byte) (w >>> 16);
        b[p + 6] = (byte) (w >>> 8);
        b[p + 7] = (byte) w;
        p += 8;
        continue;
      }
      for (int shift = 56; shift >= 0; shift -= 8) {
        int x = (int) (w >>> shift) & 0xFF;
        b[p++] = (byte) x;
        if (x == 0xFF) {
          b[p++] = 0;
        }
      }
    }
    out.setSize(p);
    full = 0;
  }

  /** Pads the last byte: with ones, or with {@code pad}'s low bits when it is not -1. */
  void finishSegment(int pad) {
    int pending = 64 - free;
    int bits = (8 - (pending & 7)) & 7;
    put((pad < 0 ? -1 : pad) & ((1 << bits) - 1), bits);
    drain();
    pending += bits; // a multiple of 8, at most 64: put did not flush
    for (int shift = pending - 8; shift >= 0; shift -= 8) {
      int x = (int) (buffer >>> shift) & 0xFF;
      out.write(x);
      if (x == 0xFF) {
        out.write(0);
      }
    }
    buffer = 0;
    free = 64;
  }

  void restart(int n) {
    out.write(0xFF);
    out.write(0xD0 + (n & 7));
  }
}
