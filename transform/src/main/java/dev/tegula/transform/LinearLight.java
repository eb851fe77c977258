package dev.tegula.transform;

/**
 * sRGB transfer function (IEC 61966-2-1 §5.2, the piecewise curve with the linear toe) as lookup
 * tables between 8- or 16-bit sRGB-encoded samples and 16-bit linear light. Resizing in linear
 * light keeps bright detail from darkening when it is averaged with dark detail.
 *
 * <p>The tables are built once with floating point; resized output does not need to be
 * bit-identical between the JVM and WebAssembly.
 */
final class LinearLight {
  private LinearLight() {}

  /** 256 entries: 8-bit sRGB to 16-bit linear. */
  static int[] fromSrgb8() {
    return Srgb8.TABLE;
  }

  /** 65536 entries: 16-bit sRGB to 16-bit linear, built on first use. */
  static int[] fromSrgb16() {
    return Srgb16.TABLE;
  }

  /** 65536 entries: 16-bit linear to 16-bit sRGB, built on first use. */
  static char[] toSrgb16() {
    return Encode16.TABLE;
  }

  // holder classes: each table is built by class initialization, once and thread-safely
  private static final class Srgb8 {
    static final int[] TABLE = decodeTable(256);
  }

  private static final class Srgb16 {
    static final int[] TABLE = decodeTable(65536);
  }

  private static final class Encode16 {
    static final char[] TABLE = encodeTable();
  }

  private static int[] decodeTable(int size) {
    int[] t = new int[size];
    for (int i = 0; i < size; i++) {
      t[i] = to16(decode(i / (double) (size - 1)));
    }
    return t;
  }

  private static char[] encodeTable() {
    char[] t = new char[65536];
    for (int i = 0; i < 65536; i++) {
      t[i] = (char) to16(encode(i / 65535.0));
    }
    return t;
  }

  static double decode(double v) {
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  static double encode(double v) {
    return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  }

  /** Explicit round half up: TeaVM's Math.round differs from HotSpot's. */
  private static int to16(double v) {
    int q = (int) (v * 65535 + 0.5);
    return q < 0 ? 0 : Math.min(q, 65535);
  }
}
