package dev.tegula.tgl;

import dev.tegula.core.Image;

/**
 * Moves samples between an image's RGBA buffers and a tile plane's interleaved samples
 * (format.md §8.1 channel order, §10 sample conversion).
 */
final class PixelPacking {
  private PixelPacking() {}

  /** RGBA positions of a plane's channels, in plane order. */
  static int[] sourceChannels(int content, int colour) {
    return switch (content) {
      case TglFormat.CONTENT_COLOUR -> colour == 1 ? new int[] {0} : new int[] {0, 1, 2};
      case TglFormat.CONTENT_ALPHA -> new int[] {3};
      default -> colour == 1 ? new int[] {0, 3} : new int[] {0, 1, 2, 3};
    };
  }

  static int planeChannels(int content, int colour) {
    return switch (content) {
      case TglFormat.CONTENT_COLOUR -> colour;
      case TglFormat.CONTENT_ALPHA -> 1;
      default -> colour + 1;
    };
  }

  /** Copies a plane's samples out of the image (16-bit from rgba16 when {@code sixteen}). */
  static void extract(Image image, boolean sixteen, TileRect r, int[] channels, int[] out) {
    int c = channels.length;
    int o = 0;
    byte[] rgba = image.rgba();
    short[] rgba16 = image.rgba16();
    for (int y = 0; y < r.height(); y++) {
      int p = ((r.y() + y) * image.width() + r.x()) * 4;
      for (int x = 0; x < r.width(); x++, p += 4) {
        for (int k = 0; k < c; k++) {
          out[o++] = sixteen ? rgba16[p + channels[k]] & 0xFFFF : rgba[p + channels[k]] & 0xFF;
        }
      }
    }
  }

  /** 8-bit colour samples (grey or RGB) for the lossy codec. */
  static void extractBytes(Image image, TileRect r, int colour, byte[] out) {
    byte[] rgba = image.rgba();
    int o = 0;
    for (int y = 0; y < r.height(); y++) {
      int p = ((r.y() + y) * image.width() + r.x()) * 4;
      for (int x = 0; x < r.width(); x++, p += 4) {
        out[o++] = rgba[p];
        if (colour == 3) {
          out[o++] = rgba[p + 1];
          out[o++] = rgba[p + 2];
        }
      }
    }
  }

  /**
   * Writes a decoded plane into the image buffers. A grey sample fills R, G and B; a colour plane
   * of an image without alpha also sets A to opaque.
   */
  static void unpack(int[] s, int content, TglHeader h, TileRect r, byte[] rgba, short[] rgba16) {
    unpack(s, content, h, r.x(), r.y(), r.width(), r.height(), rgba, rgba16);
  }

  /** As above for the {@code width x height} pixels at (x0, y0): a row needs no TileRect. */
  static void unpack(int[] s, int content, TglHeader h, int x0, int y0, int width, int height,
      byte[] rgba, short[] rgba16) {
    boolean colourPart = content != TglFormat.CONTENT_ALPHA;
    boolean alphaPart = content != TglFormat.CONTENT_COLOUR;
    boolean opaque = !h.alpha();
    boolean grey = h.colour() == 1;
    boolean sixteen = h.bitDepth() == 16;
    int mask = sixteen ? 0xFFFF : 0xFF;
    int i = 0;
    for (int y = 0; y < height; y++) {
      int p = ((y0 + y) * h.width() + x0) * 4;
      for (int x = 0; x < width; x++, p += 4) {
        if (colourPart) {
          int red = s[i++] & mask;
          int green = red;
          int blue = red;
          if (!grey) {
            green = s[i++] & mask;
            blue = s[i++] & mask;
          }
          if (sixteen) {
            rgba16[p] = (short) red;
            rgba16[p + 1] = (short) green;
            rgba16[p + 2] = (short) blue;
            red /= 257;
            green /= 257;
            blue /= 257;
          }
          rgba[p] = (byte) red;
          rgba[p + 1] = (byte) green;
          rgba[p + 2] = (byte) blue;
          if (opaque) {
            rgba[p + 3] = (byte) 0xFF;
            if (sixteen) {
              rgba16[p + 3] = (short) 0xFFFF;
            }
          }
        }
        if (alphaPart) {
          int a = s[i++] & mask;
          if (sixteen) {
            rgba16[p + 3] = (short) a;
            a = (a + 256) / 257;
          }
          rgba[p + 3] = (byte) a;
        }
      }
    }
  }

  /**
   * {@link #unpack} of one row of an 8-bit plane into packed pixels ({@code R | G << 8 | B << 16
   * | A << 24}) from {@code px[at]}. A colour plane sets A to 255 when the image has no alpha,
   * else to 0 for the alpha plane that follows it (format.md §8.1: colour comes first).
   */
  static void unpackPacked(int[] s, int content, TglHeader h, int width, int[] px, int at) {
    boolean grey = h.colour() == 1;
    int i = 0;
    if (content == TglFormat.CONTENT_ALPHA) {
      for (int x = 0; x < width; x++) {
        px[at + x] = (px[at + x] & 0xFFFFFF) | (s[i++] & 0xFF) << 24;
      }
      return;
    }
    boolean withAlpha = content != TglFormat.CONTENT_COLOUR;
    int opaque = h.alpha() ? 0 : 0xFF000000;
    for (int x = 0; x < width; x++) {
      int red = s[i++] & 0xFF;
      int green = red;
      int blue = red;
      if (!grey) {
        green = s[i++] & 0xFF;
        blue = s[i++] & 0xFF;
      }
      int a = withAlpha ? (s[i++] & 0xFF) << 24 : opaque;
      px[at + x] = red | green << 8 | blue << 16 | a;
    }
  }

  /** {@link #fillGrey} of a tile's packed pixels. */
  static void fillGrey(int[] px, int count) {
    java.util.Arrays.fill(px, 0, count, 0xFF808080);
  }

  /** §11.2: a damaged tile becomes opaque mid-grey. */
  static void fillGrey(TglHeader h, TileRect r, byte[] rgba, short[] rgba16) {
    for (int y = 0; y < r.height(); y++) {
      int p = ((r.y() + y) * h.width() + r.x()) * 4;
      for (int x = 0; x < r.width(); x++, p += 4) {
        rgba[p] = (byte) 128;
        rgba[p + 1] = (byte) 128;
        rgba[p + 2] = (byte) 128;
        rgba[p + 3] = (byte) 0xFF;
        if (rgba16 != null) {
          rgba16[p] = (short) 32896;
          rgba16[p + 1] = (short) 32896;
          rgba16[p + 2] = (short) 32896;
          rgba16[p + 3] = (short) 0xFFFF;
        }
      }
    }
  }
}
