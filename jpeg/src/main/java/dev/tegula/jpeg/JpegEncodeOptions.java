package dev.tegula.jpeg;

/**
 * How {@link JpegEncoder} writes a JPEG file.
 *
 * @param quality 0-100, higher is better and larger; the scale is close to libjpeg's (quality 75
 *     looks about like cjpeg's 75) but the files are smaller; the whole part of
 *     {@code qualityHundredths}
 * @param subsampling chroma resolution; ignored for grayscale
 * @param progressive progressive (SOF2) instead of baseline sequential (SOF0); progressive scans
 *     always use optimized Huffman tables, as libjpeg-turbo does
 * @param optimizeHuffman Huffman tables built from the image's statistics (T.81 Annex K.2) instead
 *     of the typical tables of Annex K.3
 * @param restartInterval MCUs between restart markers (T.81 §B.2.4.4), 0 for none, at most 65535
 * @param grayscale write one luminance component only
 * @param psychovisual psychovisual quantization tables, adaptive quantization and rate-distortion
 *     optimized rounding; false gives libjpeg's Annex K tables scaled as cjpeg scales them, with
 *     plain rounding (useful for comparisons)
 * @param qualityHundredths the quality in hundredths, 0-10000, for a target-size search: the
 *     quantization tables move continuously between two whole qualities (integer arithmetic, so
 *     the JVM and Wasm write the same bytes), and a whole quality q written as 100 q gives
 *     exactly the file of q
 * @param lambdaHundredths the rate-distortion trellis's lambda (its price of a bit in squared
 *     quantization error) in hundredths of the encoder's own, {@link #MIN_LAMBDA}-{@link
 *     #MAX_LAMBDA}, default {@link #DEFAULT_LAMBDA} (x1.00, the encoder's file): a second rate
 *     knob at fixed quantization tables for a target search, since one hundredth of quality can
 *     move a table entry by a whole step. Larger zeroes more small AC coefficients (smaller
 *     file, lower SSIM), smaller keeps more (0 rounds every AC to nearest). Psychovisual coding
 *     only; plain rounding ignores it
 */
public record JpegEncodeOptions(
    int quality,
    Subsampling subsampling,
    boolean progressive,
    boolean optimizeHuffman,
    int restartInterval,
    boolean grayscale,
    boolean psychovisual,
    int qualityHundredths,
    int lambdaHundredths) {

  /** Chroma subsampling: horizontal x vertical luma sampling factors over chroma. */
  public enum Subsampling {
    /** Full-resolution chroma (sampling 1x1). */
    S444(1, 1),
    /** Chroma halved horizontally (luma 2x1). */
    S422(2, 1),
    /** Chroma halved both ways (luma 2x2), the usual choice for photographs. */
    S420(2, 2);

    final int h;
    final int v;

    Subsampling(int h, int v) {
      this.h = h;
      this.v = v;
    }

    /** "4:4:4", "4:2:2" or "4:2:0". */
    public String label() {
      return this == S444 ? "4:4:4" : this == S422 ? "4:2:2" : "4:2:0";
    }
  }

  public static final int DEFAULT_QUALITY = 75;

  /** The encoder's own trellis lambda, x1.00 in {@link #lambdaHundredths}. */
  public static final int DEFAULT_LAMBDA = 100;
  /** The lambda range, in hundredths of the encoder's own: x0 (nearest rounding) to x8. */
  public static final int MIN_LAMBDA = 0;
  public static final int MAX_LAMBDA = 800;

  /**
   * Quality at and above which {@link #ofQuality} keeps chroma at full resolution. Below it,
   * 4:2:0 with pre-emphasized chroma scores better per byte on SSIM, butteraugli and SSIMULACRA
   * (developer photo corpus); at the top, whoever asks for near-lossless gets fine colour detail
   * (coloured text, saturated edges) too.
   */
  public static final int FULL_CHROMA_FROM_QUALITY = 97;

  /** {@link #ofQuality} 75: progressive, 4:2:0, optimized tables, psychovisual coding. */
  public static final JpegEncodeOptions DEFAULT = ofQuality(DEFAULT_QUALITY);

  public JpegEncodeOptions {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be 0-100, not " + quality);
    }
    if (qualityHundredths < 0 || qualityHundredths > 10000) {
      throw new IllegalArgumentException(
          "JPEG quality must be 0-10000 hundredths, not " + qualityHundredths);
    }
    if (qualityHundredths / 100 != quality) {
      throw new IllegalArgumentException("quality " + quality + " is not the whole part of "
          + qualityHundredths + " hundredths");
    }
    if (subsampling == null) {
      throw new IllegalArgumentException("subsampling must not be null");
    }
    if (restartInterval < 0 || restartInterval > 65535) {
      throw new IllegalArgumentException(
          "restart interval must be 0-65535 MCUs, not " + restartInterval);
    }
    if (lambdaHundredths < MIN_LAMBDA || lambdaHundredths > MAX_LAMBDA) {
      throw new IllegalArgumentException("trellis lambda must be " + MIN_LAMBDA + "-" + MAX_LAMBDA
          + " hundredths of the encoder's own, not " + lambdaHundredths);
    }
  }

  /** Options with the encoder's own trellis lambda ({@link #DEFAULT_LAMBDA}). */
  public JpegEncodeOptions(int quality, Subsampling subsampling, boolean progressive,
      boolean optimizeHuffman, int restartInterval, boolean grayscale, boolean psychovisual,
      int qualityHundredths) {
    this(quality, subsampling, progressive, optimizeHuffman, restartInterval, grayscale,
        psychovisual, qualityHundredths, DEFAULT_LAMBDA);
  }

  /** Options at a whole quality (hundredths 100 {@code quality}). */
  public JpegEncodeOptions(int quality, Subsampling subsampling, boolean progressive,
      boolean optimizeHuffman, int restartInterval, boolean grayscale, boolean psychovisual) {
    this(quality, subsampling, progressive, optimizeHuffman, restartInterval, grayscale,
        psychovisual, wholeToHundredths(quality));
  }

  private static int wholeToHundredths(int quality) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be 0-100, not " + quality);
    }
    return quality * 100;
  }

  /**
   * The recommended settings for a quality: progressive, optimized tables, psychovisual coding,
   * 4:2:0 below {@link #FULL_CHROMA_FROM_QUALITY} and 4:4:4 from there on, no restart markers.
   */
  public static JpegEncodeOptions ofQuality(int quality) {
    return ofQualityHundredths(wholeToHundredths(quality));
  }

  /**
   * {@link #ofQuality} on the fine scale, 0-10000; the chroma choice follows the whole part, so
   * that the size grows monotonically with the fine quality.
   */
  public static JpegEncodeOptions ofQualityHundredths(int hundredths) {
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException(
          "JPEG quality must be 0-10000 hundredths, not " + hundredths);
    }
    int quality = hundredths / 100;
    Subsampling s = quality >= FULL_CHROMA_FROM_QUALITY ? Subsampling.S444 : Subsampling.S420;
    return new JpegEncodeOptions(quality, s, true, true, 0, false, true, hundredths);
  }

  /**
   * The scale of the psychovisual quantization tables at a fine quality, in hundredths of a
   * percent of the base tables: the encoder's real rate knob. A search for a file size can model
   * the size on it: it falls with every hundredth of quality up to 100, linearly between whole
   * qualities, whose scales are libjpeg's at an effective quality q + (100 - q) / 5 rounded down
   * (or halfway to the next one where that rounding would repeat the quality below's).
   */
  public static int tableScaleHundredths(int qualityHundredths) {
    if (qualityHundredths < 0 || qualityHundredths > 10000) {
      throw new IllegalArgumentException(
          "JPEG quality must be 0-10000 hundredths, not " + qualityHundredths);
    }
    return QuantTables.psychovisualScale(qualityHundredths);
  }

  /**
   * The psychovisual quantization tables the encoder writes for colour at a fine quality (T.81
   * §B.2.4.1; natural order): luma, Cb, Cr, with {@code fullChroma} the 4:4:4 chroma tables.
   * Everything else the psychovisual encoder decides follows from these tables and the chroma
   * subsampling, so two qualities with equal tables give the same file: a quality search can
   * skip a quality whose file it already holds.
   */
  public static int[][] psychovisualTables(int qualityHundredths, boolean fullChroma) {
    if (qualityHundredths < 0 || qualityHundredths > 10000) {
      throw new IllegalArgumentException(
          "JPEG quality must be 0-10000 hundredths, not " + qualityHundredths);
    }
    return QuantTables.psychovisual(qualityHundredths, 3, fullChroma, EncoderTuning.defaults());
  }

  public JpegEncodeOptions withQuality(int q) {
    return withQualityHundredths(wholeToHundredths(q));
  }

  public JpegEncodeOptions withQualityHundredths(int h) {
    if (h < 0 || h > 10000) {
      throw new IllegalArgumentException("JPEG quality must be 0-10000 hundredths, not " + h);
    }
    return new JpegEncodeOptions(h / 100, subsampling, progressive, optimizeHuffman,
        restartInterval, grayscale, psychovisual, h, lambdaHundredths);
  }

  public JpegEncodeOptions withSubsampling(Subsampling s) {
    return new JpegEncodeOptions(quality, s, progressive, optimizeHuffman, restartInterval,
        grayscale, psychovisual, qualityHundredths, lambdaHundredths);
  }

  public JpegEncodeOptions withProgressive(boolean p) {
    return new JpegEncodeOptions(quality, subsampling, p, optimizeHuffman, restartInterval,
        grayscale, psychovisual, qualityHundredths, lambdaHundredths);
  }

  public JpegEncodeOptions withOptimizeHuffman(boolean o) {
    return new JpegEncodeOptions(quality, subsampling, progressive, o, restartInterval, grayscale,
        psychovisual, qualityHundredths, lambdaHundredths);
  }

  public JpegEncodeOptions withRestartInterval(int mcus) {
    return new JpegEncodeOptions(quality, subsampling, progressive, optimizeHuffman, mcus,
        grayscale, psychovisual, qualityHundredths, lambdaHundredths);
  }

  public JpegEncodeOptions withGrayscale(boolean g) {
    return new JpegEncodeOptions(quality, subsampling, progressive, optimizeHuffman,
        restartInterval, g, psychovisual, qualityHundredths, lambdaHundredths);
  }

  public JpegEncodeOptions withPsychovisual(boolean p) {
    return new JpegEncodeOptions(quality, subsampling, progressive, optimizeHuffman,
        restartInterval, grayscale, p, qualityHundredths, lambdaHundredths);
  }

  /**
   * The trellis lambda in hundredths of the encoder's own ({@link #lambdaHundredths}); x1.00
   * ({@link #DEFAULT_LAMBDA}) writes the same bytes as without it.
   */
  public JpegEncodeOptions withLambdaHundredths(int h) {
    return new JpegEncodeOptions(quality, subsampling, progressive, optimizeHuffman,
        restartInterval, grayscale, psychovisual, qualityHundredths, h);
  }
}
