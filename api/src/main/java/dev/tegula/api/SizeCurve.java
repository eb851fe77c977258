package dev.tegula.api;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * An estimate of one image's file size against quality without an encode, for {@link
 * TargetSearch}'s size targets: ln(bytes per pixel) at whole qualities 0-100, from the same
 * forward DCT of sampled macroblocks as {@link SsimCurve} (which fills it in the same pass).
 *
 * <p>At each quality of SsimCurve's grid the sampled blocks are quantized with the format's steps
 * and dead zone and coded as T.81 §F.1.2 codes them: DC differences by magnitude category, AC
 * coefficients in zigzag order as (run, size) symbols with ZRL and EOB, each symbol costing its
 * magnitude bits plus -log2 of its frequency in the sample (an optimized Huffman table, §K.2,
 * comes within a fraction of a bit of that entropy). Luma and chroma have their own symbol
 * statistics. The 4:4:4 side (from 97, or below it where a search fills the jump) has its own
 * curve, so the estimate carries each image's jump at 97 (JPEG's and .tgl's). .tgl's coder is
 * not JPEG's, but its size follows the same counts; the search fits the estimate's offset and
 * slope to its measured points, so only the shape has to be right. With the caller's fixed chroma
 * or grey output it is one side at every quality ({@link ChromaSide}). .tgl's estimate of a
 * decoded JPEG takes a correction by how its steps compare with the source's ({@link
 * #TGL_SUB_SOURCE_BIAS}), as its SSIM estimate does.
 */
final class SizeCurve {
  /** Symbol slots: 256 AC (run << 4 | size), then 16 DC categories. */
  private static final int SYMBOLS = 256 + 16;

  /** ln(bytes per pixel) at whole qualities 0-100: 4:2:0 chroma. */
  final double[] sub = new double[101];
  /** The same with 4:4:4 chroma. */
  final double[] full = new double[101];
  /**
   * .tgl with the encoder's chroma choice: -ln(1 - SSIM) the SSIM estimate, uncorrected, gives
   * 4:2:0 at 96.99 ({@link SizeSearch#TGL_SUB_TOP}), scored in the size estimate's own pass;
   * NaN when not estimated. The uncorrected value: the corrections' running maximum and climb
   * across flats read the whole curve, and only the two grid qualities around 96.99 are scored.
   * JPEG's is made on demand ({@link #subTop()}).
   */
  double subTop = Double.NaN;
  private boolean jpegTopMade;
  private final boolean jpeg;
  private final int[] luma = new int[SYMBOLS];
  private final int[] chroma = new int[SYMBOLS];
  /** The luma blocks, offsets and steps {@link #estimate} last counted, and what it found. */
  private double[][] lumaBlocks;
  private double[] lumaRounding;
  private final double[] lumaSteps = new double[64];
  private long lumaBits;
  private double lumaAcEntropy;
  private double lumaDcEntropy;
  /** The arrays of sampled blocks counted (luma, 4:2:0 and 4:4:4 chroma), each one's count. */
  private final java.util.List<SymbolCount> counts = new java.util.ArrayList<>(5);

  /** The image estimated, for {@link #knobProbe}; null for .tgl and made-up curves. */
  dev.tegula.core.Image image;
  private KnobProbe probe;
  /** The chroma the curve follows. */
  final ChromaSide side;
  /** The caller's fixed chroma (null: the encoders' choice), for {@link #knobProbe}. */
  private final JpegEncodeOptions.Subsampling fixedChroma;
  /** Grey output, for {@link #knobProbe}. */
  private final boolean greyOutput;
  /** The rules the search on this estimate follows. */
  private final SearchRules rules;
  /** {@link #stepLog} by hundredth, NaN until read; null until the first read. */
  private double[] stepLogs;

  SizeCurve(boolean jpeg) {
    this(jpeg, null, false, SearchRules.DEFAULT);
  }

  /**
   * The curve of an encode with the caller's fixed chroma or grey output ({@link ChromaSide}),
   * searched under {@code rules}.
   */
  SizeCurve(boolean jpeg, JpegEncodeOptions.Subsampling fixed, boolean grey, SearchRules rules) {
    this.jpeg = jpeg;
    this.side = ChromaSide.of(fixed, grey);
    this.fixedChroma = fixed;
    this.greyOutput = grey;
    this.rules = rules;
  }

  /** The rules the search on this estimate follows. */
  SearchRules rules() {
    return rules;
  }

  /**
   * -ln(1 - SSIM) of 4:2:0 at 96.99 ({@link #subTop}); JPEG's, corrected, from an estimate of
   * its own made at the first call (only a search whose target lies near 4:2:0's top asks: a
   * median 0.2 of one encode, which its own pass cannot share, SsimCurve#jpegSubTop).
   */
  double subTop() {
    if (jpeg && !jpegTopMade && image != null && side == ChromaSide.BY_QUALITY
        && rules.on(SearchRules.Rule.JPEG_SIZE_FULL_NEAR_TOP)) {
      jpegTopMade = true;
      subTop = SsimCurve.jpegSubTop(image, rules);
    }
    return subTop;
  }

  /**
   * JPEG: what the trellis lambda does to this image's size at a code's tables ({@link
   * KnobProbe}, its last probe kept); null for .tgl and made-up curves.
   */
  KnobProbe knobProbe(int code) {
    if (image == null) {
      return null;
    }
    int base = code & (TargetSearch.FULL_CHROMA | TargetSearch.QUALITY);
    if (probe == null || probe.code != base) {
      probe = KnobProbe.of(image, base, false, 0, fixedChroma, greyOutput);
    }
    return probe;
  }

  /**
   * ln(bytes per pixel) estimated at a code (hundredths, possibly flagged {@link
   * TargetSearch#FULL_CHROMA}); linear between whole qualities, as the steps are. From 97 on both
   * formats' encoders choose 4:4:4.
   */
  double at(int code) {
    int q = code & TargetSearch.QUALITY;
    double[] c = side.fullAt(code) ? full : sub;
    int w = q / 100;
    int frac = q % 100;
    if (frac == 0) {
      return c[w];
    }
    double t = frac / 100.0;
    if (jpeg ? rules.on(SearchRules.Rule.JPEG_SIZE_ESTIMATE_ON_TABLES)
        : rules.on(SearchRules.Rule.TGL_SIZE_ESTIMATE_ON_STEPS)) {
      double s0 = stepLog(w * 100);
      double s1 = stepLog(w * 100 + 100);
      t = s1 > s0 ? (stepLog(q) - s0) / (s1 - s0) : t;
    }
    return c[w] + (c[w + 1] - c[w]) * t;
  }

  /**
   * {@link TargetSearch#jpegStepLog} or {@link TargetSearch#tglStepLog} at {@code h}
   * hundredths, memoized: a search's pick reads every hundredth it scans.
   */
  private double stepLog(int h) {
    if (stepLogs == null) {
      stepLogs = new double[TargetSearch.TOP + 1];
      java.util.Arrays.fill(stepLogs, Double.NaN);
    }
    if (Double.isNaN(stepLogs[h])) {
      stepLogs[h] = jpeg ? TargetSearch.jpegStepLog(h) : TargetSearch.tglStepLog(h);
    }
    return stepLogs[h];
  }

  /**
   * Adds what the estimate leaves out on average (below) at each whole quality and makes each
   * side non-decreasing: a file never shrinks as the steps get finer, while the sample's symbol
   * statistics at the coarsest steps and the correction's knots could say otherwise. {@code
   * grey}: the sample has no chroma; a grey .tgl file has no chroma planes, so its two sides are
   * one curve. {@code sourceRatios}: .tgl on a decoded JPEG, {@link SsimCurve#stepRatio} at
   * each whole quality, which {@link #TGL_SUB_SOURCE_BIAS} and its 4:4:4 and grey tables are
   * read against; null otherwise. {@code smooth}: .tgl's {@link Smoothness} weight of the
   * sample, 0 for JPEG and without {@link SearchRules.Rule#TGL_SIZE_SMOOTH}.
   */
  void finish(boolean grey, double[] sourceRatios, double smooth) {
    boolean greyBias = jpeg && greyOutput && rules.on(SearchRules.Rule.JPEG_GREY_SIZE);
    for (int w = 0; w <= 100; w++) {
      int q = w * 100;
      if (!jpeg) {
        sub[w] += SsimCurve.between(KNOTS, TGL_BIAS, q)
            + sourceBias(grey ? TGL_GREY_SOURCE_BIAS : TGL_SUB_SOURCE_BIAS, sourceRatios, w)
            + smooth * SsimCurve.between(KNOTS, grey ? TGL_SMOOTH_GREY : TGL_SMOOTH_SUB, q);
        full[w] = grey ? sub[w] : full[w] + SsimCurve.between(KNOTS, TGL_FULL_BIAS, q)
            + sourceBias(TGL_FULL_SOURCE_BIAS, sourceRatios, w)
            + smooth * SsimCurve.between(KNOTS, TGL_SMOOTH_FULL, q);
        continue;
      }
      // 4:2:0 at 97 and up only ends the interpolation up to 96.99 (grey output reads it
      // throughout)
      // corrections fitted on the old quality scale, read where it had these tables
      int fq = JpegFittedScale.quality(q);
      sub[w] += SsimCurve.between(KNOTS, JPEG_BIAS, fq)
          + (greyBias ? SsimCurve.between(KNOTS, JPEG_GREY_BIAS, fq) : 0);
      full[w] += q >= TargetSearch.JUMP ? SsimCurve.between(JPEG_TOP_KNOTS, JPEG_TOP_BIAS, fq)
          : SsimCurve.between(JPEG_FULL_KNOTS, JPEG_FULL_BIAS, fq);
    }
    for (int w = 1; w <= 100; w++) {
      sub[w] = Math.max(sub[w], sub[w - 1]);
      full[w] = Math.max(full[w], full[w - 1]);
    }
  }

  /*
   * What the estimate leaves out, on average: the median over the 10 corpus photos and 4
   * graphics (29 Nov) of measured minus estimated ln(bytes per pixel) at these qualities
   * (hundredths), with SsimCurve's sample and grid: headers, trellis and adaptive quantization,
   * .tgl's own coder (which gains more over the symbol entropy at fine steps).
   */
  private static final int[] KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200, 9400,
      9600, 9699, 9700, 9800, 9900, 9950, 10000};
  private static final double[] JPEG_BIAS = {0.275, 0.034, -0.012, -0.007, 0.008, 0.009, 0.023,
      0.048, 0.057, 0.052, 0.053, 0.057};
  /**
   * JPEG's grey output (one component: {@code --grayscale}, and a grey image since session 30)
   * past JPEG_BIAS: measured minus estimated ln(bytes per pixel), the median over the grey
   * images of the grey fit set, {@code fitgo} and {@code fitsm} (50; 1 Dec, session 30) at
   * {@link #KNOTS} (0 as 5). JPEG_BIAS was fitted on three-component files, whose chroma
   * blocks and headers the luma-only estimate leaves to it; a one-component file has neither,
   * and lay a median 0.03-0.06 in ln bytes under the estimate from 85 to 98 and 0.11 from 99.
   * The hold-out's, fresh's and {@code othg}'s 42 grey images, not fitted: -0.02..-0.06 up to
   * 96, -0.06 at 97-98, -0.10 from 99, the same shape.
   */
  static final double[] JPEG_GREY_BIAS = {-0.037, -0.037, 0.006, -0.013, -0.021, -0.001,
      -0.006, -0.029, -0.045, -0.046, -0.045, -0.059, -0.060, -0.060, -0.109, -0.108, -0.109};
  private static final int[] JPEG_TOP_KNOTS = {9700, 9800, 9900, 9950, 10000};
  private static final double[] JPEG_TOP_BIAS = {0.010, -0.012, 0.036, 0.017, -0.001};
  private static final int[] JPEG_FULL_KNOTS = {6000, 8000, 9200, 9600, 9699};
  private static final double[] JPEG_FULL_BIAS = {-0.028, -0.020, 0.002, -0.007, 0.012};
  private static final double[] TGL_BIAS = {-0.120, -0.160, -0.154, -0.090, -0.043, -0.003,
      0.034, 0.068, 0.105, 0.110, 0.115, 0.121, 0.119, 0.123, 0.114, 0.085, 0.108};
  /** .tgl's 4:4:4 side at the same knots (the same photos and graphics, 29 Nov, session 11). */
  private static final double[] TGL_FULL_BIAS = {-0.143, -0.242, -0.225, -0.147, -0.092, -0.046,
      -0.016, 0.023, 0.069, 0.072, 0.117, 0.119, 0.118, 0.128, 0.130, 0.103, 0.136};
  /**
   * .tgl on smooth content, per unit of {@link Smoothness}'s weight: measured minus estimated
   * ln(bytes per pixel) past the photos' correction at {@link #KNOTS}, 4:2:0 (97 and up: its
   * 96.99 value, where the interpolation to 97 ends), 4:4:4 (97 and up: the encoder's one curve)
   * and grey. The least-squares slope through 0 of each blurred photo's residual minus the
   * corpus photos' and graphics' median against its weight, 1 Dec (session 29), on {@code fitsm}
   * (scripts/measure-sets: the corpus photos blurred, sigma 2 and 5, weights 0.74-0.98; 10 colour,
   * 10 grey). Without it a blurred photo's files sat 0.13-0.30 under the estimate from quality
   * 15 to 96 (the photos' median residual is within 0.03 of 0 there), and 4:4:4's rose about 0.5
   * more than the estimate from 96 to 99. Medians of the residual from 15 on, before -> after:
   * fitsm colour 4:2:0 -0.29..-0.13 -> -0.04..+0.01, 4:4:4 -0.30..+0.32 -> -0.04..0, grey
   * -0.30..-0.05 -> -0.01..+0.03; not fitted, 16 blurred colour images of the hold-out and fresh
   * sets (/tmp, as fitsm), from 30: 4:2:0 -0.29..-0.19 -> -0.03..-0.01, 4:4:4 -0.30..+0.11 ->
   * -0.09..-0.02. fresh's sk_cell (grey microscopy, weight 0.87) is the exception: nearer from 85
   * up (-0.22 -> +0.08 at 92, -0.21 -> +0.04 at 96.99), farther at 15-60 (+0.13 -> +0.29 at 30).
   */
  static final double[] TGL_SMOOTH_SUB = {0.096, -0.006, -0.094, -0.206, -0.256, -0.290, -0.299,
      -0.316, -0.320, -0.300, -0.266, -0.228, -0.228, -0.228, -0.228, -0.228, -0.228};
  static final double[] TGL_SMOOTH_FULL = {0.081, 0.077, -0.050, -0.185, -0.249, -0.294, -0.316,
      -0.325, -0.316, -0.277, -0.270, -0.189, -0.189, -0.055, 0.191, 0.236, 0.336};
  static final double[] TGL_SMOOTH_GREY = {0.195, 0.067, -0.061, -0.183, -0.244, -0.275, -0.296,
      -0.327, -0.348, -0.340, -0.316, -0.287, -0.288, -0.228, -0.139, -0.156, -0.132};

  /**
   * .tgl on a decoded JPEG ({@link SourceLattice} finds the source's luma steps): what measured
   * minus estimated ln(bytes per pixel) still is, with TGL_BIAS or TGL_FULL_BIAS, against
   * {@link SsimCurve#stepRatio}, the mean log of .tgl's luma steps over the source's (knots in
   * thousandths). As for SSIM it is a kink at the source's own quality, not a curve in the
   * quality: from as fine as the source to a little finer (ratio -1.5 to 0) the file is 5-15%
   * smaller than the estimate, coarser (0.5-1.5) up to 4% larger, and grey sources far finer
   * (ratio -3.5 to -2) 10-27% larger (where in the coder the difference arises is not measured).
   * The photos' median (TGL_BIAS), fitted on images without a source, misses it: searches on
   * decoded JPEGs started 5-13% under the aim at qualities 80-97 and more often probed 97 for a
   * target 4:2:0 reaches, or filled the jump from a 4:2:0 file far under it. Medians over images
   * of each image's median residual near each knot, at the qualities the landing searches
   * encoded (TargetLanding's cache), 29 Nov (session 14): colour 4:2:0 and 4:4:4 over the colour
   * fit set and othf (scripts/measure-sets; cjpeg q70-95 and other encoders' decodes of the
   * corpus photos), grey over the grey fit set; knots with fewer than 5 images take their
   * neighbour's. On the held-out decodes (otho, the hold-out's conformance files) the same
   * kink, deeper: 4:2:0 -0.16 to -0.19 from ratio -1 to 0 (fit sets -0.09 to -0.13); other
   * encoders' grey decodes (othg, not fitted) within 0.05 of the grey table from -2.5 to 2.5
   * (0.07 at -3).
   *
   * <p>Landings, TargetLanding size -Donly=TGL -DfineOnly=true -Dcurve=true -DsizeCurve=true,
   * 20-500 KB, same session, without (-DtglSizeSource=false) -> with: colour fit set 153 -> 154 of
   * 159 in the band (encodes 347 -> 293), othf 230 -> 236 of 240 (515 -> 457), grey fit set 77 ->
   * 89 of 89 (226 -> 172; its one 4-encode search now takes 3); not fitted: otho 116 -> 129 of 145
   * (358 -> 341), othg 84 -> 90 of 92 (217 -> 179), hold-out 36 -> 37 of 37 (88 -> 82); decoded
   * JPEGs of session 13 not fitted on (cjpeg q75/q85 colour with retina at q80 and q90 4:4:4, cjpeg
   * -grayscale q68/q82, this encoder's own Annex K output in colour at 75/90 and grey at 65/80) 82
   * -> 85 of 89, 57 -> 59 of 61, 38 -> 39 of 39, 25 -> 27 of 28 (encodes 206 -> 173, 148 -> 125, 89
   * -> 68, 72 -> 52); photos and graphics unchanged (no source found); none over the target, every
   * search in at most 3 encodes. JPEG searches and .tgl SSIM searches are unchanged (this is the
   * .tgl size estimate's alone). With the caller's fixed chroma or grey output (-Dchroma, -Dgrey),
   * colour fit set and otho: 4:4:4 153 -> 153 of 159 (encodes 352 -> 314) and 132 -> 135 of 145;
   * 4:2:0 134 -> 136 of 138 and 108 -> 119 of 129; grey output 124 -> 123 of 129 (304 -> 266) and
   * 117 -> 118 of 126. Finding the source costs the .tgl size estimate about a fifth more thread
   * CPU (two corpus photos and two fit-set files, TargetSizeCheck -Dtime=true, two alternated runs:
   * a median 20 -> 24 ms, 0.34 -> 0.56 of an encode at quality 90 on this loaded machine), which
   * the SSIM estimate already spends.
   */
  private static final int[] TGL_SOURCE_KNOTS = {-3500, -3000, -2500, -2000, -1500, -1000, -500,
      0, 500, 1000, 1500, 2000, 2500};
  private static final double[] TGL_SUB_SOURCE_BIAS = {0.036, 0.036, 0.036, 0.036, -0.044,
      -0.092, -0.128, -0.095, -0.004, 0.043, 0.024, 0.003, 0.011};
  private static final double[] TGL_FULL_SOURCE_BIAS = {-0.001, -0.029, -0.041, -0.066, -0.106,
      -0.127, -0.172, -0.145, -0.045, -0.027, -0.027, -0.083, -0.138};
  private static final double[] TGL_GREY_SOURCE_BIAS = {0.239, 0.230, 0.159, 0.095, -0.025,
      -0.073, -0.123, -0.064, 0.032, 0.091, 0.061, 0.039, 0.032};

  /** {@code bias} at whole quality w's step ratio, 0 without a source. */
  private static double sourceBias(double[] bias, double[] ratios, int w) {
    return ratios == null ? 0
        : SsimCurve.between(TGL_SOURCE_KNOTS, bias, (int) Math.round(1000 * ratios[w]));
  }


  /**
   * ln(bytes per pixel) of {@code pixels} sampled pixels whose luma blocks are {@code y} and
   * chroma blocks {@code cb}, {@code cr}, at the given steps and rounding offsets. Each array's
   * coefficients are classed once ({@link SymbolCount}): they must not change between calls.
   */
  double estimate(double[][] y, double[][] cb, double[][] cr, double[] lumaSteps,
      double[] chromaSteps, double[] lumaOffsets, double[] chromaOffsets, long pixels) {
    if (y != lumaBlocks || lumaOffsets != lumaRounding
        || !java.util.Arrays.equals(lumaSteps, this.lumaSteps)) {
      // a quality's 4:2:0 and 4:4:4 estimates share the luma, counted once
      java.util.Arrays.fill(luma, 0);
      lumaBits = count(y, lumaSteps, lumaOffsets, luma);
      lumaAcEntropy = entropy(luma, 0, 256);
      lumaDcEntropy = entropy(luma, 256, SYMBOLS);
      lumaBlocks = y;
      lumaRounding = lumaOffsets;
      System.arraycopy(lumaSteps, 0, this.lumaSteps, 0, 64);
    }
    java.util.Arrays.fill(chroma, 0);
    double bits = lumaBits + count(cb, chromaSteps, chromaOffsets, chroma)
        + count(cr, chromaSteps, chromaOffsets, chroma) + lumaAcEntropy + lumaDcEntropy
        + entropy(chroma, 0, 256) + entropy(chroma, 256, SYMBOLS);
    return Math.log(Math.max(1, bits) / (8.0 * pixels));
  }

  /** The symbol count of {@code blocks}, kept from one grid quality to the next. */
  private long count(double[][] blocks, double[] steps, double[] offsets, int[] hist) {
    SymbolCount c = null;
    for (SymbolCount k : counts) {
      c = k.blocks == blocks ? k : c;
    }
    if (c == null) {
      c = new SymbolCount(blocks);
      counts.add(c);
    }
    return c.count(steps, offsets, hist);
  }

  /**
   * Bits of the symbols in {@code hist[from..to)} (one Huffman table: AC or DC) at their
   * empirical entropy: the sum of c log2(n / c).
   */
  private static double entropy(int[] hist, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += hist[i];
    }
    double bits = 0;
    for (int i = from; i < to; i++) {
      int c = hist[i];
      if (c > 0) {
        bits += c * Math.log(n / (double) c);
      }
    }
    return bits / Math.log(2);
  }
}
