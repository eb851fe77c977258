package dev.tegula.tgl.lossy;

/**
 * The lossy tile codec of the .tgl format (docs/format-lossy.md): YCbCr 4:2:0 (full chroma from
 * quality 97), 8x8 integer DCT, quality-scaled quantization with a per-macroblock adaptive step,
 * context-modelled coefficients over the shared range coder, and a deblocking filter on
 * restore. The container calls it once per tile; alpha is not its concern. Everything is integer
 * arithmetic, so the JVM and WebAssembly produce the same bytes and pixels.
 */
public final class LossyCodec {
  static final byte VERSION = 1;
  static final int FLAG_444 = 1;
  static final int FLAG_LAPPING = 2;
  static final int HEADER_SIZE = 10;
  /** Tiles are small; this only keeps plane sizes within int arithmetic. */
  private static final long MAX_PIXELS = 1L << 28;

  /**
   * The quantizer's base table in natural order (format-lossy.md §6.1), a copy: for estimates of
   * the coding's error that must follow the table the codec uses.
   */
  public static int[] baseTable() {
    return Quantizer.BASE_NATURAL.clone();
  }

  /**
   * The steps (1/16 of an orthonormal coefficient, zigzag order) of every plane at {@code
   * hundredths} 0..10000 and the neutral AQ level (format-lossy.md §6.1): for searches that read
   * a file's size against the steps it really has, floor included.
   */
  public static int[] steps(int hundredths) {
    int[] out = new int[64];
    Quantizer.stepsHundredths(hundredths, out);
    return out;
  }

  private LossyCodec() {}

  /** samples: 8-bit interleaved, channels 1 (grey) or 3 (RGB); quality 0-100, monotone. */
  public static byte[] encode(byte[] samples, int width, int height, int channels, int quality) {
    check(samples, width, height, channels);
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality " + quality + " outside 0..100");
    }
    return encodeHundredths(samples, width, height, channels, quality * 100);
  }

  /** {@link #encode} at a quality in hundredths, 0-10000 (format-lossy.md §6.1's fine scale). */
  public static byte[] encodeHundredths(byte[] samples, int width, int height, int channels,
      int hundredths) {
    return encodeHundredths(samples, width, height, channels, hundredths, null);
  }

  /**
   * {@link #encodeHundredths} with the chroma resolution fixed: {@code fullChroma} true writes
   * full-resolution chroma (FULL_CHROMA), false 4:2:0, null the encoder's choice by quality
   * (4:2:0 below 97, full from 97).
   */
  public static byte[] encodeHundredths(byte[] samples, int width, int height, int channels,
      int hundredths, Boolean fullChroma) {
    check(samples, width, height, channels);
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException("quality " + hundredths + " hundredths outside 0..10000");
    }
    return TileEncoder.encode(samples, width, height, channels, hundredths,
        EncoderSettings.DEFAULT, fullChroma);
  }

  /**
   * Prepares a tile for {@link PreparedLossyTile#encodeHundredths} at any quality, with
   * full-resolution chroma or 4:2:0 ({@code fullChroma}; grey tiles have no chroma).
   */
  public static PreparedLossyTile prepare(byte[] samples, int width, int height, int channels,
      boolean fullChroma) {
    check(samples, width, height, channels);
    return TileEncoder.prepare(samples, width, height, channels, !fullChroma,
        EncoderSettings.DEFAULT);
  }

  /** The first whole quality at which the encoder's own choice is full-resolution chroma. */
  public static int fullChromaFromQuality() {
    return EncoderSettings.DEFAULT.chroma444From;
  }

  /**
   * Fills {@code out} (width * height * channels samples). Throws a
   * {@link dev.tegula.core.TegulaException} on bad data: {@code TruncatedInputException} when the
   * data ends early ({@code out} then holds a best-effort picture), {@code MalformedInputException}
   * or {@code UnsupportedFeatureException} for a bad header.
   */
  public static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, byte[] out) {
    if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("data range outside the array");
    }
    check(out, width, height, channels);
    TileDecoder.decode(data, offset, length, width, height, channels, out, 0, width * channels,
        channels, false, new LossyScratch());
  }

  /**
   * {@link #decode} straight into an RGBA image of {@code imageWidth} pixels per row, the tile's
   * top-left pixel at {@code (x, y)}: R, G and B are written (grey fills all three), and A is set
   * to 255 when {@code opaque}, else left alone.
   */
  public static void decodeRgba(byte[] data, int offset, int length, int width, int height,
      int channels, byte[] rgba, int imageWidth, int x, int y, boolean opaque) {
    decodeRgba(data, offset, length, width, height, channels, rgba, imageWidth, x, y, opaque,
        new LossyScratch());
  }

  /** {@link #decodeRgba} with working memory reused across tiles ({@code scratch}). */
  public static void decodeRgba(byte[] data, int offset, int length, int width, int height,
      int channels, byte[] rgba, int imageWidth, int x, int y, boolean opaque,
      LossyScratch scratch) {
    checkTile(data, offset, length, channels, scratch);
    if (width <= 0 || height <= 0 || x < 0 || y < 0 || imageWidth < x + width || rgba == null
        || rgba.length < ((long) (y + height) * imageWidth) * 4) {
      throw new IllegalArgumentException("tile " + width + "x" + height + " at " + x + "," + y
          + " outside the image");
    }
    TileDecoder.decode(data, offset, length, width, height, channels, rgba,
        (y * imageWidth + x) * 4, imageWidth * 4, 4, opaque, scratch);
  }

  /**
   * {@link #decode} into packed pixels, {@code R | G << 8 | B << 16 | A << 24} (RgbaTarget's
   * packing), {@code width} per row from index 0 of {@code px}: grey fills R, G and B, and A is
   * 255 when {@code opaque}, else 0.
   */
  public static void decodePacked(byte[] data, int offset, int length, int width, int height,
      int channels, int[] px, boolean opaque, LossyScratch scratch) {
    checkTile(data, offset, length, channels, scratch);
    if (width <= 0 || height <= 0 || px == null || px.length < (long) width * height) {
      throw new IllegalArgumentException("tile " + width + "x" + height + " does not fit in "
          + (px == null ? "null" : px.length + " pixels"));
    }
    TileDecoder.decodePacked(data, offset, length, width, height, channels, px, 0, width, opaque,
        scratch);
  }

  private static void checkTile(byte[] data, int offset, int length, int channels,
      LossyScratch scratch) {
    if (scratch == null) {
      throw new IllegalArgumentException("scratch is null");
    }
    if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("data range outside the array");
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
    }
  }

  private static void check(byte[] samples, int width, int height, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
    }
    if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
      throw new IllegalArgumentException("bad tile size " + width + "x" + height);
    }
    if (samples == null || samples.length < (long) width * height * channels) {
      throw new IllegalArgumentException("sample array smaller than " + width + "x" + height
          + "x" + channels);
    }
  }
}
