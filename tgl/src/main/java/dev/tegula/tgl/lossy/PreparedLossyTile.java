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

  /** The price buckets of {@link #encodeCounting}'s savings and {@link #encodeTrimmed}. */
  public static final int TRIM_BUCKETS = BudgetTrim.BUCKETS;

  /**
   * {@link #encodeHundredths}, adding to {@code bits16} (length {@link #TRIM_BUCKETS}) the bits,
   * in 1/16 units, that {@link #encodeTrimmed} at each threshold would save, by the price bucket
   * they become affordable at: estimates, counted in the encode's own pass, which rank drops
   * over every tile of an image.
   */
  public byte[] encodeCounting(int hundredths, long[] bits16) {
    check(hundredths);
    if (bits16 == null || bits16.length != TRIM_BUCKETS) {
      throw new IllegalArgumentException("savings need " + TRIM_BUCKETS + " buckets");
    }
    return TileEncoder.encode(this, hundredths, TileEncoder.NO_TRIM, bits16);
  }

  /**
   * {@link #encodeHundredths} with each block's trailing values dropped while their price
   * bucket is at most {@code threshold}, 0 to {@link #TRIM_BUCKETS} - 1: a smaller tile that
   * decodes as any other.
   */
  public byte[] encodeTrimmed(int hundredths, int threshold) {
    check(hundredths);
    if (threshold < 0 || threshold >= TRIM_BUCKETS) {
      throw new IllegalArgumentException("trim threshold " + threshold + " outside 0.."
          + (TRIM_BUCKETS - 1));
    }
    return TileEncoder.encode(this, hundredths, threshold, null);
  }

  private static void check(int hundredths) {
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException("quality " + hundredths + " hundredths outside 0..10000");
    }
  }
}
