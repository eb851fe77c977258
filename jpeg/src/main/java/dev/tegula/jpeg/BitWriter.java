package dev.tegula.jpeg;

/**
 * Entropy-coded segment output (T.81 §F.1.2.3, §B.1.1.5): bits packed most significant first, a
 * 0x00 stuffed after every 0xFF byte, the last byte padded with 1 bits before a marker.
 */
final class BitWriter {
  private final ByteSink out;
  /** Pending bits, right-aligned; at most 7 + 24 of them between flushes. */
  private long acc;
  private int n;

  BitWriter(ByteSink out) {
    this.out = out;
  }

  /** Writes the low {@code size} bits of {@code value} (size 0-24). */
  void write(int value, int size) {
    acc = (acc << size) | (value & ((1L << size) - 1));
    n += size;
    while (n >= 8) {
      n -= 8;
      int b = (int) (acc >> n) & 0xFF;
      out.write(b);
      if (b == 0xFF) {
        out.write(0);
      }
    }
    acc &= (1L << n) - 1;
  }

  /** Pads to a byte boundary with 1 bits (§F.1.2.3). */
  void flush() {
    if (n > 0) {
      write(0x7F, 8 - n);
    }
  }

  /** Ends an interval: pads, then writes RSTn, n = {@code index} mod 8 (§B.2.1). */
  void restart(int index) {
    flush();
    out.write(0xFF);
    out.write(0xD0 + (index & 7));
  }
}
