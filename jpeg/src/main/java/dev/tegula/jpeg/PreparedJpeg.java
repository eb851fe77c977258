package dev.tegula.jpeg;

import dev.tegula.core.GreyProfile;
import dev.tegula.core.Metadata;

/**
 * An image made ready for JPEG encodes at any quality and trellis lambda: its colour conversion,
 * chroma downsampling and pre-emphasis, forward DCT ({@link BlockTransform}) and, for
 * psychovisual coding, its blocks' masking activity ({@link AdaptiveQuantization}), none of which
 * depends on the quality. A quality search encodes one image several times; preparing it once per
 * chroma subsampling saves each encode that work, and every encode gives the same bytes as
 * {@link JpegEncoder#encode} with the same options.
 *
 * <p>The coefficients are held as shorts, 64 per block of the MCU-padded grid: about 3 bytes per
 * pixel at 4:2:0, 4 at 4:2:2, 6 at 4:4:4 and 2 for grey. Each encode quantizes a copy of them, so
 * while it runs the coefficients take twice that (the one-shot {@link JpegEncoder#encode}
 * quantizes them in place, as before). A trim to a budget adds 24 bytes a block while it runs
 * (its lambdas, prices, savings and heap: about 0.6 bytes a pixel at 4:2:0). The prepared value
 * keeps no reference to the image and is never changed by an encode.
 */
public final class PreparedJpeg {
  /**
   * The largest share of a budget that {@link #encode(Metadata, JpegEncodeOptions, int, double)}
   * may trim a file by.
   */
  public static final double MAX_TRIM_SHARE = 0.1;

  private final boolean grayscale;
  private final JpegEncodeOptions.Subsampling subsampling;
  private final boolean psychovisual;
  private final EncoderTuning tuning;
  private final int width;
  private final int height;
  private final int mcusX;
  private final int mcusY;
  /** Raw coefficients (natural order, times 8), quantized in place only by a last encode. */
  private final EncoderComponent[] components;
  /** Each component's eroded masking activity per block; null without psychovisual coding. */
  private final int[][] activity;
  private final int outputSizeHint;

  PreparedJpeg(boolean grayscale, JpegEncodeOptions.Subsampling subsampling, boolean psychovisual,
      EncoderTuning tuning, int width, int height, int mcusX, int mcusY,
      EncoderComponent[] components, int[][] activity, int outputSizeHint) {
    this.grayscale = grayscale;
    this.subsampling = subsampling;
    this.psychovisual = psychovisual;
    this.tuning = tuning;
    this.width = width;
    this.height = height;
    this.mcusX = mcusX;
    this.mcusY = mcusY;
    this.components = components;
    this.activity = activity;
    this.outputSizeHint = outputSizeHint;
  }

  /**
   * Whether {@link #encode} takes {@code options}: those whose grey output, chroma subsampling
   * (grey output has none) and psychovisual coding are the ones this was prepared for.
   */
  public boolean accepts(JpegEncodeOptions options) {
    return options != null && options.grayscale() == grayscale
        && options.psychovisual() == psychovisual
        && (grayscale || options.subsampling() == subsampling);
  }

  /**
   * The bytes {@link JpegEncoder#encode} gives for the prepared image with these options.
   *
   * @param metadata ICC, EXIF, XMP and comments to embed, or null for none
   * @throws IllegalArgumentException when {@code options} is null or not {@link #accepts
   *     accepted}, or metadata does not fit its JPEG segments
   */
  public byte[] encode(Metadata metadata, JpegEncodeOptions options) {
    return encode(metadata, options, false);
  }

  /**
   * {@link #encode}; {@code last} quantizes the prepared coefficients themselves, without a copy,
   * for the one-shot {@link JpegEncoder#encode}, which never encodes them again.
   */
  byte[] encode(Metadata metadata, JpegEncodeOptions options, boolean last) {
    return encode(metadata, options, last, 0, 0).file();
  }

  /**
   * A file fitted to a byte budget.
   *
   * @param file the bytes
   * @param trimmed whether coefficients were dropped to fit it (the encode alone was over)
   */
  public record Budgeted(byte[] file, boolean trimmed) {}

  /**
   * {@link #encode}, fitted to a budget: when the file is over {@code maxBytes} by at most
   * {@code trimShare} of it, its least valuable AC coefficients are dropped ({@link BudgetTrim})
   * until it fits, writing the file again each round (at most {@value #TRIM_ROUNDS}); otherwise,
   * or when it would not fit without dropping dearer coefficients ({@link BudgetTrim#MAX_PRICE})
   * or after those rounds, the file as encoded. The same options and budget give the same
   * bytes.
   *
   * @param maxBytes the budget, at least 1
   * @param trimShare the largest share of {@code maxBytes} a trim may remove, 0 to 0.1
   * @throws IllegalArgumentException as {@link #encode}, or for a budget or share out of range
   */
  public Budgeted encode(Metadata metadata, JpegEncodeOptions options, int maxBytes,
      double trimShare) {
    if (maxBytes < 1 || !(trimShare >= 0 && trimShare <= MAX_TRIM_SHARE)) {
      throw new IllegalArgumentException("budget " + maxBytes + " bytes, trim share " + trimShare
          + ": need at least 1 byte and a share from 0 to " + MAX_TRIM_SHARE);
    }
    return encode(metadata, options, false, maxBytes, trimShare);
  }

  /** Writes of a trimmed file at most: the first round usually lands, a second when it did not. */
  private static final int TRIM_ROUNDS = 3;
  /** What a trim aims under the budget, per mille of it: the estimate's error is about this. */
  private static final int TRIM_MARGIN_PER_MILLE = 4;

  private Budgeted encode(Metadata metadata, JpegEncodeOptions options, boolean last,
      int maxBytes, double trimShare) {
    requireAccepted(options);
    Metadata meta = metadata(metadata);
    int[][] tables = JpegEncoder.tables(options, tuning);
    EncoderComponent[] quantized = quantize(options, tables, last);
    byte[] file = FrameWriter.write(meta, width, height, tables, quantized, mcusX, mcusY,
        options, outputSizeHint);
    if (maxBytes == 0 || file.length <= maxBytes || file.length > maxBytes * (1 + trimShare)) {
      return new Budgeted(file, false);
    }
    BudgetTrim trim = new BudgetTrim(quantized, components, tables, lambdas(quantized, options));
    long goal = maxBytes - (long) maxBytes * TRIM_MARGIN_PER_MILLE / 1000;
    // real bits saved per thousand estimated: progressive scans code a tail +-1 in fewer bits
    long ratio = 1000;
    byte[] untrimmed = file;
    for (int round = 0; round < TRIM_ROUNDS && file.length > maxBytes; round++) {
      long need = ((file.length - goal) * 8 * 1000 + ratio - 1) / ratio;
      long estimated = trim.drop(need);
      if (estimated < need) {
        // what is left costs more than a lower quality would: the encode stands as it is
        return new Budgeted(untrimmed, false);
      }
      byte[] trimmed = FrameWriter.write(meta, width, height, tables, quantized, mcusX, mcusY,
          options, outputSizeHint);
      ratio = Math.min(4000, Math.max(250, (file.length - trimmed.length) * 8000L / estimated));
      file = trimmed;
    }
    return file.length <= maxBytes ? new Budgeted(file, true) : new Budgeted(untrimmed, false);
  }

  /**
   * The file {@link #encode} writes with these options, made ready to lose its least valuable
   * luma coefficients one at a time ({@link LumaTrim}), until the estimate's saving reaches
   * {@code maxBits}: a target SSIM search lowers a pass over its band by them, in steps far finer
   * than a hundredth of quality. It drops no coefficient worth more than {@code maxPrice} times
   * its bits (a size trim's bound is 2).
   *
   * @throws IllegalArgumentException as {@link #encode}, or for a negative {@code maxBits} or a
   *     {@code maxPrice} under 1
   */
  public LumaTrim lumaTrim(Metadata metadata, JpegEncodeOptions options, long maxBits,
      int maxPrice) {
    requireAccepted(options);
    if (maxBits < 0 || maxPrice < 1) {
      throw new IllegalArgumentException("trim of " + maxBits + " bits at price " + maxPrice);
    }
    Metadata meta = metadata(metadata);
    int[][] tables = JpegEncoder.tables(options, tuning);
    EncoderComponent[] quantized = quantize(options, tables, false);
    return new LumaTrim(quantized, components, tables, lambdas(quantized, options), maxBits,
        (long) maxPrice << BudgetTrim.PRICE_BITS,
        () -> FrameWriter.write(meta, width, height, tables, quantized, mcusX, mcusY, options,
            outputSizeHint), width, height);
  }

  private void requireAccepted(JpegEncodeOptions options) {
    if (!accepts(options)) {
      throw new IllegalArgumentException("options " + options + " do not match the prepared "
          + (grayscale ? "grey" : subsampling.label()) + (psychovisual ? " psychovisual" : "")
          + " coefficients");
    }
  }

  private Metadata metadata(Metadata metadata) {
    Metadata meta = metadata == null ? Metadata.EMPTY : metadata;
    if (grayscale && meta.hasColourProfile()) {
      // one component carries only a grey profile (decoders drop a colour one there): the
      // equivalent grey one where that is exact, else the caller's as given
      meta = GreyProfile.forGreyImage(meta);
    }
    JpegEncoder.checkMetadata(meta);
    return meta;
  }

  /** The coefficients quantized with these options; {@code last}: the prepared ones in place. */
  private EncoderComponent[] quantize(JpegEncodeOptions options, int[][] tables, boolean last) {
    EncoderComponent[] quantized = new EncoderComponent[components.length];
    for (int c = 0; c < components.length; c++) {
      quantized[c] = last ? components[c] : new EncoderComponent(components[c]);
    }
    Quantizer.quantizeAll(quantized, tables, psychovisual, tuning, options.lambdaHundredths(),
        activity);
    return quantized;
  }

  private long[] lambdas(EncoderComponent[] quantized, JpegEncodeOptions options) {
    return BudgetTrim.lambdas(quantized, psychovisual ? activity : null, tuning,
        options.lambdaHundredths());
  }
}
