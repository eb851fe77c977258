package dev.tegula.api;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * What {@link Tegula#compress} and {@link Tegula#compressFile} do: the output format (.tgl, JPEG
 * or PNG), the lossy quality or a target (file size or SSIM) that picks it, the resize, grey,
 * orientation and metadata steps, and format details (tile size, PNG effort). Immutable; each
 * {@code withX} returns a copy and refuses a bad value at once, {@link #problem()} names a
 * combination that cannot work (so that callers can refuse it before any work).
 */
public final class CompressOptions {
  public static final int DEFAULT_QUALITY = 75;
  public static final int DEFAULT_TILE_SIZE = 512;
  /**
   * A PNG compress's effort: 3, the encoder's own default (Tegula's deflate coder on the best
   * filter strategy). Against {@link #FAST_PNG_EFFORT}, session 37 (3 Dec): on the JVM (one
   * thread, thread CPU; the corpus's 10 photos, 4 graphics and 3 alpha files, a 12 MP photo) 1.0-
   * 3.5x its time (1.8x at 12 MP; a compress runs the encoder's jobs on every core) for files
   * 3-14 % smaller (4.9 % at 12 MP); in Chromium (Wasm, one worker) 1.12x on a 0.26 MP photo and
   * 1.43x at 12 MP for 5.7 % and 6.9 % smaller, on a synthetic graphic of far repeats 2.5x for 23
   * % smaller (FilterSearch.ZLIB_GUARD_PERCENT). Until session 37 compress took effort 1, chosen
   * when effort 3 was 3-16x slower for files 4-11 % smaller; on the graphics corpus effort 1's
   * files are 10 % larger than OxiPNG's as Squoosh ships it, effort 3's 1.9 %.
   */
  public static final int DEFAULT_PNG_EFFORT = 3;
  /**
   * The fast PNG effort (filters from fast trials, zlib level 6) of interactive PNGs and batch
   * restores: {@link Tegula#encodePng(dev.tegula.core.Image, dev.tegula.core.Metadata)} (the
   * app's downloads, heatmaps) and {@code tegula restore}, where a PNG is a way to see the
   * pixels rather than the file a user asked to make small.
   */
  public static final int FAST_PNG_EFFORT = 1;
  /**
   * .tgl lossless effort 2 (dev.tegula.tgl.TglEncodeOptions#withEffort): the fast method;
   * effort 4 is a few percent smaller and several times slower to compress and to restore.
   */
  public static final int DEFAULT_EFFORT = 2;
  /** Lossy .tgl at quality 75, tiles of 512. */
  public static final CompressOptions DEFAULT = new CompressOptions(false, DEFAULT_QUALITY);

  /** Why 4:2:2 is refused for .tgl, wherever it is refused. */
  static final String TGL_NO_422 = ".tgl keeps chroma at full resolution (4:4:4) or halves it "
      + "both ways (4:2:0); 4:2:2 is JPEG's only";

  private ImageFormat format = ImageFormat.TGL;
  private boolean lossless;
  private int quality;
  private int tileSize = DEFAULT_TILE_SIZE;
  private long maxSizeBytes;
  private double targetSsim;
  private int maxDimension;
  private boolean gammaCorrectResize;
  private boolean grayscale;
  private boolean stripMetadata;
  private boolean stripGps;
  private boolean keepOrientation;
  private int pngEffort = DEFAULT_PNG_EFFORT;
  private int effort = DEFAULT_EFFORT;
  private boolean jpegLossless;
  /** Null for the default, {@link JpegCoding#FAST}; set, it needs {@link #jpegLossless}. */
  private JpegCoding jpegCoding;
  private JpegEncodeOptions.Subsampling chroma;
  private boolean jpegBaseline;
  private int jpegRestartInterval;

  private CompressOptions(boolean lossless, int quality) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0-100, not " + quality);
    }
    this.lossless = lossless;
    this.quality = quality;
  }

  /** Every sample restored exactly, alpha and 16-bit samples included. */
  public static CompressOptions lossless() {
    return new CompressOptions(true, 100);
  }

  /** Lossy colour at {@code quality} 0-100, higher is better and larger; alpha stays exact. */
  public static CompressOptions lossy(int quality) {
    return new CompressOptions(false, quality);
  }

  private CompressOptions copy() {
    CompressOptions c = new CompressOptions(lossless, quality);
    c.format = format;
    c.tileSize = tileSize;
    c.maxSizeBytes = maxSizeBytes;
    c.targetSsim = targetSsim;
    c.maxDimension = maxDimension;
    c.gammaCorrectResize = gammaCorrectResize;
    c.grayscale = grayscale;
    c.stripMetadata = stripMetadata;
    c.stripGps = stripGps;
    c.keepOrientation = keepOrientation;
    c.pngEffort = pngEffort;
    c.effort = effort;
    c.jpegLossless = jpegLossless;
    c.jpegCoding = jpegCoding;
    c.chroma = chroma;
    c.jpegBaseline = jpegBaseline;
    c.jpegRestartInterval = jpegRestartInterval;
    return c;
  }

  /** .tgl (default), JPEG or PNG (always lossless, quality and targets do not apply). */
  public CompressOptions withFormat(ImageFormat f) {
    if (f == null) {
      throw new IllegalArgumentException("format must not be null");
    }
    CompressOptions c = copy();
    c.format = f;
    return c;
  }

  /** Square .tgl tiles of {@code side} pixels, 16-4096. */
  public CompressOptions withTileSize(int side) {
    if (side < 16 || side > 4096) {
      throw new IllegalArgumentException("tile size must be 16-4096, not " + side);
    }
    CompressOptions c = copy();
    c.tileSize = side;
    return c;
  }

  /**
   * The highest quality whose file has at most {@code bytes} bytes (JPEG and lossy .tgl); 0 for
   * none. {@link Tegula#compressFile} fails when even quality 0 does not fit.
   */
  public CompressOptions withMaxSizeBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("the maximum size must be positive, not " + bytes);
    }
    CompressOptions c = copy();
    c.maxSizeBytes = bytes;
    return c;
  }

  /**
   * The lowest quality whose decoded output has at least this SSIM against the (resized) source
   * (JPEG and lossy .tgl), a file over the band possibly trimmed into it ({@link
   * CompressResult#trimmed}); 0 for none, else above 0 and below 1.
   */
  public CompressOptions withTargetSsim(double ssim) {
    if (!(ssim == 0 || (ssim > 0 && ssim < 1))) {
      throw new IllegalArgumentException("the target SSIM must be above 0 and below 1, not "
          + ssim);
    }
    CompressOptions c = copy();
    c.targetSsim = ssim;
    return c;
  }

  /** Shrink so that neither side exceeds {@code side} pixels (never enlarges); 0 for no resize. */
  public CompressOptions withMaxDimension(int side) {
    if (side < 0) {
      throw new IllegalArgumentException("the maximum dimension must be positive, not " + side);
    }
    CompressOptions c = copy();
    c.maxDimension = side;
    return c;
  }

  /** Resize in linear light (slower; keeps fine bright detail from darkening). */
  public CompressOptions withGammaCorrectResize(boolean on) {
    CompressOptions c = copy();
    c.gammaCorrectResize = on;
    return c;
  }

  /**
   * Convert to grey (Rec. 709 luma), stored as one channel plus alpha where the format can and
   * the ICC profile is not a colour one without an exact grey equivalent (a colour profile is
   * invalid on one channel: such a file keeps three, with grey pixels).
   */
  public CompressOptions withGrayscale(boolean on) {
    CompressOptions c = copy();
    c.grayscale = on;
    return c;
  }

  /**
   * Write no metadata at all (EXIF, ICC, XMP, text). The pixels are not converted, so colours
   * are then read as sRGB: an image with a wide-gamut ICC profile looks duller.
   */
  public CompressOptions withStripMetadata(boolean on) {
    CompressOptions c = copy();
    c.stripMetadata = on;
    return c;
  }

  /** Remove only the location (EXIF GPS IFD, XMP with GPS fields); the rest is kept. */
  public CompressOptions withStripGps(boolean on) {
    CompressOptions c = copy();
    c.stripGps = on;
    return c;
  }

  /**
   * Keep the pixels as stored and the EXIF orientation tag as it is; by default the image is
   * turned upright and the tag reset to 1.
   */
  public CompressOptions withKeepOrientation(boolean on) {
    CompressOptions c = copy();
    c.keepOrientation = on;
    return c;
  }

  /**
   * PNG encoder effort 0-4 (dev.tegula.png.PngEncodeOptions); 0 and 1 compress with zlib level 6
   * (fast), 2 with level 9, 3 and 4 with Tegula's own deflate coder; default 1.
   */
  public CompressOptions withPngEffort(int effort) {
    if (effort < 0 || effort > 4) {
      throw new IllegalArgumentException("PNG effort must be 0-4, not " + effort);
    }
    CompressOptions c = copy();
    c.pngEffort = effort;
    return c;
  }

  /**
   * .tgl lossless effort 1-4 (default 2), for lossless colour and for alpha in both modes: 1-3
   * the fast method, 4 the strongest (docs/format-lossless.md §8).
   */
  public CompressOptions withEffort(int effort) {
    if (effort < 1 || effort > 4) {
      throw new IllegalArgumentException("effort must be 1-4, not " + effort);
    }
    CompressOptions c = copy();
    c.effort = effort;
    return c;
  }

  /**
   * A JPEG input kept bit for bit (docs/format-jpeg.md): its coefficients are stored losslessly
   * in .tgl and {@link Tegula#restoreOriginal} gives the same file back. Nothing is decoded,
   * resized or re-encoded, so the pixel options do not apply.
   */
  public CompressOptions withJpegLossless(boolean on) {
    CompressOptions c = copy();
    c.jpegLossless = on;
    return c;
  }

  /**
   * With {@link #withJpegLossless}: how the coefficients are coded ({@link JpegCoding#FAST} when
   * not set). Either file restores to the same JPEG.
   */
  public CompressOptions withJpegCoding(JpegCoding coding) {
    if (coding == null) {
      throw new IllegalArgumentException("the JPEG coding must not be null");
    }
    CompressOptions c = copy();
    c.jpegCoding = coding;
    return c;
  }

  /**
   * Lossy output's chroma resolution whatever the quality, or null (the default) for the
   * encoder's choice by quality: 4:2:0 below 97, 4:4:4 from there on (a size or SSIM search may
   * then also fill the jump at 97 with 4:4:4). JPEG takes 4:4:4, 4:2:2 and 4:2:0; .tgl 4:4:4
   * and 4:2:0 (its format has no 4:2:2: {@link #problem()} refuses it).
   */
  public CompressOptions withChroma(JpegEncodeOptions.Subsampling s) {
    CompressOptions c = copy();
    c.chroma = s;
    return c;
  }

  /** {@link #withChroma}, by its name from when only JPEG had the choice. */
  public CompressOptions withJpegSubsampling(JpegEncodeOptions.Subsampling s) {
    return withChroma(s);
  }

  /**
   * JPEG output as baseline sequential (SOF0, optimized Huffman tables) instead of progressive
   * (the default, a few percent smaller): for decoders that cannot read progressive files.
   */
  public CompressOptions withJpegBaseline(boolean on) {
    CompressOptions c = copy();
    c.jpegBaseline = on;
    return c;
  }

  /**
   * JPEG output with a restart marker every {@code mcus} MCUs (T.81 §B.2.4.4), 0-65535; 0 (the
   * default) for none. Restart markers let a damaged file resynchronize, at a small cost in size.
   */
  public CompressOptions withJpegRestartInterval(int mcus) {
    if (mcus < 0 || mcus > 65535) {
      throw new IllegalArgumentException("the restart interval must be 0-65535 MCUs, not " + mcus);
    }
    CompressOptions c = copy();
    c.jpegRestartInterval = mcus;
    return c;
  }

  /**
   * Why these options cannot work together, or null when they can. Checked by {@link
   * Tegula#compressFile} before it decodes anything.
   */
  public String problem() {
    boolean target = maxSizeBytes > 0 || targetSsim > 0;
    if (maxSizeBytes > 0 && targetSsim > 0) {
      return "a maximum size and a target SSIM exclude each other";
    }
    if (format == ImageFormat.PNG && target) {
      return "PNG is lossless: a maximum size or target SSIM needs JPEG or .tgl";
    }
    if (format == ImageFormat.JPEG && lossless) {
      return "lossless is not possible with JPEG";
    }
    if (lossless && target) {
      return "lossless leaves nothing to choose: a maximum size or target SSIM needs lossy";
    }
    if (jpegLossless && (format != ImageFormat.TGL || target || maxDimension > 0 || grayscale
        || stripMetadata || stripGps)) {
      return "JPEG-lossless keeps the JPEG file as it is: it writes .tgl and cannot resize, "
          + "convert to grey, strip metadata or aim at a size or SSIM";
    }
    if (jpegCoding != null && !jpegLossless) {
      return "the JPEG coding is a choice of JPEG-lossless storage";
    }
    boolean jpegDetail = jpegBaseline || jpegRestartInterval > 0;
    if (jpegDetail && (format != ImageFormat.JPEG || jpegLossless)) {
      return "baseline and restart intervals are options of JPEG output";
    }
    if (chroma != null && (isLossless() || jpegLossless)) {
      return "the chroma resolution is a choice of lossy JPEG and .tgl output";
    }
    if (chroma == JpegEncodeOptions.Subsampling.S422 && format == ImageFormat.TGL) {
      return TGL_NO_422;
    }
    if (chroma != null && grayscale) {
      return "grey output has no chroma to subsample";
    }
    return null;
  }

  public ImageFormat format() {
    return format;
  }

  /** True for lossless .tgl and for PNG. */
  public boolean isLossless() {
    return lossless || format == ImageFormat.PNG;
  }

  /** The lossy quality (100 for lossless); the starting point only when a target is set. */
  public int quality() {
    return quality;
  }

  public int tileSize() {
    return tileSize;
  }

  /** 0 when there is no size target. */
  public long maxSizeBytes() {
    return maxSizeBytes;
  }

  /** 0 when there is no SSIM target. */
  public double targetSsim() {
    return targetSsim;
  }

  /** 0 when there is no resize. */
  public int maxDimension() {
    return maxDimension;
  }

  public boolean gammaCorrectResize() {
    return gammaCorrectResize;
  }

  public boolean grayscale() {
    return grayscale;
  }

  public boolean stripMetadata() {
    return stripMetadata;
  }

  public boolean stripGps() {
    return stripGps;
  }

  public boolean keepOrientation() {
    return keepOrientation;
  }

  public int pngEffort() {
    return pngEffort;
  }

  public int effort() {
    return effort;
  }

  public boolean jpegLossless() {
    return jpegLossless;
  }

  /** JPEG-lossless storage's coefficient coding ({@link JpegCoding#FAST} unless set). */
  public JpegCoding jpegCoding() {
    return jpegCoding == null ? JpegCoding.FAST : jpegCoding;
  }

  /** Lossy output's chroma resolution, or null for the encoder's choice by quality. */
  public JpegEncodeOptions.Subsampling chroma() {
    return chroma;
  }

  /** {@link #chroma()}, by its name from when only JPEG had the choice. */
  public JpegEncodeOptions.Subsampling jpegSubsampling() {
    return chroma;
  }

  public boolean jpegBaseline() {
    return jpegBaseline;
  }

  /** MCUs between JPEG restart markers, 0 for none. */
  public int jpegRestartInterval() {
    return jpegRestartInterval;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (jpegLossless) {
      return jpegCoding() == JpegCoding.ADAPTIVE ? "JPEG-lossless, adaptive coding"
          : "JPEG-lossless";
    }
    if (format == ImageFormat.PNG) {
      sb.append("PNG effort ").append(pngEffort);
    } else {
      sb.append(format == ImageFormat.JPEG ? "JPEG " : "");
      sb.append(lossless ? "lossless" : maxSizeBytes > 0 ? "max " + maxSizeBytes + " bytes"
          : targetSsim > 0 ? "SSIM " + targetSsim : "lossy q" + quality);
      if (format == ImageFormat.TGL) {
        sb.append(", tiles ").append(tileSize);
        if (effort != DEFAULT_EFFORT) {
          sb.append(", effort ").append(effort);
        }
      }
    }
    if (maxDimension > 0) {
      sb.append(", max side ").append(maxDimension).append(gammaCorrectResize ? " (linear)" : "");
    }
    sb.append(chroma != null ? ", " + chroma.label() : "");
    if (format == ImageFormat.JPEG) {
      sb.append(jpegBaseline ? ", baseline" : "");
      sb.append(jpegRestartInterval > 0 ? ", restart every " + jpegRestartInterval + " MCUs" : "");
    }
    if (grayscale) {
      sb.append(", grey");
    }
    return sb.toString();
  }
}
