package dev.tegula.api;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * Which chroma an image's own estimated curve ({@link SsimCurve}, {@link SizeCurve}) follows:
 * the encoders' choice by quality (4:2:0 below 97, 4:4:4 from 97 and where a search fills the
 * jump), or one resolution at every quality, as the caller's fixed chroma or grey output gives.
 */
enum ChromaSide {
  /** 4:2:0 below 97, 4:4:4 from 97 and for codes flagged {@link TargetSearch#FULL_CHROMA}. */
  BY_QUALITY,
  /** 4:2:0 at every quality, 97-100 included; also grey output (no chroma to lose). */
  SUBSAMPLED,
  /** 4:4:4 at every quality. */
  FULL;

  /** Whether an encode at a search code has 4:4:4 chroma (and JPEG's 4:4:4 chroma tables). */
  boolean fullAt(int code) {
    return this == BY_QUALITY ? (code & TargetSearch.QUALITY) >= TargetSearch.JUMP
        || (code & TargetSearch.FULL_CHROMA) != 0 : this == FULL;
  }

  /**
   * The side of a caller's fixed chroma ({@code null}: the encoders' choice) or grey output.
   * JPEG's 4:2:2 reads the 4:2:0 side.
   */
  static ChromaSide of(JpegEncodeOptions.Subsampling fixed, boolean grey) {
    return grey ? SUBSAMPLED : fixed == null ? BY_QUALITY
        : fixed == JpegEncodeOptions.Subsampling.S444 ? FULL : SUBSAMPLED;
  }
}
