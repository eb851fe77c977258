package dev.tegula.jpeg;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;

/**
 * Encodes images as JPEG (ITU-T T.81 | ISO/IEC 10918-1): baseline sequential (SOF0) or progressive
 * (SOF2) Huffman coding, 8-bit YCbCr 4:4:4 / 4:2:2 / 4:2:0 or grayscale, optimized or typical
 * Huffman tables, restart intervals, with ICC (APP2), EXIF and XMP (APP1) carried verbatim and a
 * JFIF APP0 when there is no EXIF.
 *
 * <p>The pipeline, one class per stage: {@link BlockTransform} (colour conversion {@link
 * ColorToYcc}, chroma downsampling and pre-emphasis {@link Downsampler}, forward DCT {@link
 * ForwardDct}), {@link Quantizer} (tables {@link QuantTables}, masking {@link
 * AdaptiveQuantization}, rate-distortion rounding {@link TrellisQuantizer}), {@link FrameWriter}
 * (segments {@link MarkerWriter}, progressive script {@link ScanOptimizer}, entropy coding {@link
 * ScanEncoder} with {@link HuffmanOptimizer}). {@link #prepare} runs the first stage (and the
 * masking analysis) once for a search's encodes at several qualities ({@link PreparedJpeg}),
 * which can also fit an encode a little over a byte budget into it ({@link BudgetTrim}). All
 * arithmetic is integer, so the bytes are the same on every JVM and under WebAssembly (checked: 90
 * encodes byte-identical between the JVM and a TeaVM WasmGC build in Chromium).
 *
 * <p>Psychovisual coding ({@link JpegEncodeOptions#psychovisual()}) against libjpeg-turbo's
 * {@code cjpeg -optimize -sample 2x2}, BD-rate by shared/tools/rd.py on the 10 developer photos
 * (quality 10-99): PSNR -25.4 %, SSIM -17.3 %, butteraugli 3-norm -22.4 %, SSIMULACRA -13.0 %.
 * Roughly what each tool gives (SSIM / butteraugli): flat psychovisual tables -10 / -11, trellis
 * -1 / -2, per-image progressive scans -3 / -3, chroma pre-emphasis -0 / -3 (4:2:0), masking AQ
 * -0.3 / -0.5.
 */
public final class JpegEncoder {
  private JpegEncoder() {}

  /** JPEG frame sides are 16-bit (T.81 §B.2.2). */
  public static final int MAX_SIDE = 65535;

  /**
   * Encodes {@code image} (alpha is composited over white; 16-bit samples use their 8-bit
   * version).
   *
   * @param metadata ICC, EXIF, XMP and comments to embed, or null for none
   * @throws IllegalArgumentException when an argument is null, the image is larger than
   *     65535 pixels on a side, or metadata does not fit its JPEG segments (EXIF or XMP over 64 KB,
   *     ICC over 255 chunks)
   */
  public static byte[] encode(Image image, Metadata metadata, JpegEncodeOptions options) {
    return encode(image, metadata, options, EncoderTuning.defaults());
  }

  static byte[] encode(Image image, Metadata metadata, JpegEncodeOptions options,
      EncoderTuning tuning) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    checkSides(image);
    Metadata meta = metadata == null ? Metadata.EMPTY : metadata;
    checkMetadata(meta);
    return prepare(image, options, tuning).encode(meta, options, true);
  }

  /**
   * Prepares {@code image} for encodes with options whose grey output, chroma subsampling and
   * psychovisual coding are those of {@code options} (its quality, lambda, progression, Huffman
   * tables and restart interval do not matter): the work a quality search would otherwise redo
   * at every quality ({@link PreparedJpeg}).
   *
   * @throws IllegalArgumentException when an argument is null or the image is larger than 65535
   *     pixels on a side
   */
  public static PreparedJpeg prepare(Image image, JpegEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    checkSides(image);
    return prepare(image, options, EncoderTuning.defaults());
  }

  static PreparedJpeg prepare(Image image, JpegEncodeOptions options, EncoderTuning tuning) {
    int width = image.width();
    int height = image.height();
    boolean gray = options.grayscale();
    JpegEncodeOptions.Subsampling s = gray ? JpegEncodeOptions.Subsampling.S444
        : options.subsampling();
    int hmax = s.h;
    int vmax = s.v;
    int mcusX = (width + 8 * hmax - 1) / (8 * hmax);
    int mcusY = (height + 8 * vmax - 1) / (8 * vmax);
    boolean psy = options.psychovisual();
    // the number of tables (psychovisual colour has separate Cb and Cr ones) does not depend on
    // the quality
    EncoderComponent[] comps = components(gray, width, height, hmax, vmax, mcusX, mcusY,
        tables(options, tuning).length);
    byte[] rgba = image.rgba();
    BlockTransform.run(rgba, width, height, comps, hmax, vmax, mcusX, mcusY,
        psy ? tuning.chromaSharpen : 0);
    return new PreparedJpeg(gray, s, psy, tuning, width, height, mcusX, mcusY, comps,
        psy ? Quantizer.activity(comps) : null, rgba.length / 16 + 4096);
  }

  /** The quantization tables of an encode with these options. */
  static int[][] tables(JpegEncodeOptions options, EncoderTuning tuning) {
    boolean gray = options.grayscale();
    if (!options.psychovisual()) {
      return QuantTables.classic(options.qualityHundredths(), gray ? 1 : 3);
    }
    return QuantTables.psychovisual(options.qualityHundredths(), gray ? 1 : 3,
        !gray && options.subsampling() == JpegEncodeOptions.Subsampling.S444, tuning);
  }

  private static void checkSides(Image image) {
    if (image.width() > MAX_SIDE || image.height() > MAX_SIDE) {
      throw new IllegalArgumentException("JPEG sides are at most " + MAX_SIDE
          + " pixels; the image is " + image.width() + "x" + image.height());
    }
  }

  static void checkMetadata(Metadata meta) {
    if (meta.exif() != null
        && meta.exif().length > MarkerWriter.MAX_SEGMENT_DATA - MarkerWriter.EXIF_ID.length) {
      throw new IllegalArgumentException("EXIF of " + meta.exif().length
          + " bytes does not fit a JPEG APP1 segment (at most "
          + (MarkerWriter.MAX_SEGMENT_DATA - MarkerWriter.EXIF_ID.length) + ")");
    }
    if (meta.xmp() != null
        && meta.xmp().length > MarkerWriter.MAX_SEGMENT_DATA - MarkerWriter.XMP_ID.length) {
      throw new IllegalArgumentException("XMP of " + meta.xmp().length
          + " bytes does not fit a JPEG APP1 segment (at most "
          + (MarkerWriter.MAX_SEGMENT_DATA - MarkerWriter.XMP_ID.length) + ")");
    }
    if (meta.icc() != null && meta.icc().length > 255L * MarkerWriter.ICC_CHUNK) {
      throw new IllegalArgumentException("ICC profile of " + meta.icc().length
          + " bytes needs more than 255 APP2 chunks");
    }
  }

  /** Components per §A.1.1: luminance at the maximum sampling, chroma at 1x1. */
  static EncoderComponent[] components(boolean gray, int width, int height, int hmax, int vmax,
      int mcusX, int mcusY, int quantTables) {
    int lumaW = (width + 7) / 8;
    int lumaH = (height + 7) / 8;
    EncoderComponent y = new EncoderComponent(1, 0, hmax, vmax, 0, 0, mcusX * hmax, mcusY * vmax,
        lumaW, lumaH);
    if (gray) {
      return new EncoderComponent[] {y};
    }
    int cw = ((width + hmax - 1) / hmax + 7) / 8;
    int ch = ((height + vmax - 1) / vmax + 7) / 8;
    return new EncoderComponent[] {
      y,
      new EncoderComponent(2, 1, 1, 1, 1, 1, mcusX, mcusY, cw, ch),
      new EncoderComponent(3, 2, 1, 1, quantTables > 2 ? 2 : 1, 1, mcusX, mcusY, cw, ch)
    };
  }
}
