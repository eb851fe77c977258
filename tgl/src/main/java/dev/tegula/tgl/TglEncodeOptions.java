package dev.tegula.tgl;

/** How to write a .tgl file: the mode, the lossy quality and the tile size. Immutable. */
public final class TglEncodeOptions {
  private final boolean lossless;
  private final int quality;
  private final int tileSize;
  private final boolean containerCodecsOnly;
  private final boolean alphaWithColour;

  private TglEncodeOptions(boolean lossless, int quality, int tileSize, boolean containerOnly,
      boolean alphaWithColour) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0-100, not " + quality);
    }
    if (tileSize < TglFormat.MIN_TILE_SIDE || tileSize > TglFormat.MAX_TILE_SIDE) {
      throw new IllegalArgumentException("tile size must be " + TglFormat.MIN_TILE_SIDE + "-"
          + TglFormat.MAX_TILE_SIDE + ", not " + tileSize);
    }
    this.lossless = lossless;
    this.quality = quality;
    this.tileSize = tileSize;
    this.containerCodecsOnly = containerOnly;
    this.alphaWithColour = alphaWithColour;
  }

  /** Pixels restored exactly, alpha and 16-bit samples included. */
  public static TglEncodeOptions lossless() {
    return new TglEncodeOptions(true, 0, TglFormat.DEFAULT_TILE_SIDE, false, false);
  }

  /** Lossy colour at {@code quality} 0-100 (higher is better and larger); alpha stays exact. */
  public static TglEncodeOptions lossy(int quality) {
    return new TglEncodeOptions(false, quality, TglFormat.DEFAULT_TILE_SIDE, false, false);
  }

  /** Square tiles of {@code side} pixels, 16-4096 (default 512). */
  public TglEncodeOptions withTileSize(int side) {
    return new TglEncodeOptions(lossless, quality, side, containerCodecsOnly, alphaWithColour);
  }

  /**
   * Tests of the container only: every plane is constant or stored (codecs 0 and 1), so the
   * container can be exercised without the pixel codecs. Not for real files.
   */
  TglEncodeOptions withContainerCodecsOnly() {
    return new TglEncodeOptions(lossless, quality, tileSize, true, alphaWithColour);
  }

  /**
   * Lossless mode: alpha coded in one plane with the colour (format.md §8.1 content 2) instead of
   * its own plane; for measuring which the codec prefers.
   */
  TglEncodeOptions withAlphaInColourPlane() {
    return new TglEncodeOptions(lossless, quality, tileSize, containerCodecsOnly, true);
  }

  public boolean isLossless() {
    return lossless;
  }

  /** The lossy quality; 0 for lossless. */
  public int quality() {
    return quality;
  }

  public int tileSize() {
    return tileSize;
  }

  boolean containerCodecsOnly() {
    return containerCodecsOnly;
  }

  boolean alphaWithColour() {
    return alphaWithColour;
  }
}
