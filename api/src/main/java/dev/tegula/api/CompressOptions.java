package dev.tegula.api;

/** How {@link Tegula#compress} writes a .tgl file: the mode, the lossy quality, the tile size. */
public final class CompressOptions {
  public static final int DEFAULT_QUALITY = 75;
  public static final int DEFAULT_TILE_SIZE = 512;
  /** Lossy at quality 75, tiles of 512. */
  public static final CompressOptions DEFAULT =
      new CompressOptions(false, DEFAULT_QUALITY, DEFAULT_TILE_SIZE);

  private final boolean lossless;
  private final int quality;
  private final int tileSize;

  private CompressOptions(boolean lossless, int quality, int tileSize) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0-100, not " + quality);
    }
    if (tileSize < 16 || tileSize > 4096) {
      throw new IllegalArgumentException("tile size must be 16-4096, not " + tileSize);
    }
    this.lossless = lossless;
    this.quality = quality;
    this.tileSize = tileSize;
  }

  /** Every sample restored exactly, alpha and 16-bit samples included. */
  public static CompressOptions lossless() {
    return new CompressOptions(true, 100, DEFAULT_TILE_SIZE);
  }

  /** Lossy colour at {@code quality} 0-100, higher is better and larger; alpha stays exact. */
  public static CompressOptions lossy(int quality) {
    return new CompressOptions(false, quality, DEFAULT_TILE_SIZE);
  }

  /** Square tiles of {@code side} pixels, 16-4096. */
  public CompressOptions withTileSize(int side) {
    return new CompressOptions(lossless, quality, side);
  }

  public boolean isLossless() {
    return lossless;
  }

  /** The lossy quality (100 for lossless). */
  public int quality() {
    return quality;
  }

  public int tileSize() {
    return tileSize;
  }

  @Override
  public String toString() {
    return (lossless ? "lossless" : "lossy q" + quality) + ", tiles " + tileSize;
  }
}
