package dev.tegula.png;

import dev.tegula.core.RgbaTarget;

/**
 * Turns unfiltered scanlines into RGBA (PNG spec §7.1 sample layout, §11.2.2 colour types,
 * §11.3.2.1 transparency): 1/2/4/8/16-bit greyscale, greyscale with alpha, truecolour with and
 * without alpha, and 1/2/4/8-bit indexed colour, always to RGBA8 and, for 16-bit sources, also to
 * RGBA16.
 *
 * <p>Sub-byte greyscale scales by 255/(2^depth-1), the exact replication of §13.12. 16-bit colour
 * reduces as floor(v/257) and alpha as ceil(a/257), as ImageMagick does, so that an alpha that is
 * not zero never becomes 0. tRNS keys are compared with the stored samples at full precision.
 *
 * <p>The 8-bit pixels go to an {@link RgbaTarget} a row (or an interlace pass's part of one) at a
 * time, packed R | G << 8 | B << 16 | A << 24; the 16-bit samples, when asked for, into an
 * RGBA16 array of the stored image.
 */
final class SampleExpander {
  private final int width;
  private final int colorType;
  private final int depth;
  private final RgbaTarget target;
  /**
   * RGBA16 of the stored image, new (all zero), or null when 16-bit samples are not wanted (or
   * not there).
   */
  private final short[] rgba16;
  /** One row of packed pixels. */
  private final int[] px;
  /** The tRNS key, -1 (which no sample equals) without one. */
  private final int keyR;
  private final int keyG;
  private final int keyB;
  /** Indexed images: packed RGBA of all 256 indices (entries past PLTE opaque black, as libpng). */
  private final int[] palettePx;

  SampleExpander(PngHeader header, Palette palette, Transparency trns, RgbaTarget target,
      short[] rgba16) {
    this.width = header.width();
    this.colorType = header.colorType();
    this.depth = header.bitDepth();
    this.target = target;
    this.rgba16 = rgba16;
    this.px = new int[width];
    boolean key = trns != null && trns.paletteAlpha() == null;
    this.keyR = key ? trns.red() : -1;
    this.keyG = key ? trns.green() : -1;
    this.keyB = key ? trns.blue() : -1;
    this.palettePx = colorType == PngHeader.PALETTE ? paletteTable(palette, trns) : null;
  }

  private static int[] paletteTable(Palette palette, Transparency trns) {
    int[] table = new int[256];
    java.util.Arrays.fill(table, 0xFF000000);
    if (palette != null) {
      byte[] rgb = palette.rgb();
      for (int i = 0; i < palette.entries(); i++) {
        table[i] = 0xFF000000 | (rgb[i * 3] & 0xFF) | (rgb[i * 3 + 1] & 0xFF) << 8
            | (rgb[i * 3 + 2] & 0xFF) << 16;
      }
    }
    if (trns != null && trns.paletteAlpha() != null) {
      byte[] alpha = trns.paletteAlpha();
      for (int i = 0; i < alpha.length; i++) {
        table[i] = (table[i] & 0xFFFFFF) | alpha[i] << 24;
      }
    }
    return table;
  }

  /**
   * Expands {@code count} pixels of one unfiltered scanline starting at {@code row[off]} into
   * image row {@code y}, columns {@code x0, x0 + dx, ...}.
   */
  void expandRow(byte[] row, int off, int count, int y, int x0, int dx) {
    int[] p = px;
    int out16 = (y * width + x0) * 4;
    int step16 = dx * 4;
    short[] s16 = rgba16;
    switch (colorType) {
      case PngHeader.GREY:
        if (depth == 16) {
          grey16(row, off, count, p, s16, out16, step16, keyR);
        } else if (depth == 8) {
          grey8(row, off, count, p, keyR);
        } else {
          packedGrey(row, off, count, depth, p, keyR);
        }
        break;
      case PngHeader.PALETTE:
        packedIndex(row, off, count, depth, palettePx, p);
        break;
      case PngHeader.GREY_ALPHA:
        if (depth == 16) {
          greyAlpha16(row, off, count, p, s16, out16, step16);
        } else {
          greyAlpha8(row, off, count, p);
        }
        break;
      case PngHeader.RGB:
        if (depth == 16) {
          rgb16(row, off, count, p, s16, out16, step16, keyR, keyG, keyB);
        } else {
          rgb8(row, off, count, p, keyR, keyG, keyB);
        }
        break;
      default:
        if (depth == 16) {
          rgba16(row, off, count, p, s16, out16, step16);
        } else {
          rgba8(row, off, count, p);
        }
        break;
    }
    target.row(y, p, x0, dx, count);
  }

  /**
   * Stores transparent black at {@code count} pixels of row {@code y} from column {@code x0} every
   * {@code dx}: the pixels of scanlines the data ended before (a target may hold anything there).
   */
  void zeroRow(int count, int y, int x0, int dx) {
    java.util.Arrays.fill(px, 0, count, 0);
    target.row(y, px, x0, dx, count); // rgba16, when there is one, is still zero there
  }

  private static int grey(int v, int alpha) {
    return v * 0x010101 | alpha << 24;
  }

  /** Sub-byte greyscale, samples packed from the high bits (§7.2), scaled to 8 bits. */
  private static void packedGrey(byte[] row, int off, int count, int depth, int[] px, int key) {
    int mask = (1 << depth) - 1;
    int scale = 255 / mask;
    int bit = 0;
    for (int i = 0; i < count; i++, bit += depth) {
      int s = ((row[off + (bit >> 3)] & 0xFF) >> (8 - depth - (bit & 7))) & mask;
      px[i] = grey(s * scale, s == key ? 0 : 0xFF);
    }
  }

  /** Indices of any depth, packed from the high bits (§7.2), through the palette table. */
  private static void packedIndex(byte[] row, int off, int count, int depth, int[] table,
      int[] px) {
    int mask = (1 << depth) - 1;
    int bit = 0;
    for (int i = 0; i < count; i++, bit += depth) {
      px[i] = table[((row[off + (bit >> 3)] & 0xFF) >> (8 - depth - (bit & 7))) & mask];
    }
  }

  private static void grey8(byte[] row, int off, int count, int[] px, int key) {
    for (int i = 0; i < count; i++) {
      int v = row[off + i] & 0xFF;
      px[i] = grey(v, v == key ? 0 : 0xFF);
    }
  }

  private static void grey16(byte[] row, int off, int count, int[] px, short[] rgba16,
      int out, int step, int key) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 2) {
      int s = u16(row, p);
      int a = s == key ? 0 : 0xFFFF;
      px[i] = grey(s / 257, a == 0 ? 0 : 0xFF);
      put16(rgba16, out, s, s, s, a);
    }
  }

  private static void greyAlpha8(byte[] row, int off, int count, int[] px) {
    for (int i = 0, p = off; i < count; i++, p += 2) {
      px[i] = grey(row[p] & 0xFF, row[p + 1] & 0xFF);
    }
  }

  private static void greyAlpha16(byte[] row, int off, int count, int[] px, short[] rgba16,
      int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 4) {
      int s = u16(row, p);
      int a = u16(row, p + 2);
      px[i] = grey(s / 257, (a + 256) / 257);
      put16(rgba16, out, s, s, s, a);
    }
  }

  private static void rgb8(byte[] row, int off, int count, int[] px, int keyR, int keyG,
      int keyB) {
    for (int i = 0, p = off; i < count; i++, p += 3) {
      int r = row[p] & 0xFF;
      int g = row[p + 1] & 0xFF;
      int b = row[p + 2] & 0xFF;
      int a = r == keyR && g == keyG && b == keyB ? 0 : 0xFF;
      px[i] = r | g << 8 | b << 16 | a << 24;
    }
  }

  private static void rgb16(byte[] row, int off, int count, int[] px, short[] rgba16,
      int out, int step, int keyR, int keyG, int keyB) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 6) {
      int r = u16(row, p);
      int g = u16(row, p + 2);
      int b = u16(row, p + 4);
      int a = r == keyR && g == keyG && b == keyB ? 0 : 0xFFFF;
      px[i] = r / 257 | (g / 257) << 8 | (b / 257) << 16 | (a == 0 ? 0 : 0xFF000000);
      put16(rgba16, out, r, g, b, a);
    }
  }

  private static void rgba8(byte[] row, int off, int count, int[] px) {
    for (int i = 0, p = off; i < count; i++, p += 4) {
      px[i] = (row[p] & 0xFF) | (row[p + 1] & 0xFF) << 8 | (row[p + 2] & 0xFF) << 16
          | row[p + 3] << 24;
    }
  }

  private static void rgba16(byte[] row, int off, int count, int[] px, short[] rgba16,
      int out, int step) {
    for (int i = 0, p = off; i < count; i++, out += step, p += 8) {
      int r = u16(row, p);
      int g = u16(row, p + 2);
      int b = u16(row, p + 4);
      int a = u16(row, p + 6);
      px[i] = r / 257 | (g / 257) << 8 | (b / 257) << 16 | ((a + 256) / 257) << 24;
      put16(rgba16, out, r, g, b, a);
    }
  }

  /** The 16-bit samples of one pixel, when they are wanted. */
  private static void put16(short[] rgba16, int out, int r, int g, int b, int a) {
    if (rgba16 != null) {
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
