package dev.tegula.png;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Writes 8-bit PNG (PNG spec §11.2.2 colour types 0, 2, 4, 6, non-interlaced): the smallest colour
 * type that holds the image exactly (greyscale when R=G=B everywhere, no alpha channel when opaque),
 * an adaptive filter per row ({@link RowFilter}) and zlib at the requested level. ICC (iCCP) and
 * EXIF (eXIf) from the metadata are carried over.
 */
public final class PngEncoder {
  /** IDAT chunks are cut at this size so that no buffer grows with the image. */
  private static final int IDAT_SIZE = 1 << 16;

  private PngEncoder() {}

  public static byte[] encode(Image image) {
    return encode(image, Metadata.EMPTY, PngEncodeOptions.DEFAULT);
  }

  /**
   * @param metadata ICC and EXIF to embed (null for none); text and XMP are not written yet
   */
  public static byte[] encode(Image image, Metadata metadata, PngEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    int colorType = chooseColorType(image.rgba());
    int channels = switch (colorType) {
      case PngHeader.GREY -> 1;
      case PngHeader.GREY_ALPHA -> 2;
      case PngHeader.RGB -> 3;
      default -> 4;
    };
    int width = image.width();
    long rowBytes = (long) width * channels;
    if (rowBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("image rows too long for PNG scanlines");
    }
    ChunkWriter out = new ChunkWriter(image.rgba().length / 4);
    out.write(Chunk.IHDR, ihdr(width, image.height(), colorType));
    if (metadata != null && metadata.icc() != null && metadata.icc().length > 0) {
      out.write(Chunk.ICCP, iccp(metadata.icc(), options.compressionLevel()));
    }
    if (metadata != null && metadata.exif() != null && metadata.exif().length > 0) {
      out.write(Chunk.EXIF, metadata.exif());
    }
    writeImageData(out, image, channels, (int) rowBytes, options.compressionLevel());
    out.write(Chunk.IEND, new byte[0]);
    return out.toByteArray();
  }

  /** The smallest 8-bit colour type that represents every pixel exactly. */
  static int chooseColorType(byte[] rgba) {
    boolean opaque = true;
    boolean grey = true;
    for (int i = 0; i < rgba.length && (opaque || grey); i += 4) {
      opaque &= rgba[i + 3] == (byte) 0xFF;
      grey &= rgba[i] == rgba[i + 1] && rgba[i + 1] == rgba[i + 2];
    }
    if (grey) {
      return opaque ? PngHeader.GREY : PngHeader.GREY_ALPHA;
    }
    return opaque ? PngHeader.RGB : PngHeader.RGBA;
  }

  private static byte[] ihdr(int width, int height, int colorType) {
    byte[] b = new byte[13];
    putInt(b, 0, width);
    putInt(b, 4, height);
    b[8] = 8;
    b[9] = (byte) colorType;
    // compression, filter and interlace methods 0
    return b;
  }

  private static byte[] iccp(byte[] profile, int level) {
    byte[] name = "ICC profile".getBytes(StandardCharsets.ISO_8859_1);
    byte[] compressed = deflate(profile, Math.max(level, 1));
    byte[] b = new byte[name.length + 2 + compressed.length];
    System.arraycopy(name, 0, b, 0, name.length);
    // b[name.length] is the keyword's zero terminator, the next byte compression method 0
    System.arraycopy(compressed, 0, b, name.length + 2, compressed.length);
    return b;
  }

  /** §7.2, §10.2: filtered scanlines, deflated as they are made, cut into IDAT chunks. */
  private static void writeImageData(
      ChunkWriter out, Image image, int channels, int rowBytes, int level) {
    byte[] rgba = image.rgba();
    int width = image.width();
    RowFilter filter = new RowFilter(channels, rowBytes);
    byte[] row = new byte[rowBytes + 1];
    byte[] prev = new byte[rowBytes + 1];
    byte[] buf = new byte[IDAT_SIZE];
    int used = 0;
    Deflater deflater = new Deflater(level);
    try {
      for (int y = 0; y < image.height(); y++) {
        pack(rgba, y * width * 4, width, channels, row);
        // Filters only help the compressor; stored blocks gain nothing from them.
        byte[] filtered = level == 0 ? noFilter(row) : filter.filter(row, prev);
        deflater.setInput(filtered, 0, rowBytes + 1);
        while (!deflater.needsInput()) {
          used += deflater.deflate(buf, used, buf.length - used);
          if (used == buf.length) {
            out.write(Chunk.IDAT, buf, 0, used);
            used = 0;
          }
        }
        byte[] t = prev;
        prev = row;
        row = t;
      }
      deflater.finish();
      while (!deflater.finished()) {
        used += deflater.deflate(buf, used, buf.length - used);
        if (used == buf.length) {
          out.write(Chunk.IDAT, buf, 0, used);
          used = 0;
        }
      }
      if (used > 0) {
        out.write(Chunk.IDAT, buf, 0, used);
      }
    } finally {
      deflater.end();
    }
  }

  private static byte[] noFilter(byte[] row) {
    row[0] = Unfilter.NONE;
    return row;
  }

  /** RGBA8 pixels of one row into the chosen colour type's samples at row[1..]. */
  private static void pack(byte[] rgba, int from, int width, int channels, byte[] row) {
    row[0] = Unfilter.NONE;
    int p = from;
    int o = 1;
    switch (channels) {
      case 1:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba[p];
        }
        break;
      case 2:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba[p];
          row[o++] = rgba[p + 3];
        }
        break;
      case 3:
        for (int x = 0; x < width; x++, p += 4) {
          row[o++] = rgba[p];
          row[o++] = rgba[p + 1];
          row[o++] = rgba[p + 2];
        }
        break;
      default:
        System.arraycopy(rgba, p, row, 1, width * 4);
        break;
    }
  }

  private static byte[] deflate(byte[] data, int level) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(data, 0, data.length);
      deflater.finish();
      byte[] buf = new byte[Math.max(64, data.length / 2 + 64)];
      int used = 0;
      while (!deflater.finished()) {
        if (used == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        used += deflater.deflate(buf, used, buf.length - used);
      }
      return java.util.Arrays.copyOf(buf, used);
    } finally {
      deflater.end();
    }
  }

  private static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
