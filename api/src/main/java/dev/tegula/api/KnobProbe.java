package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * What JPEG's trellis lambda does to one image at one code, predicted before a search spends a
 * whole encode on it: the encoder itself (its trellis with the masking of its adaptive
 * quantization) runs on a mosaic of 32x32 tiles sampled from the image (at most 32768 pixels,
 * at most a sixth of the image), at the encoder's own lambda and at {@link #PROBE_LAMBDA}; the
 * change between the two gives the ln bytes and -ln(1 - SSIM) the lambda takes off per ln
 * lambda on this image at these tables. Tiles of 32 pixels sit on the 8x8 grid, so a decoded
 * JPEG's blocks stay on its source's lattice.
 *
 * <p>Measured 29 Nov (session 10, TargetKnobPredict) against the whole image's move at x1.6,
 * at qualities 50, 75, 88, 94, as the median and 90th percentile of |ln(measured /
 * predicted)|: SSIM, photos and graphics 0.33 / 0.62 (the bracket's SSIM per byte times {@link
 * TrellisKnob#SSIM_KNOB_K}: 0.35 / 1.13), colour fit set 0.45 / 1.08 (0.47 / 2.63), grey fit
 * set 0.21 / 1.07 (0.85 / 3.57); scaled by its class's median ratio (below) 0.14, 0.26, 0.21.
 * Size: 0.08 / 0.28, 0.13 / 0.92, 0.22 / 0.69 against 0.36 / 1.12, 0.68 / 2.21, 1.67 / 2.23
 * for the constant {@link TrellisKnob#SIZE_KNOB_K}. Thread CPU (29 Nov, 26 corpus, graphics and
 * hold-out images, quality 88, medians of 5 alternated rounds): the SSIM probe a median 0.27
 * and at most 0.48 of one encode and its SSIM, the size probe (no SSIM) 0.28 and 0.48 of one
 * encode, most on small images, whose sample is a sixth of them; a search asks for one in 33%
 * of SSIM and 12% of size searches (fit sets, photos, graphics, hold-out). A sample of 16384
 * pixels cost 0.15 but predicted the SSIM move far worse (median error 0.29 against 0.14 on
 * photos and graphics).
 */
final class KnobProbe {
  /** The lambda probed against the encoder's own, in hundredths. */
  static final int PROBE_LAMBDA = 160;
  private static final int TILE = 32;
  private static final int MAX_PIXELS = 32768;
  private static final int COLUMNS = 8;
  /**
   * The whole image's -ln(1 - SSIM) move at x1.6 over the mosaic's, the median over photos and
   * graphics, the colour and the grey fit set (29 Nov): the mosaic's tile edges and its smaller
   * share of each block's neighbours under the masking.
   */
  private static final double[] SSIM_SCALE = {1.36, 1.53, 1.02};
  /**
   * The move per ln lambda grows with lambda: over x1-x1.25 it was 0.82-0.86 times that over
   * x1-x1.6 for SSIM, 0.83-0.90 for size (medians over the same sets); as a power of ln lambda.
   */
  static final double SSIM_POWER = 1.23;
  private static final double SIZE_POWER = 1.19;

  /** ln bytes per ln lambda taken off, over x1 to x1.6. */
  final double sizeSlope;
  /** -ln(1 - SSIM) per ln lambda taken off, over x1 to x1.6 (NaN for a size probe). */
  final double ssimSlope;
  final int code;
  /** 0 for photos, 1 for decoded colour and 2 for decoded grey JPEGs. */
  final int kind;

  private KnobProbe(int code, double sizeSlope, double ssimSlope, int kind) {
    this.code = code;
    this.kind = kind;
    this.sizeSlope = sizeSlope;
    this.ssimSlope = ssimSlope;
  }

  /**
   * The probe of {@code image} at search code {@code code} (its lambda ignored); {@code ssim}:
   * also its SSIM move, {@code kind} 0 for photos, 1 for decoded colour and 2 for decoded grey
   * JPEGs (the scale of that move).
   */
  static KnobProbe of(Image image, int code, boolean ssim, int kind) {
    return of(image, code, ssim, kind, null, false);
  }

  /**
   * The same for an encode with the caller's fixed chroma ({@code fixed}, null for the code's
   * own) or grey output, as the search's files are.
   */
  static KnobProbe of(Image image, int code, boolean ssim, int kind,
      JpegEncodeOptions.Subsampling fixed, boolean grey) {
    Image m = mosaic(image);
    int base = code & (TargetSearch.FULL_CHROMA | TargetSearch.QUALITY);
    JpegEncodeOptions o = TargetSearch.jpegOptions(base).withGrayscale(grey);
    if (fixed != null) {
      o = o.withSubsampling(fixed);
    }
    byte[] b0 = Tegula.encodeJpeg(m, Metadata.EMPTY, o);
    byte[] b1 = Tegula.encodeJpeg(m, Metadata.EMPTY, o.withLambdaHundredths(PROBE_LAMBDA));
    double ln = Math.log(PROBE_LAMBDA / 100.0);
    int h = header(b0);
    double k = -Math.log(Math.max(1, b1.length - h) / (double) Math.max(1, b0.length - h)) / ln;
    double c = Double.NaN;
    if (ssim) {
      double d0 = 1 - dev.tegula.metrics.Metrics.ssim(m, Tegula.decode(b0).image());
      double d1 = 1 - dev.tegula.metrics.Metrics.ssim(m, Tegula.decode(b1).image());
      c = SSIM_SCALE[kind] * Math.log(Math.max(1e-9, d1) / Math.max(1e-9, d0)) / ln;
    }
    return new KnobProbe(base, k, c, kind);
  }

  /**
   * The ln lambda predicted to take {@code need} off -ln(1 - SSIM) (NaN when the lambda does
   * not lower this image's SSIM).
   */
  double lnLambdaForSsim(double need) {
    return solve(need, ssimSlope, SSIM_POWER);
  }

  /**
   * The share, in the log, of the slope the search's files give ({@link #lnLambdaForSsim(double,
   * double)}) by kind (photos, decoded colour, decoded grey JPEGs). Session 17 (30 Nov), against
   * the whole image's SSIM at lambdas x1.02-x4 at the passes of the 150 probed knob thirds of
   * photos, graphics and the fit sets: the probe alone predicted the move the third needed with a
   * spread (standard deviation of the ln ratio) of 0.34 on colour and 0.38 on grey images; the
   * files' SSIM per ln byte times the probe's size slope 0.41 and 0.54, correlated with the probe's
   * error 0.30 and 0.55, so that blending pays on colour images only (the least-variance share 0.36
   * on colour, 0.15 on grey). Measured in TargetLanding, fine scale, same cache and session, JPEG
   * SSIM within 3 encodes on those sets with the two-pass step (SsimSearch's
   * JPEG_PASS_STEP_GAIN): 506 of 576 without; every kind at 0.1, 0.15, 0.2, 0.25, 0.3: 509, 509,
   * 509, 506, 509 (the grey fit set 107 -> 103-105); grey left alone, colour at 0.2, 0.25, 0.3:
   * 512, 510, 513, and at 0.3 with grey at 0.1: 511. Not kept, in a replay of the same 150 thirds
   * on those measurements (the probe alone lands 121 there, 119 in the real searches): the mosaic
   * coded again at the chosen lambda or at a third lambda for the curvature (95-117), the probe at
   * x1.1-x2.35 instead of x1.6 (no smaller spread), mosaics of 64 or 128 tiles of 32 or 8-32 tiles
   * of 64 pixels (spread 0.29-0.38; 121-126 at up to 4 times the probe's cost), the power of ln
   * lambda 1.0-1.7 (at most 126, at single points), an aim at a fixed point of the band instead of
   * {@link TrellisKnob#PROBE_SHARE} of the way (at most 120).
   */
  private static final double[] BRACKET_SHARE = {0.3, 0.3, 0};

  /**
   * As {@link #lnLambdaForSsim(double)} with the SSIM the search's own files bought per ln byte
   * ({@code ssimPerLnByte}, along the quality): the probe's SSIM slope blended in the log, by
   * {@link #BRACKET_SHARE}, with that times the probe's size slope (which predicts the whole
   * image's size far better than its mosaic's SSIM predicts SSIM). The probe alone when either
   * slope is not positive.
   */
  double lnLambdaForSsim(double need, double ssimPerLnByte) {
    if (!(ssimSlope > 1e-3) || !(sizeSlope > 1e-3) || !(ssimPerLnByte > 0)) {
      return lnLambdaForSsim(need);
    }
    double w = BRACKET_SHARE[kind];
    double slope = Math.exp((1 - w) * Math.log(ssimSlope)
        + w * Math.log(sizeSlope * ssimPerLnByte));
    return solve(need, slope, SSIM_POWER);
  }

  /** The ln lambda predicted to take {@code need} off ln bytes (NaN when it does not). */
  double lnLambdaForSize(double need) {
    return solve(need, sizeSlope, SIZE_POWER);
  }

  /** The predicted move at ln lambda l is slope ln1.6 (l / ln1.6)^power. */
  private static double solve(double need, double slope, double power) {
    if (!(slope > 1e-3) || need <= 0) {
      return Double.NaN;
    }
    double ln = Math.log(PROBE_LAMBDA / 100.0);
    return ln * Math.pow(need / (slope * ln), 1 / power);
  }

  /** The offset of the first start-of-scan marker (the tables and headers before it). */
  private static int header(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xda) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Tiles of {@link #TILE} pixels from the whole image, one from each of equal runs in raster
   * order at a golden-ratio offset inside its run ({@link SsimCurve#sampleAt}), edges repeated.
   */
  static Image mosaic(Image image) {
    return mosaic(image, TILE, MAX_PIXELS, 6);
  }

  /**
   * Tiles of {@code tile} pixels, at most {@code maxPixels} of them and at most one in {@code
   * fraction} of the image's tiles (at least 4), picked as {@link #mosaic(Image)} picks its own.
   */
  static Image mosaic(Image image, int tile, int maxPixels, int fraction) {
    int w = image.width();
    int h = image.height();
    int tw = (w + tile - 1) / tile;
    int th = (h + tile - 1) / tile;
    int total = tw * th;
    int count = Math.min(total, Math.min(maxPixels / (tile * tile),
        Math.max(4, total / fraction)));
    int cols = Math.min(COLUMNS, count);
    int rows = (count + cols - 1) / cols;
    int mw = cols * tile;
    int mh = rows * tile;
    byte[] dst = new byte[mw * mh * 4];
    for (int i = 0; i < cols * rows; i++) {
      int t = SsimCurve.sampleAt(i % count, count, total);
      int x0 = (t % tw) * tile;
      int y0 = (t / tw) * tile;
      copyTile(image, x0, y0, tile, dst, mw, (i % cols) * tile, (i / cols) * tile);
    }
    return new Image(mw, mh, dst);
  }

  /**
   * Copies the {@code tile}-pixel square at ({@code x0}, {@code y0}) of {@code image} into the
   * RGBA mosaic {@code dst} ({@code mw} pixels wide) at ({@code dx}, {@code dy}), repeating the
   * image's last column and row where the square crosses its edge.
   */
  static void copyTile(Image image, int x0, int y0, int tile, byte[] dst, int mw, int dx,
      int dy) {
    int w = image.width();
    int h = image.height();
    byte[] src = image.rgba();
    for (int yy = 0; yy < tile; yy++) {
      int sy = Math.min(h - 1, y0 + yy);
      for (int xx = 0; xx < tile; xx++) {
        int sx = Math.min(w - 1, x0 + xx);
        System.arraycopy(src, (sy * w + sx) * 4, dst, ((dy + yy) * mw + dx + xx) * 4, 4);
      }
    }
  }
}
