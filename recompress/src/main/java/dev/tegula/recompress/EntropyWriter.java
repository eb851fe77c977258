package dev.tegula.recompress;

/**
 * Writes entropy-coded segments (T.81 §F.1.2.3): bits most significant first, a 0x00 stuffed
 * after every 0xFF data byte (§B.1.1.5), segments padded to a byte with one bits unless told
 * otherwise, RSTn markers between them.
 *
 * <p>As libjpeg-turbo's jchuff.c, the bits gather in a 64-bit word. A full word goes straight
 * into the output's array ({@link #word}): eight stores for a word with no 0xFF byte (one test
 * on the whole word), byte by byte with stuffing for the others, through {@link ByteSinkOut}
 * only within 16 bytes of the array's end (a rebuilt file that comes out at its expected length
 * is neither grown nor copied). {@link #put} stays small enough for the JIT to inline at every
 * code it writes.
 */
final class EntropyWriter {
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_BITS = 0x0101010101010101L;

  private final ByteSinkOut out;
  /**
   * The pending bits in the low {@code 64 - free} bits; higher bits are left-overs, ignored.
   * A hot loop may hold both in locals, doing what {@link #put} does with {@link #word}.
   */
  long buffer;
  int free = 64;
  /** The output's array and size, kept here; {@link #out} is told the size before it writes. */
  private byte[] bytes;
  private int at;
  /** The last position with room for a stuffed word (16 bytes) in {@link #bytes}. */
  private int limit;

  EntropyWriter(ByteSinkOut out) {
    this.out = out;
    load();
  }

  private void load() {
    bytes = out.array();
    at = out.size();
    limit = bytes.length - 16;
  }

  /** {@code length} (0-63) bits, given as a number below 2^length. */
  void put(long bits, int length) {
    free -= length;
    if (free >= 0) {
      buffer = (buffer << length) | bits;
      return;
    }
    // the word is full: its pending bits, then the top of these; the rest starts the next word
    word((buffer << (length + free)) | (bits >>> -free));
    free += 64;
    buffer = bits;
  }

  /** A full word of bits, the first at the top. */
  void word(long w) {
    int p = at;
    if (p > limit || (w & HIGH_BITS & ~(w + LOW_BITS)) != 0) {
      // a 0xFF byte (a 0xFF byte plus one, with or without a carry, clears its top bit), or
      // near the array's end
      stuffed(w);
      return;
    }
    byte[] b = bytes;
    b[p] = (byte) (w >>> 56);
    b[p + 1] = (byte) (w >>> 48);
    b[p + 2] = (byte) (w >>> 40);
    b[p + 3] = (byte) (w >>> 32);
    b[p + 4] = (byte) (w >>> 24);
    b[p + 5] = (byte) (w >>> 16);
    b[p + 6] = (byte) (w >>> 8);
    b[p + 7] = (byte) w;
    at = p + 8;
  }

  private void stuffed(long w) {
    if (at > limit) {
      out.setSize(at);
      for (int shift = 56; shift >= 0; shift -= 8) {
        int x = (int) (w >>> shift) & 0xFF;
        out.write(x);
        if (x == 0xFF) {
          out.write(0);
        }
      }
      load();
      return;
    }
    byte[] b = bytes;
    int p = at;
    for (int shift = 56; shift >= 0; shift -= 8) {
      int x = (int) (w >>> shift) & 0xFF;
      b[p++] = (byte) x;
      if (x == 0xFF) {
        b[p++] = 0;
      }
    }
    at = p;
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

  /** Pads the last byte: with ones, or with {@code pad}'s low bits when it is not -1. */
  void finishSegment(int pad) {
    int pending = 64 - free;
    int bits = (8 - (pending & 7)) & 7;
    put((pad < 0 ? -1 : pad) & ((1 << bits) - 1), bits);
    out.setSize(at);
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
    load();
  }

  void restart(int n) {
    out.setSize(at);
    out.write(0xFF);
    out.write(0xD0 + (n & 7));
    load();
  }
}
