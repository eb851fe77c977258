package dev.tegula.tgl.lossy;

/**
 * One tile made ready for lossy encodes at any quality of one chroma resolution: its colour
 * transform, lapping, forward DCT and AQ levels, none of which depends on the quality. A quality
 * search encodes one image several times; preparing its tiles once saves each encode that work,
 * and every {@link #encodeHundredths} gives the bytes of {@link LossyCodec#encodeHundredths}.
 *
 * <p>The coefficients are shorts, 64 per block of the tile padded to whole 16x16 macroblocks:
 * about 3 bytes per pixel with 4:2:0 chroma, 6 with full chroma and 2 for grey. Encodes only read
 * them.
 */
public final class PreparedLossyTile {
  final TileLayout layout;
  /** Per plane, 8x the orthonormal DCT, natural order, 64 per block. */
  final short[][] coefficients;
  /** The AQ level of each macroblock. */
  final byte[] levels;
  final EncoderSettings settings;

  PreparedLossyTile(TileLayout layout, short[][] coefficients, byte[] levels,
      EncoderSettings settings) {
    this.layout = layout;
    this.coefficients = coefficients;
    this.levels = levels;
    this.settings = settings;
  }

  /** Whether the tile was prepared with full-resolution chroma (or is grey, which has none). */
  public boolean fullChroma() {
    return !layout.subsample;
  }

  /**
   * The tile's lossy encode at a quality in hundredths, 0-10000: the bytes of
   * {@link LossyCodec#encodeHundredths} with this tile's chroma resolution fixed.
   */
  public byte[] encodeHundredths(int hundredths) {
    check(hundredths);
    return TileEncoder.encode(this, hundredths);
  }

  /**
   * The price buckets of a trim that a lower quality could replace (a size search's): drops up
   * to twice the reference slope.
   */
  public static final int TRIM_BUCKETS = BudgetTrim.BUCKETS;
  /**
   * All the price buckets of {@link #encodeHundredths(int, int, long[])}'s trims and savings:
   * past {@link #TRIM_BUCKETS}, dearer drops up to 64 times the slope, for a trim nothing after
   * it could beat (a target SSIM search's last step).
   */
  public static final int FAR_TRIM_BUCKETS = BudgetTrim.FAR_BUCKETS;

  /** No trim: every quantized value is coded. */
  public static final int NO_TRIM = -1;

  /**
   * {@link #encodeHundredths} with each block's trailing values dropped while their price
   * bucket is at most {@code trimThreshold}, 0 to {@link #FAR_TRIM_BUCKETS} - 1, or {@link
   * #NO_TRIM}: a smaller tile that decodes as any other. With {@code bits16} (length {@link
   * #TRIM_BUCKETS} or {@link #FAR_TRIM_BUCKETS}, or null) the pass also adds there the bits, in 1/16 units, that trims of the
   * values kept would save, by the price bucket they become affordable at: estimates, which rank
   * drops over every tile of an image.
   */
  public byte[] encodeHundredths(int hundredths, int trimThreshold, long[] bits16) {
    check(hundredths);
    checkThreshold(trimThreshold);
    if (bits16 != null) {
      checkBuckets(bits16);
    }
    return TileEncoder.encode(this, hundredths, trimThreshold, bits16);
  }

  /**
   * Refuses a trim threshold outside 0 to {@link #FAR_TRIM_BUCKETS} - 1 other than {@link
   * #NO_TRIM}.
   *
   * @throws IllegalArgumentException for such a threshold
   */
  public static void checkThreshold(int trimThreshold) {
    if (trimThreshold < NO_TRIM || trimThreshold >= FAR_TRIM_BUCKETS) {
      throw new IllegalArgumentException("trim threshold " + trimThreshold + " outside 0.."
          + (FAR_TRIM_BUCKETS - 1));
    }
  }

  private static void checkBuckets(long[] bits16) {
    if (bits16.length != TRIM_BUCKETS && bits16.length != FAR_TRIM_BUCKETS) {
      throw new IllegalArgumentException("savings need " + TRIM_BUCKETS + " or "
          + FAR_TRIM_BUCKETS + " buckets, not " + bits16.length);
    }
  }

  private static void check(int hundredths) {
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException("quality " + hundredths + " hundredths outside 0..10000");
    }
  }

  /**
   * Writes the pixels {@link #encodeHundredths(int, int, long[])} with these arguments decodes
   * to into {@code rgba} ({@code imageWidth} pixels a row, the tile's top-left at {@code (x, y)};
   * A set to 255), without coding the tile.
   */
  public void reconstruct(int hundredths, int trimThreshold, byte[] rgba, int imageWidth, int x,
      int y, LossyScratch scratch) {
    check(hundredths);
    checkThreshold(trimThreshold);
    if (rgba == null || x < 0 || y < 0 || imageWidth < x + layout.width
        || rgba.length < ((long) (y + layout.height) * imageWidth) * 4) {
      throw new IllegalArgumentException("tile outside the image");
    }
    TileReconstruction.reconstruct(this, hundredths, trimThreshold, rgba,
        (y * imageWidth + x) * 4, imageWidth * 4, scratch);
  }

  /**
   * Adds to {@code bits16} (length {@link #TRIM_BUCKETS} or {@link #FAR_TRIM_BUCKETS}) what
   * trims would save at this quality, as {@link #encodeHundredths(int, int, long[])} counts it,
   * without coding the tile.
   */
  public void trimSavings(int hundredths, long[] bits16) {
    check(hundredths);
    if (bits16 == null) {
      throw new IllegalArgumentException("savings need an array");
    }
    checkBuckets(bits16);
    TileEncoder.quantize(this, hundredths / 100,
        TileEncoder.stepTables(hundredths, layout.planes), TileEncoder.quantizedPlanes(layout),
        NO_TRIM, bits16);
  }
}
