package dev.tegula.api;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * Which chroma an image's own estimated curve ({@link SsimCurve}, {@link SizeCurve}) follows:
 * the encoders' choice by quality (4:2:0 below 97, 4:4:4 from 97 and where a search fills the
 * jump), or one resolution at every quality, as the caller's fixed chroma or grey output gives.
 * A fixed side is estimated alone at every grid quality (JPEG's 4:4:4 side also below 80, .tgl's
 * at every grid quality, not every 8th below 80), without the other side, the jump or its fill,
 * and the search fits it as one curve; the corrections are the existing ones held at their ends
 * (their medians of measured minus estimated there are within 0.02 of it, but for JPEG's 4:4:4
 * below quality 30; a correction for that, fitted on photos, graphics and the colour fit set,
 * landed no more: SSIM graphics 15 -> 14 of 16, fit set 136 -> 137 of 160, sizes unchanged;
 * one for .tgl's 4:4:4 side on decoded colour JPEGs, their median on the colour fit set, whose
 * SSIM climbs on to 100 and sags at 92-97 against a photo's: fit set 113 -> 131 of 160, but
 * the hold-out's three such images 12 -> 11 of 12, photos and graphics unchanged; since session
 * 13 .tgl's decoded colour JPEGs take a correction by how its steps compare with the source's,
 * SsimCurve.TGL_SOURCE_BIAS, which also holds on sources not fitted on).
 * Grey output is the 4:2:0 side of the grey image the pipeline encodes and scores (its chroma is
 * zero, so neither chroma term counts); JPEG's 4:2:2 reads the 4:2:0 side, which lands more than
 * the corpus prior on every set.
 *
 * <p>Measured 29 Nov (session 12), TargetLanding fine scale -Dchroma / -Dgrey, same session, corpus
 * prior (before) -> the image's own side (after), JPEG / .tgl. Size targets: 4:4:4 photos 36 -> 38
 * of 38 / 40 -> 40 of 42, graphics 12 -> 13 of 13 / 11 -> 13 of 14, colour fit set 96 -> 129 of 129
 * / 138 -> 153 of 159, hold-out (not tuned on) 18 -> 26 of 28 / 30 -> 36 of 37; 4:2:0 31 -> 34 of
 * 34 / 39 -> 38 of 39 (hubble at 20 KB, whose .tgl size stands still near quality 25: the default
 * path's miss too), 10 -> 11 of 12 / 12 -> 14 of 14, 73 -> 105 of 107 / 107 -> 134 of 138, 17 -> 23
 * of 26 / 23 -> 32 of 33; JPEG 4:2:2 35 -> 37 of 37, 12 -> 13 of 13, 83 -> 114 of 120, 19 -> 26 of
 * 29; grey output photos 19 -> 29 of 29 / 31 -> 33 of 34, graphics 6 -> 11 of 11 / 10 -> 12 of 12,
 * hold-out 13 -> 20 of 23 / 22 -> 31 of 32; in fewer encodes (4:4:4 fit set 344 -> 245 / 432 ->
 * 352). SSIM targets: 4:4:4 photos 28 -> 37 of 40 / 25 -> 33 of 40, graphics 7 -> 15 of 16 / 4 ->
 * 11 of 16, colour fit set 49 -> 136 of 160 / 48 -> 113 of 160, hold-out 16 -> 39 of 48 / 18 -> 39
 * of 48; 4:2:0 25 -> 30 of 31 / 25 -> 30 of 31, 8 -> 13 of 15 / 6 -> 12 of 14, 38 -> 128 of 160 /
 * 46 -> 124 of 160, 21 -> 39 of 48 / 19 -> 39 of 48; JPEG 4:2:2 27 -> 28 of 34, 6 -> 10 of 14, 43
 * -> 131 of 160, 18 -> 37 of 48; grey output photos 20 -> 34 of 40 / 20 -> 35 of 40, graphics 4 ->
 * 9 of 16 / 4 -> 10 of 16, hold-out 16 -> 41 of 48 / 15 -> 39 of 48. None under an SSIM target or
 * over a size. The estimate's thread CPU against one encode (photos and graphics, TargetCurveCheck
 * / TargetSizeCheck -Dtime=true): SSIM 4:4:4 median 0.44, at most 1.03; 4:2:0 0.27, 0.70 (the
 * encoders' choice: 0.40, 1.10); size 4:4:4 0.34, 0.67;
 * 4:2:0 0.22, 0.44 (0.35, 0.76).
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
