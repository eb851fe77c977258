package dev.tegula.tgl;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.RgbaTarget;

/**
 * Reads .tgl files (docs/format.md). {@link #decode} does it all in the calling thread; callers
 * who want tiles decoded in parallel {@link #open} the file and run the {@link TglDecoding} job's
 * tiles on their own threads. EXIF orientation is reported and applied by {@code
 * dev.tegula.api.Tegula}, as for the other formats.
 */
public final class TglDecoder {
  private TglDecoder() {}

  /** Whether {@code data} starts with the .tgl signature (format.md §2). */
  public static boolean looksLikeTgl(byte[] data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    return TglParser.hasSignature(data);
  }

  /**
   * Reads the structure: header, metadata, chunk list and tile positions; checks the limits. No
   * pixel memory is allocated and no tile data is read.
   */
  public static TglFile open(byte[] data, Limits limits) {
    return TglParser.parse(data, limits);
  }

  public static ImageInfo readInfo(byte[] data, Limits limits) {
    return open(data, limits).info();
  }

  /** Allocates the image and returns the job that fills it tile by tile. */
  public static TglDecoding start(TglFile file) {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    requireImage(file);
    return new TglDecoding(file);
  }

  /**
   * The job that decodes an 8-bit image into {@code target}, turned upright by {@code
   * orientation} (EXIF, 1 for none) as its rows are stored. Run its tiles on one thread, then
   * {@link TglDecoding#finishInto}.
   */
  public static TglDecoding start(TglFile file, RgbaTarget target, int orientation) {
    if (file == null || target == null) {
      throw new IllegalArgumentException("file and target must not be null");
    }
    requireImage(file);
    return new TglDecoding(file, target, orientation);
  }

  /** Mode 2 holds a JPEG file, not pixels of its own. */
  private static void requireImage(TglFile file) {
    if (file.header().jpeg()) {
      throw new dev.tegula.core.UnsupportedFeatureException("this .tgl file holds a JPEG file "
          + "(mode 2, JPEG reconstruction): rebuild it with dev.tegula.recompress", 29);
    }
  }

  public static DecodedImage decode(byte[] data, Limits limits) {
    TglDecoding job = start(open(data, limits));
    for (int t = 0; t < job.tileCount(); t++) {
      job.runTile(t);
    }
    return job.finish();
  }
}
