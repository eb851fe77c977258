package dev.tegula.core;

import java.util.zip.CRC32;

/**
 * CRC-32 as PNG (ISO 3309, PNG §5.5) and the .tgl container use it, with the subset of {@link
 * CRC32}'s interface they need. On HotSpot it is {@link CRC32} itself, an intrinsic there. Under
 * TeaVM {@code java.util.zip.CRC32} is jzlib's byte-at-a-time loop, which also checks that its
 * class is initialized (an indirect call) for every byte it reads from its table: 5 % of a PNG
 * decode in Chromium. There this class runs slicing-by-8 (eight table lookups per eight bytes,
 * the tables read through locals) instead.
 */
public final class Crc32 {
  /** TABLES[k * 256 + b]: the CRC of byte b followed by k zero bytes. */
  private static final int[] TABLES = tables();

  private final CRC32 jdk = Platform.TEAVM ? null : new CRC32();
  /** The running register of the table form, inverted as zlib keeps it. */
  private int register = ~0;

  public void reset() {
    if (jdk != null) {
      jdk.reset();
    } else {
      register = ~0;
    }
  }

  public void update(byte[] b, int off, int len) {
    if (jdk != null) {
      jdk.update(b, off, len);
    } else {
      register = sliced(register, b, off, len);
    }
  }

  /** The CRC of everything since the last reset, 0..2^32-1. */
  public long getValue() {
    return jdk != null ? jdk.getValue() : ~register & 0xFFFFFFFFL;
  }

  /** The CRC of {@code b[off, off + len)}. */
  public static long of(byte[] b, int off, int len) {
    Crc32 crc = new Crc32();
    crc.update(b, off, len);
    return crc.getValue();
  }

  /** Slicing-by-8 over {@code b[off, off + len)} from the (inverted) register {@code c}. */
  static int sliced(int c, byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw new IndexOutOfBoundsException("range outside the array");
    }
    int[] t = TABLES;
    int i = off;
    int end8 = off + (len & ~7);
    for (; i < end8; i += 8) {
      int lo = c ^ (b[i] & 0xFF | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16
          | b[i + 3] << 24);
      int hi = b[i + 4] & 0xFF | (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF) << 16
          | b[i + 7] << 24;
      c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >>> 8) & 0xFF)]
          ^ t[5 * 256 + ((lo >>> 16) & 0xFF)] ^ t[4 * 256 + (lo >>> 24)]
          ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >>> 8) & 0xFF)]
          ^ t[256 + ((hi >>> 16) & 0xFF)] ^ t[hi >>> 24];
    }
    int end = off + len;
    for (; i < end; i++) {
      c = t[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
    }
    return c;
  }

  private static int[] tables() {
    int[] t = new int[8 * 256];
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      t[n] = c;
    }
    for (int k = 1; k < 8; k++) {
      for (int n = 0; n < 256; n++) {
        int prev = t[(k - 1) * 256 + n];
        t[k * 256 + n] = t[prev & 0xFF] ^ (prev >>> 8);
      }
    }
    return t;
  }
}
