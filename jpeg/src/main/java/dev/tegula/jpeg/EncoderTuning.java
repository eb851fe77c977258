package dev.tegula.jpeg;

/**
 * The constants of the psychovisual coding in one place, so that measurement harnesses can vary
 * them; {@link #defaults()} are the values the encoder ships with (chosen by rate-distortion runs
 * over the developer photo corpus, see the jpeg module's README).
 */
final class EncoderTuning {
  /** Quantization base tables in 1/8 units, natural order, at libjpeg's 100 % scale (quality 50). */
  int[] lumaBase = QuantTables.PSY_LUMA;
  int[] cbBase = QuantTables.PSY_CB;
  int[] crBase = QuantTables.PSY_CR;

  /** Chroma table scale (1/16) when chroma keeps full resolution (4:4:4). */
  int chroma444Scale = 16;

  /** Zeroing threshold of an AC coefficient in a flat block, in 1/256 of its step. */
  int aqOffset = 150;
  /** Extra threshold in fully masked blocks, 1/256 step. */
  int aqGain = 0;
  /** Masking activity (summed |AC| of an 8x8 block, times 8) at which masking is half-strength. */
  int aqHalf = 2000;

  /** Rate-distortion optimized rounding ({@link TrellisQuantizer}) instead of the dead zone. */
  int trellis = 1;
  /** Lambda in a flat block, 1/256 step^2 per bit. */
  int lambda = 16;
  /** Eroded activity at which lambda doubles (masking raises it linearly). */
  int lambdaActivity = 1500;
  /** Cap on the masking factor, in 1/16. */
  int lambdaMaxFactor16 = 16;

  /** Progressive scan script variant. */
  int script = 1;

  static EncoderTuning defaults() {
    return new EncoderTuning();
  }
}
