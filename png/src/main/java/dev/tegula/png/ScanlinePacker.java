package dev.tegula.png;

/**
 * Lays out one image row as PNG samples (PNG spec §7.1, §7.2): 16-bit samples big-endian,
 * sub-byte greyscale and indices packed from the most significant bit, each row starting on a
 * byte boundary. The row is written at {@code row[1..]}, leaving index 0 for the filter type.
 */
final class ScanlinePacker {
  private final EncodingPlan plan;
  private final int width;
  private final byte[] rgba8;
  private final short[] rgba16;

  ScanlinePacker(EncodingPlan plan, int width, byte[] rgba8, short[] rgba16) {
    this.plan = plan;
    this.width = width;
    this.rgba8 = rgba8;
    this.rgba16 = rgba16;
  }

  void pack(int y, byte[] row) {
    int p = y * width * 4;
    if (plan.samples16()) {
      pack16(p, row);
    } else if (plan.colorType() == PngHeader.PALETTE) {
      packIndices(p, row);
    } else if (plan.bitDepth() < 8) {
      packGrey(p, row);
    } else {
      pack8(p, row);
    }
  }

  private void pack8(int p, byte[] row) {
    int o = 1;
    switch (plan.colorType()) {
      case PngHeader.GREY:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba8[p];
        }
        break;
      case PngHeader.GREY_ALPHA:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba8[p];
          row[o++] = rgba8[p + 3];
        }
        break;
      case PngHeader.RGB:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba8[p];
          row[o++] = rgba8[p + 1];
          row[o++] = rgba8[p + 2];
        }
        break;
      default:
        System.arraycopy(rgba8, p, row, 1, width * 4);
        break;
    }
  }

  private void pack16(int p, byte[] row) {
    int o = 1;
    int type = plan.colorType();
    boolean grey = type == PngHeader.GREY || type == PngHeader.GREY_ALPHA;
    boolean alpha = type == PngHeader.GREY_ALPHA || type == PngHeader.RGBA;
    for (int x = 0; x < width; x++, p += 4) {
      o = put16(row, o, rgba16[p]);
      if (!grey) {
        o = put16(row, o, rgba16[p + 1]);
        o = put16(row, o, rgba16[p + 2]);
      }
      if (alpha) {
        o = put16(row, o, rgba16[p + 3]);
      }
    }
  }

  private static int put16(byte[] row, int o, short v) {
    row[o] = (byte) (v >> 8);
    row[o + 1] = (byte) v;
    return o + 2;
  }

  /** Greys already known to be multiples of 255/(2^depth-1): v >> (8-depth) is the sample. */
  private void packGrey(int p, byte[] row) {
    int depth = plan.bitDepth();
    int shift = 8 - depth;
    int acc = 0;
    int bits = 0;
    int o = 1;
    for (int x = 0; x < width; x++, p += 4) {
      acc = (acc << depth) | ((rgba8[p] & 0xFF) >> shift);
      bits += depth;
      if (bits == 8) {
        row[o++] = (byte) acc;
        acc = 0;
        bits = 0;
      }
    }
    if (bits > 0) {
      row[o] = (byte) (acc << (8 - bits));
    }
  }

  private void packIndices(int p, byte[] row) {
    ColorTable table = plan.palette();
    int depth = plan.bitDepth();
    int acc = 0;
    int bits = 0;
    int o = 1;
    int lastColor = 0;
    int lastIndex = -1;
    for (int x = 0; x < width; x++, p += 4) {
      int c = ((rgba8[p] & 0xFF) << 24) | ((rgba8[p + 1] & 0xFF) << 16)
          | ((rgba8[p + 2] & 0xFF) << 8) | (rgba8[p + 3] & 0xFF);
      if (c != lastColor || lastIndex < 0) {
        lastColor = c;
        lastIndex = table.indexOf(c);
      }
      acc = (acc << depth) | lastIndex;
      bits += depth;
      if (bits == 8) {
        row[o++] = (byte) acc;
        acc = 0;
        bits = 0;
      }
    }
    if (bits > 0) {
      row[o] = (byte) (acc << (8 - bits));
    }
  }
}
