package dev.tegula.tgl.lossy;

/**
 * Choices left to the encoder (docs/format-lossy.md §9): none of them changes how a file is
 * decoded, so they can be retuned without a format change. Mutable only so that measurement
 * harnesses can sweep them; {@link LossyCodec} uses {@link #DEFAULT}.
 */
final class EncoderSettings {
  static final EncoderSettings DEFAULT = new EncoderSettings();

  /** AQ strength: 1/256 level per 1/16 of log2 energy (8 = x264's strength 1). */
  int aqGain = 3;
  /** Shift of the AQ reference energy, 1/16 log2 units. */
  int aqOffset16 = 0;
  /** Highest AQ level the encoder uses (7 = all). */
  int aqMax = Quantizer.AQ_LEVELS - 1;
  /** Rounding offsets in 1/64 step: DC, low AC (zigzag 1-5), other AC; luma then chroma. */
  int roundDc = 32;
  int roundLow = 26;
  int roundHigh = 22;
  int roundChromaLow = 24;
  int roundChromaHigh = 20;
  /** Deblocking strengths written to the header (§8). */
  int filterLuma = 18;
  int filterChroma = 18;
  /**
   * Qualities from which the encoder writes deblocking strength 0 (101 = never): from 75 the
   * thresholds are so small (alpha about 5 at level 3) that deblocking changes BD-rate by at most
   * 0.1 point on rd.py's metrics, but it cost a fifth of the decode time (§9).
   */
  int filterOffFrom = 75;
  boolean chroma444 = false;
  /**
   * Qualities from which chroma keeps full resolution, as JPEG's from 97: below, 4:2:0 wins on
   * rate against butteraugli and SSIMULACRA (§9); at the top it lifts the ceiling 4:2:0 puts on
   * saturated colour (rocket at 100: 34.9 -> 48.2 dB RGB PSNR).
   */
  int chroma444From = 97;
  boolean lapping = true;

  boolean subsample(int quality) {
    return !chroma444 && quality < chroma444From;
  }

  /** {@link #subsample} unless the caller fixed the chroma ({@code fullChroma} not null). */
  boolean subsample(int quality, Boolean fullChroma) {
    return fullChroma == null ? subsample(quality) : !fullChroma;
  }

  /** The same at every quality, so that a prepared tile's AQ levels serve a whole search. */
  int aqGain() {
    return aqGain;
  }

  int filterLuma(int quality) {
    return quality >= filterOffFrom ? 0 : filterLuma;
  }

  int filterChroma(int quality) {
    return quality >= filterOffFrom ? 0 : filterChroma;
  }

  void rounding(int plane, int quality, int[] round) {
    round[0] = roundDc;
    for (int k = 1; k < 64; k++) {
      boolean low = k <= 5;
      if (plane == 0) {
        round[k] = low ? roundLow : roundHigh;
      } else {
        round[k] = low ? roundChromaLow : roundChromaHigh;
      }
    }
  }
}
