package dev.tegula.png;

/**
 * Turns unfiltered scanlines into RGBA (PNG spec §7.1 sample layout, §11.2.2 colour types,
 * §11.3.2.1 transparency): 1/2/4/8/16-bit greyscale, greyscale with alpha, truecolour with and
 * without alpha, and 1/2/4/8-bit indexed colour, always to RGBA8 and, for 16-bit sources, also to
 * RGBA16.
 *
 * <p>Sub-byte greyscale scales by 255/(2^depth-1), the exact replication of §13.12. 16-bit colour
 * reduces as floor(v/257) and alpha as ceil(a/257), as ImageMagick does, so that an alpha that is
 * not zero never becomes 0. tRNS keys are compared with the stored samples at full precision.
 */
final class SampleExpander {
  private final int width;
  private final int colorType;
  private final int depth;
  private final byte[] rgba;
  private final short[] rgba16;
  /** The tRNS key, -1 (which no sample equals) without one. */
  private final int keyR;
  private final int keyG;
  private final int keyB;
  /** Indexed images: RGBA of all 256 indices (entries past PLTE are opaque black, as libpng). */
  private final byte[] paletteRgba;

  SampleExpander(PngHeader header, Palette palette, Transparency trns, byte[] rgba, short[] rgba16) {
    this.width = header.width();
    this.colorType = header.colorType();
    this.depth = header.bitDepth();
    this.rgba = rgba;
    this.rgba16 = rgba16;
    boolean key = trns != null && trns.paletteAlpha() == null;
    this.keyR = key ? trns.red() : -1;
    this.keyG = key ? trns.green() : -1;
    this.keyB = key ? trns.blue() : -1;
    this.paletteRgba = colorType == PngHeader.PALETTE ? paletteTable(palette, trns) : null;
  }

  private static byte[] paletteTable(Palette palette, Transparency trns) {
    byte[] table = new byte[256 * 4];
    for (int i = 0; i < 256; i++) {
      table[i * 4 + 3] = (byte) 0xFF;
    }
    if (palette != null) {
      for (int i = 0; i < palette.entries(); i++) {
        table[i * 4] = palette.rgb()[i * 3];
        table[i * 4 + 1] = palette.rgb()[i * 3 + 1];
        table[i * 4 + 2] = palette.rgb()[i * 3 + 2];
      }
    }
    if (trns != null && trns.paletteAlpha() != null) {
      byte[] alpha = trns.paletteAlpha();
      for (int i = 0; i < alpha.length; i++) {
        table[i * 4 + 3] = alpha[i];
      }
    }
    return table;
  }

  /**
   * Expands {@code count} pixels of one unfiltered scanline starting at {@code row[off]} into
   * image row {@code y}, columns {@code x0, x0 + dx, ...}.
   */
  void expandRow(byte[] row, int off, int count, int y, int x0, int dx) {
    int out = (y * width + x0) * 4;
    int step = dx * 4;
    switch (colorType) {
      case PngHeader.GREY:
        if (depth == 16) {
          grey16(row, off, count, rgba, rgba16, out, step, keyR);
        } else if (depth == 8) {
          grey8(row, off, count, rgba, out, step, keyR);
        } else {
          packedGrey(row, off, count, depth, rgba, out, step, keyR);
        }
        break;
      case PngHeader.PALETTE:
        packedIndex(row, off, count, depth, paletteRgba, rgba, out, step);
        break;
      case PngHeader.GREY_ALPHA:
        if (depth == 16) {
          greyAlpha16(row, off, count, rgba, rgba16, out, step);
        } else {
          greyAlpha8(row, off, count, rgba, out, step);
        }
        break;
      case PngHeader.RGB:
        if (depth == 16) {
          rgb16(row, off, count, rgba, rgba16, out, step, keyR, keyG, keyB);
        } else {
          rgb8(row, off, count, rgba, out, step, keyR, keyG, keyB);
        }
        break;
      default:
        if (depth == 16) {
          rgba16(row, off, count, rgba, rgba16, out, step);
        } else {
          rgba8(row, off, count, rgba, out, step);
        }
        break;
    }
  }

  /** Sub-byte greyscale, samples packed from the high bits (§7.2), scaled to 8 bits. */
  private static void packedGrey(byte[] row, int off, int count, int depth, byte[] rgba, int out,
      int step, int key) {
    int mask = (1 << depth) - 1;
    int scale = 255 / mask;
    int bit = 0;
    for (int i = 0; i < count; i++, out += step, bit += depth) {
      int s = ((row[off + (bit >> 3)] & 0xFF) >> (8 - depth - (bit & 7))) & mask;
      byte v = (byte) (s * scale);
      rgba[out] = v;
      rgba[out + 1] = v;
      rgba[out + 2] = v;
      rgba[out + 3] = s == key ? 0 : (byte) 0xFF;
    }
  }

  /** Indices of any depth, packed from the high bits (§7.2), through the RGBA palette table. */
  private static void packedIndex(byte[] row, int off, int count, int depth, byte[] table,
      byte[] rgba, int out, int step) {
    int mask = (1 << depth) - 1;
    int bit = 0;
    for (int i = 0; i < count; i++, out += step, bit += depth) {
      int e = (((row[off + (bit >> 3)] & 0xFF) >> (8 - depth - (bit & 7))) & mask) << 2;
      rgba[out] = table[e];
      rgba[out + 1] = table[e + 1];
      rgba[out + 2] = table[e + 2];
      rgba[out + 3] = table[e + 3];
    }
  }

  private static void grey8(
      byte[] row, int off, int count, byte[] rgba, int out, int step, int key) {
    for (int i = 0; i < count; i++, out += step) {
      byte v = row[off + i];
      rgba[out] = v;
      rgba[out + 1] = v;
      rgba[out + 2] = v;
      rgba[out + 3] = (v & 0xFF) == key ? 0 : (byte) 0xFF;
    }
  }

  private static void grey16(byte[] row, int off, int count, byte[] rgba, short[] rgba16,
      int out, int step, int key) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 2) {
      int s = u16(row, p);
      int a = s == key ? 0 : 0xFFFF;
      byte v = (byte) (s / 257);
      rgba[out] = v;
      rgba[out + 1] = v;
      rgba[out + 2] = v;
      rgba[out + 3] = (byte) (a == 0 ? 0 : 0xFF);
      rgba16[out] = (short) s;
      rgba16[out + 1] = (short) s;
      rgba16[out + 2] = (short) s;
      rgba16[out + 3] = (short) a;
    }
  }

  private static void greyAlpha8(
      byte[] row, int off, int count, byte[] rgba, int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 2) {
      byte v = row[p];
      rgba[out] = v;
      rgba[out + 1] = v;
      rgba[out + 2] = v;
      rgba[out + 3] = row[p + 1];
    }
  }

  private static void greyAlpha16(
      byte[] row, int off, int count, byte[] rgba, short[] rgba16, int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 4) {
      int s = u16(row, p);
      int a = u16(row, p + 2);
      byte v = (byte) (s / 257);
      rgba[out] = v;
      rgba[out + 1] = v;
      rgba[out + 2] = v;
      rgba[out + 3] = (byte) ((a + 256) / 257);
      rgba16[out] = (short) s;
      rgba16[out + 1] = (short) s;
      rgba16[out + 2] = (short) s;
      rgba16[out + 3] = (short) a;
    }
  }

  private static void rgb8(byte[] row, int off, int count, byte[] rgba, int out, int step,
      int keyR, int keyG, int keyB) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 3) {
      byte r = row[p];
      byte g = row[p + 1];
      byte b = row[p + 2];
      rgba[out] = r;
      rgba[out + 1] = g;
      rgba[out + 2] = b;
      rgba[out + 3] =
          (r & 0xFF) == keyR && (g & 0xFF) == keyG && (b & 0xFF) == keyB ? 0 : (byte) 0xFF;
    }
  }

  private static void rgb16(byte[] row, int off, int count, byte[] rgba, short[] rgba16,
      int out, int step, int keyR, int keyG, int keyB) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 6) {
      int r = u16(row, p);
      int g = u16(row, p + 2);
      int b = u16(row, p + 4);
      int a = r == keyR && g == keyG && b == keyB ? 0 : 0xFFFF;
      rgba[out] = (byte) (r / 257);
      rgba[out + 1] = (byte) (g / 257);
      rgba[out + 2] = (byte) (b / 257);
      rgba[out + 3] = (byte) (a == 0 ? 0 : 0xFF);
      rgba16[out] = (short) r;
      rgba16[out + 1] = (short) g;
      rgba16[out + 2] = (short) b;
      rgba16[out + 3] = (short) a;
    }
  }

  private static void rgba8(
      byte[] row, int off, int count, byte[] rgba, int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 4) {
      rgba[out] = row[p];
      rgba[out + 1] = row[p + 1];
      rgba[out + 2] = row[p + 2];
      rgba[out + 3] = row[p + 3];
    }
  }

  private static void rgba16(
      byte[] row, int off, int count, byte[] rgba, short[] rgba16, int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 8) {
      int r = u16(row, p);
      int g = u16(row, p + 2);
      int b = u16(row, p + 4);
      int a = u16(row, p + 6);
      rgba[out] = (byte) (r / 257);
      rgba[out + 1] = (byte) (g / 257);
      rgba[out + 2] = (byte) (b / 257);
      rgba[out + 3] = (byte) ((a + 256) / 257);
      rgba16[out] = (short) r;
      rgba16[out + 1] = (short) g;
      rgba16[out + 2] = (short) b;
      rgba16[out + 3] = (short) a;
    }
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
