package dev.tegula.core;

/**
 * What a decoder may be asked to allocate or process, checked before anything is allocated.
 * Immutable: the {@code with*} methods return a changed copy.
 */
public final class Limits {
  /** Defaults for untrusted input: 100 megapixels, sides up to 65535, 100 scans (as Chromium). */
  public static final Limits DEFAULT =
      new Limits(65_535, 65_535, 100_000_000L, 100, 10_000, 16 << 20, 65_536);

  private final int maxWidth;
  private final int maxHeight;
  private final long maxPixels;
  private final int maxScans;
  private final int maxSegments;
  private final int maxMetadataBytes;
  private final int maxTiles;

  private Limits(
      int maxWidth,
      int maxHeight,
      long maxPixels,
      int maxScans,
      int maxSegments,
      int maxMetadataBytes,
      int maxTiles) {
    if (maxWidth < 1 || maxHeight < 1 || maxPixels < 1 || maxScans < 1 || maxSegments < 1
        || maxMetadataBytes < 0 || maxTiles < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
    this.maxPixels = maxPixels;
    this.maxScans = maxScans;
    this.maxSegments = maxSegments;
    this.maxMetadataBytes = maxMetadataBytes;
    this.maxTiles = maxTiles;
  }

  public int maxWidth() {
    return maxWidth;
  }

  public int maxHeight() {
    return maxHeight;
  }

  public long maxPixels() {
    return maxPixels;
  }

  /** Scans in one JPEG (progressive files use many; LJT-01-003 is a file with thousands). */
  public int maxScans() {
    return maxScans;
  }

  /** Marker segments (JPEG) or chunks (PNG) in one file. */
  public int maxSegments() {
    return maxSegments;
  }

  /** Bytes of ICC, EXIF, XMP and text metadata kept from one file, after inflation. */
  public int maxMetadataBytes() {
    return maxMetadataBytes;
  }

  public int maxTiles() {
    return maxTiles;
  }

  public Limits withMaxDimensions(int width, int height) {
    return new Limits(width, height, maxPixels, maxScans, maxSegments, maxMetadataBytes, maxTiles);
  }

  public Limits withMaxPixels(long pixels) {
    return new Limits(maxWidth, maxHeight, pixels, maxScans, maxSegments, maxMetadataBytes, maxTiles);
  }

  public Limits withMaxScans(int scans) {
    return new Limits(maxWidth, maxHeight, maxPixels, scans, maxSegments, maxMetadataBytes, maxTiles);
  }

  public Limits withMaxSegments(int segments) {
    return new Limits(maxWidth, maxHeight, maxPixels, maxScans, segments, maxMetadataBytes, maxTiles);
  }

  public Limits withMaxMetadataBytes(int bytes) {
    return new Limits(maxWidth, maxHeight, maxPixels, maxScans, maxSegments, bytes, maxTiles);
  }

  public Limits withMaxTiles(int tiles) {
    return new Limits(maxWidth, maxHeight, maxPixels, maxScans, maxSegments, maxMetadataBytes, tiles);
  }

  /**
   * Checks a declared image size; call it after reading a header and before allocating.
   *
   * @param offset where the size was declared, for the error message
   */
  public void checkDimensions(long width, long height, long offset) {
    if (width < 1 || height < 1) {
      throw new MalformedInputException("image size " + width + "x" + height + " is empty", offset);
    }
    if (width > maxWidth || height > maxHeight) {
      throw new LimitExceededException(
          "image size " + width + "x" + height + " exceeds the limit of " + maxWidth + "x"
              + maxHeight, offset);
    }
    if (width * height > maxPixels) {
      throw new LimitExceededException(
          "image of " + (width * height) + " pixels exceeds the limit of " + maxPixels + " pixels",
          offset);
    }
  }

  /** Checks the count of scans seen so far (JPEG). */
  public void checkScans(int scans, long offset) {
    if (scans > maxScans) {
      throw new LimitExceededException("more than " + maxScans + " scans", offset);
    }
  }

  /** Checks the count of segments or chunks seen so far. */
  public void checkSegments(int segments, long offset) {
    if (segments > maxSegments) {
      throw new LimitExceededException("more than " + maxSegments + " segments", offset);
    }
  }

  /** Checks the metadata bytes kept so far. */
  public void checkMetadata(long bytes, long offset) {
    if (bytes > maxMetadataBytes) {
      throw new LimitExceededException(
          "metadata larger than the limit of " + maxMetadataBytes + " bytes", offset);
    }
  }

  /** Checks the count of tiles. */
  public void checkTiles(long tiles, long offset) {
    if (tiles > maxTiles) {
      throw new LimitExceededException("more than " + maxTiles + " tiles", offset);
    }
  }
}
