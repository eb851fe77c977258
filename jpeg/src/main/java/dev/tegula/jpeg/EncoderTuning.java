package dev.tegula.jpeg;

/**
 * The constants of the psychovisual coding in one place, so that measurement harnesses can vary
 * them; {@link #defaults()} are the values the encoder ships with, chosen by rate-distortion runs
 * (SSIM, butteraugli, SSIMULACRA against libjpeg-turbo) over the developer photo corpus.
 */
final class EncoderTuning {
  /** Quantization base tables, 1/8 units, natural order, at libjpeg's 100 % scale. */
  int[] lumaBase = QuantTables.PSY_LUMA;
  int[] cbBase = QuantTables.PSY_CB;
  int[] crBase = QuantTables.PSY_CR;

  /**
   * Chroma table scale, 1/16, when chroma keeps full resolution (4:4:4): four times the chroma
   * blocks, each needing less precision than a downsampled one.
   */
  int chroma444Scale = 20;

  /** Pre-emphasis of subsampled chroma, 1/16 ({@link Downsampler#sharpen}). */
  int chromaSharpen = 12;

  /** Dead zone of the first-pass rounding that prices the trellis, 1/256 of a step. */
  int firstPassThreshold = 150;

  /** Trellis lambda in a flat block, 1/256 step^2 per bit ({@link TrellisQuantizer}). */
  int lambda = 16;
  /** Chroma lambda relative to luminance, 1/16. */
  int chromaLambda16 = 16;
  /** Masking: eroded block activity at which lambda doubles ({@link AdaptiveQuantization}). */
  int maskingActivity = 5000;
  /** Cap on the masking factor, 1/16. */
  int maskingMax16 = 64;

  static EncoderTuning defaults() {
    return new EncoderTuning();
  }
}
