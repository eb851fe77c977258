package dev.tegula.api;

import static dev.tegula.api.TargetSearchTest.BEFORE_LARGER_MOSAIC;
import static dev.tegula.api.TargetSearchTest.NO_FOURTH;
import static dev.tegula.api.TargetSearchTest.annexKDecoded;
import static dev.tegula.api.TargetSearchTest.counting;
import static dev.tegula.api.TargetSearchTest.crop;
import static dev.tegula.api.TargetSearchTest.graphic;
import static dev.tegula.api.TargetSearchTest.grey;
import static dev.tegula.api.TargetSearchTest.memoJpeg;
import static dev.tegula.api.TargetSearchTest.memoSsim;
import static dev.tegula.api.TargetSearchTest.tglScale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.api.TargetSearchTest.Counting;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.io.IOException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The searches on each image's own estimated curves ({@link SsimCurve}, {@link SizeCurve})
 * instead of the corpus prior, and how they fit the files: one point shifts the estimate, two fit
 * it (JPEG per side, .tgl on the line in the log of the step), decoded JPEGs against their
 * source's steps; split from TargetSearchTest in session 26, tests unchanged.
 */
class SearchOnOwnCurveTest {
  /**
   * Made-up .tgl curves whose distortion is a power of the quantizer step, 1 - SSIM = k (scale +
   * 200)^alpha, as on flat content where SSIM climbs far more steeply and bends more than on the
   * corpus photos: the third encode interpolates between the two measured points in the log of
   * the step, where such a curve is a line, and lands in the band. (The prior's shape through the
   * same two points lands 5 of these 12 searches.) The curves have one chroma resolution
   * throughout (no jump at 97), as a caller's fixed chroma gives.
   */
  @Test
  void tglSsimTargetOnACurveSteeperThanThePriorLandsByInterpolatingInTheLogOfTheStep() {
    int searches = 0;
    int inBand = 0;
    StringBuilder misses = new StringBuilder();
    for (double alpha : new double[] {1.2, 1.6, 2.2}) {
      // the curve passes SSIM 0.95 at quality 75
      double k = 0.05 / Math.pow(tglScale(7500) + 200, alpha);
      java.util.function.ToDoubleFunction<byte[]> scorer =
          b -> 1 - k * Math.pow(tglScale(b.length - 1) + 200, alpha);
      for (double target : new double[] {0.93, 0.96, 0.98, 0.99}) {
        int[] calls = new int[1];
        TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.TGL, 1, false, target, code -> {
          calls[0]++;
          return new byte[code + 1];
        }, scorer);
        assertEquals(calls[0], r.encodes());
        assertTrue(r.encodes() <= 3, r.encodes() + " encodes");
        assertTrue(r.ssim() >= target, r.ssim() + " < " + target);
        searches++;
        boolean in = r.ssim() <= target + (1 - TargetSearch.SSIM_BAND) * (1 - target);
        inBand += in ? 1 : 0;
        misses.append(in ? "" : " alpha " + alpha + " target " + target + ": q" + r.quality()
            + " SSIM " + r.ssim() + ";");
      }
    }
    assertEquals(searches, inBand, "missed:" + misses);
  }

  /**
   * JPEG SSIM searches on photo crops and synthetic graphics (not decoded JPEGs) with and
   * without the line in the log of the table scale blended into a bracket's prediction ({@link
   * SsimSearch#JPEG_OTHER_BRACKET_LINE}): with it never under the target, never more encodes
   * than 3 or than without it, and at least as many land in the band (on these 88 searches 6
   * files change, 49 land either way; the gain measured is on the corpus, TargetLanding).
   */
  @Test
  void jpegSearchesWithTheBracketLineLandAtLeastAsOftenAndNeverOnTheWrongSide()
      throws IOException {
    Image[] images = {crop("astronaut.png", 200, 200, 300), crop("flower.png", 0, 0, 256),
        graphic(256, 3), graphic(256, 4)};
    int[] landed = new int[2];
    int searches = 0;
    int changed = 0;
    for (Image image : images) {
      IntFunction<byte[]> encoder = memoJpeg(image);
      java.util.function.ToDoubleFunction<byte[]> scorer = memoSsim(image);
      SsimCurve[] curve = {
          SsimCurve.of(image, true, null, false, NO_FOURTH.with(Rule.OTHER_BRACKET_LINE, false)),
          SsimCurve.of(image, true, null, false, NO_FOURTH)};
      for (int t = 0; t < 22; t++) {
        double target = 0.90 + 0.004 * t;
        TargetSearch.Result[] r = new TargetSearch.Result[2];
        int[] calls = new int[2];
        for (int with = 0; with < 2; with++) {
          int w = with;
          r[with] = TargetSearch.forSsim(ImageFormat.JPEG, 1, true, target, c -> {
            calls[w]++;
            return encoder.apply(c);
          }, scorer, curve[with], true);
          landed[with] += r[with].ssim() <= target + 0.03 * (1 - target) ? 1 : 0;
        }
        assertTrue(r[1].ssim() >= target, target + ": " + r[1].ssim());
        assertTrue(calls[1] <= Math.max(3, calls[0]), target + ": " + calls[1] + " encodes");
        searches++;
        changed += r[0].code() != r[1].code() ? 1 : 0;
      }
    }
    System.out.println("bracket line: " + landed[0] + " -> " + landed[1] + " of " + searches
        + " landed, " + changed + " files changed");
    assertTrue(landed[1] >= landed[0], landed[0] + " -> " + landed[1] + " of " + searches);
  }

  /**
   * A made-up image whose SSIM climbs slowly, then steeply around quality 85 and stands almost
   * still from 90 (the staircase of a decoded JPEG near its own quality, the flat top of
   * graphics), its estimated curve ({@link SsimCurve}) off by a bias and a slope the encodes must
   * find: the search on that curve lands every target in the band in at most 3 encodes; on the
   * corpus prior's shape (the old search) it lands 2 of these 12.
   */
  @Test
  void ssimSearchOnTheImagesOwnCurveLandsWhereThePriorsShapeMisses() {
    double[] estimate = new double[101];
    for (int q = 0; q <= 100; q++) {
      // -ln(1 - SSIM): 1 at 0, 2.6 at 80, 4.6 at 90, 4.9 at 100
      estimate[q] = q <= 80 ? 1 + 1.6 * q / 80 : q <= 90 ? 2.6 + 0.2 * (q - 80)
          : 4.6 + 0.03 * (q - 90);
    }
    SsimCurve curve = SsimCurve.of(false, estimate, null);
    int searches = 0;
    int withCurve = 0;
    int withPrior = 0;
    StringBuilder misses = new StringBuilder();
    for (double[] bias : new double[][] {{0.3, 1.1}, {-0.2, 0.9}}) {
      java.util.function.ToDoubleFunction<byte[]> scorer =
          b -> 1 - Math.exp(-(bias[0] + bias[1] * curve.at(b.length - 1)));
      for (double target : new double[] {0.9, 0.93, 0.95, 0.96, 0.97, 0.98}) {
        double top = target + (1 - TargetSearch.SSIM_BAND) * (1 - target);
        int[] calls = new int[1];
        IntFunction<byte[]> encoder = code -> {
          calls[0]++;
          return new byte[code + 1];
        };
        // grey output: no chroma jump to fill
        TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.JPEG, 1, false, target, encoder,
            scorer, curve);
        assertEquals(calls[0], r.encodes());
        assertTrue(r.encodes() <= 3, r.encodes() + " encodes for " + target);
        assertTrue(r.ssim() >= target, r.ssim() + " < " + target);
        searches++;
        boolean in = r.ssim() <= top;
        withCurve += in ? 1 : 0;
        misses.append(in ? "" : " " + bias[0] + "/" + target + ": q" + r.quality() + " SSIM "
            + r.ssim() + ";");
        TargetSearch.Result old = TargetSearch.forSsim(ImageFormat.JPEG, 1, false, target,
            encoder, scorer);
        withPrior += old.ssim() <= top ? 1 : 0;
      }
    }
    assertEquals(searches, withCurve, "missed:" + misses);
    assertTrue(withPrior < searches, withPrior + " of " + searches + " on the prior");
  }

  /**
   * A made-up JPEG whose measured curve climbs at 0.62 of its estimate's slope through the first
   * two encodes, both under the target, and at 0.8 beyond (the two-point line underestimates the
   * rise past the last point, by a median 1.4 on the corpus photos and graphics): the third
   * encode, aimed short of the line by {@code JPEG_STEP_GAIN}, lands in the band; aimed past the
   * target by a quarter of the last shortfall (the rule before) it went 3% of the budget over.
   */
  @Test
  void jpegSsimThirdEncodeAfterTwoMissesLandsWhereTheCurveSteepens() {
    SsimCurve curve = straightCurve();
    for (double target : new double[] {0.9, 0.95, 0.97}) {
      double aim = -Math.log(0.985 * (1 - target));
      java.util.List<Double> ssims = new java.util.ArrayList<>();
      double[] kink = {Double.MAX_VALUE}; // the second encode's estimate: steeper past it
      java.util.function.ToDoubleFunction<byte[]> scorer = b -> {
        double e = curve.at(b.length - 1);
        if (ssims.size() == 1) {
          kink[0] = e;
        }
        double y = aim - 0.21 + 0.62 * (Math.min(e, kink[0]) - aim)
            + 0.8 * Math.max(0, e - kink[0]);
        return 1 - Math.exp(-y);
      };
      TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.JPEG, 1, false, target,
          code -> new byte[code + 1], b -> {
            double v = scorer.applyAsDouble(b);
            ssims.add(v);
            return v;
          }, curve);
      String what = target + ": SSIM " + ssims;
      assertEquals(3, r.encodes(), what);
      assertTrue(ssims.get(0) < target && ssims.get(1) < target, what);
      assertTrue(r.ssim() >= target && r.ssim() <= target + 0.03 * (1 - target), what);
    }
  }

  /**
   * A made-up .tgl image whose first two encodes both pass the SSIM target, well above the band,
   * and whose curve below the second falls 4% faster than the line in the log of the step through
   * the two (the measured curves of the corpus graphics bend so): the third encode, aimed {@code
   * TGL_PASS_STEP_GAIN} short of the line, lands in the band; aimed on the line (the rule before)
   * it fell under the target and the search ended on the second file, off the band.
   */
  @Test
  void tglSsimThirdEncodeAfterTwoPassesLandsWhereTheCurveFallsFaster() {
    SsimCurve curve = straightCurve();
    for (double target : new double[] {0.9, 0.95, 0.97}) {
      double aim = -Math.log(0.985 * (1 - target));
      java.util.List<Integer> codes = new java.util.ArrayList<>();
      java.util.List<Double> ssims = new java.util.ArrayList<>();
      java.util.function.IntToDoubleFunction ls =
          q -> -Math.log(TargetSearch.tglScale(q) + 200);
      java.util.function.IntToDoubleFunction measured = q -> {
        if (codes.size() == 1) {
          return aim + 1.0;
        }
        double x1 = ls.applyAsDouble(codes.get(0));
        double x2 = ls.applyAsDouble(codes.get(1));
        double slope = 0.5 / (x1 - x2);
        double x = ls.applyAsDouble(q);
        return aim + 0.5 + slope * (x - x2) * (x < x2 ? 1.04 : 1);
      };
      TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.TGL, 1, false, target, code -> {
        codes.add(code);
        return new byte[code + 1];
      }, b -> {
        double v = 1 - Math.exp(-measured.applyAsDouble(b.length - 1));
        ssims.add(v);
        return v;
      }, curve);
      String what = target + ": codes " + codes + ", SSIM " + ssims;
      assertEquals(3, r.encodes(), what);
      assertTrue(ssims.get(0) > target && ssims.get(1) > target, what);
      assertTrue(r.ssim() >= target && r.ssim() <= target + 0.03 * (1 - target), what);
    }
  }

  /**
   * The estimate needs no encode and follows each image's own curve: on a photo crop and a
   * synthetic graphic it rises with the quality; on the photo its rise from quality 50 to 95 is
   * within 40% of the measured one (not on the graphic: there 4:2:0 chroma, which the estimate
   * models as a plain 2x2 average, flattens the measured curve to less than half the estimated
   * rise, one of its known errors); and it sees the graphic's far larger JPEG jump at 97, which
   * the corpus prior puts at the same height for every image.
   */
  @Test
  void ssimCurveFollowsEachImagesOwnCurve() throws IOException {
    Image photo = crop("astronaut.png", 128, 96, 256);
    Image graphic = graphic(192, 7);
    double[] jumps = new double[2];
    int i = 0;
    for (Image image : new Image[] {photo, graphic}) {
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        boolean jpeg = format == ImageFormat.JPEG;
        SsimCurve curve = SsimCurve.of(image, jpeg);
        Counting encoder = new Counting(image, format);
        java.util.function.IntToDoubleFunction measured = code -> -Math.log(1
            - dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(encoder.apply(code)).image()));
        for (int q = 2000; q <= 10000; q += 500) {
          assertTrue(curve.at(q) >= curve.at(q - 500) - 0.02, format + " q" + q);
        }
        double estimatedRise = curve.at(9500) - curve.at(5000);
        double measuredRise = measured.applyAsDouble(9500) - measured.applyAsDouble(5000);
        if (image == photo) {
          assertTrue(Math.abs(estimatedRise - measuredRise) < 0.4 * measuredRise,
              format + ": estimated rise " + estimatedRise + ", measured " + measuredRise);
        }
        if (jpeg) {
          jumps[i] = curve.at(9700) - curve.at(9699);
          double measuredJump = measured.applyAsDouble(9700) - measured.applyAsDouble(9699);
          assertTrue(Math.abs(jumps[i] - measuredJump) < 0.5 * measuredJump,
              "jump at 97: estimated " + jumps[i] + ", measured " + measuredJump);
        }
      }
      i++;
    }
    assertTrue(jumps[1] > 4 * jumps[0], "jumps " + jumps[0] + ", " + jumps[1]);
  }

  /**
   * {@link SizeCurve}: never falls as the quality rises (either chroma side), follows the measured
   * ln(bytes per pixel) of a photo crop and a synthetic graphic within 0.2 (22%) from quality 30
   * to 99 (below, a small image's headers weigh more than the corpus's), and carries JPEG's jump
   * at 97 within a third of its measured height on the photo.
   */
  @Test
  void sizeCurveRisesWithQualityAndFollowsTheMeasuredSize() throws IOException {
    Image photo = crop("astronaut.png", 128, 96, 256);
    for (Image image : new Image[] {photo, graphic(192, 7)}) {
      double pixels = (double) image.width() * image.height();
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        boolean jpeg = format == ImageFormat.JPEG;
        SizeCurve curve = SsimCurve.sizeOf(image, jpeg);
        for (int q = 1; q <= 10000; q++) {
          assertTrue(curve.at(q) >= curve.at(q - 1) - 1e-9, format + " q" + q);
          if (jpeg && q < TargetSearch.JUMP) {
            int f = q | TargetSearch.FULL_CHROMA;
            assertTrue(curve.at(f) >= curve.at(f - 1) - 1e-9, format + " 4:4:4 q" + q);
          }
        }
        Counting encoder = new Counting(image, format);
        java.util.function.IntToDoubleFunction measured =
            code -> Math.log(encoder.apply(code).length / pixels);
        StringBuilder seen = new StringBuilder();
        double worst = 0;
        for (int q : new int[] {3000, 5000, 7500, 9000, 9600, 9900}) {
          double m = measured.applyAsDouble(q);
          worst = Math.max(worst, Math.abs(m - curve.at(q)));
          seen.append(String.format(" q%d %.3f/%.3f", q / 100, curve.at(q), m));
        }
        assertTrue(worst < 0.2, format + " estimated/measured:" + seen);
        if (jpeg && image == photo) {
          double jump = curve.at(9700) - curve.at(9699);
          double measuredJump = measured.applyAsDouble(9700) - measured.applyAsDouble(9699);
          assertTrue(Math.abs(jump - measuredJump) < measuredJump / 3,
              "jump at 97: estimated " + jump + ", measured " + measuredJump);
        }
      }
    }
  }

  /**
   * Size targets on the image's own estimated size curve: on two photo crops and a synthetic
   * graphic, JPEG and .tgl, every search fits, takes at most 3 encodes, and at least as many land
   * in the band in no more encodes in all than on the corpus prior.
   */
  @Test
  void sizeSearchOnTheImagesOwnCurveLandsAtLeastAsOftenInFewerEncodes() throws IOException {
    Image[] images = {crop("astronaut.png", 128, 96, 256), crop("astronaut.png", 0, 0, 320),
        graphic(256, 3)};
    int[] inBand = new int[2];
    int[] encodes = new int[2];
    int searches = 0;
    for (Image image : images) {
      long pixels = (long) image.width() * image.height();
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        boolean jpeg = format == ImageFormat.JPEG;
        SizeCurve curve = SsimCurve.sizeOf(image, jpeg, null, false, NO_FOURTH);
        java.util.Map<Integer, byte[]> memo = new java.util.HashMap<>();
        Counting encoder = new Counting(image, format);
        long smallest = encoder.apply(0).length;
        long largest = encoder.apply(10000).length;
        for (double share : new double[] {0.15, 0.3, 0.5, 0.7}) {
          long target = smallest + (long) (share * (largest - smallest));
          searches++;
          for (int v = 0; v < 2; v++) {
            int[] calls = new int[1];
            TargetSearch.Result r = TargetSearch.forSize(format, 1, true, pixels, target,
                counting(c -> memo.computeIfAbsent(c, encoder::apply), calls),
                v == 1 ? curve : null);
            assertEquals(calls[0], r.encodes());
            assertTrue(r.bytes().length <= target, r.bytes().length + " > " + target);
            if (v == 1) {
              assertTrue(r.encodes() <= 3, format + " " + target + ": " + r.encodes());
            }
            encodes[v] += r.encodes();
            inBand[v] += r.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
          }
        }
      }
    }
    assertTrue(inBand[1] >= inBand[0] && inBand[1] >= searches - 2,
        "in the band: own curve " + inBand[1] + ", prior " + inBand[0] + " of " + searches);
    assertTrue(encodes[1] <= encodes[0], "encodes: own curve " + encodes[1] + ", prior "
        + encodes[0]);
  }

  /**
   * A made-up .tgl image whose file size follows a line in the log of the step (bytes in
   * proportion to the steps' geometric mean to the power -1/2, {@link TargetSearch#tglStepLog},
   * as fitc astronaut_q95's .tgl file comes close to from 97 on; until session 24 the test's
   * file followed 1 / (scale + 200), the axis of the rule before {@link
   * SearchRules.Rule#TGL_SIZE_STEP_LINE}) while its size estimate rises half as fast above 90
   * (the estimate's shape at the top, where .tgl's coder gains most over the symbol entropy):
   * inside the bracket of the first two encodes the third is placed on the line through them and
   * lands in the band for every target; on the estimate's shape through the bracket (the rule
   * before session 8) it fell 3.5% and 6.3% under the targets at 98.5 and 99.5.
   */
  @Test
  void tglSizeThirdEncodeInsideABracketFollowsTheLineInTheLogOfTheStep() {
    long pixels = 100_000;
    java.util.function.IntToDoubleFunction lnBytesPerPixel =
        q -> 5 + 0.5 * TargetSearch.tglStepLog(q);
    SizeCurve estimate = new SizeCurve(false);
    double at90 = lnBytesPerPixel.applyAsDouble(9000);
    for (int w = 0; w <= 100; w++) {
      double file = lnBytesPerPixel.applyAsDouble(w * 100);
      estimate.sub[w] = w > 90 ? file - 0.5 * (file - at90) : file;
      // one chroma resolution throughout (the caller's fixed chroma): no jump at 97
      estimate.full[w] = estimate.sub[w];
    }
    for (int atQuality : new int[] {9650, 9750, 9850, 9900, 9950}) {
      long target = (long) (pixels * Math.exp(lnBytesPerPixel.applyAsDouble(atQuality)));
      java.util.List<String> encodes = new java.util.ArrayList<>();
      TargetSearch.Result r = TargetSearch.forSize(ImageFormat.TGL, 1, false, pixels, target,
          code -> {
            byte[] b = new byte[(int) (pixels * Math.exp(lnBytesPerPixel.applyAsDouble(code)))];
            encodes.add(code + ":" + b.length);
            return b;
          }, estimate);
      String what = target + " bytes: " + encodes;
      assertTrue(r.encodes() <= 3, what);
      assertTrue(r.bytes().length <= target && r.bytes().length >= 0.97 * target, what);
    }
  }

  /**
   * A made-up decoded JPEG whose measured curve runs halfway between its estimate (fitted through
   * any two points) and the line in the log of the table scale (through the same points), as
   * the stairs near a decoded JPEG's own quality follow neither: a third encode between a
   * failing and a passing file, predicted by {@code JPEG_BRACKET_LINE} of the line and the rest
   * of the fitted estimate, lands in the band in every such search below 97; on the fitted
   * estimate alone (the rule before) some fall outside it.
   */
  @Test
  void jpegSsimThirdEncodeInsideABracketBlendsTheEstimateWithTheLineInTheLogOfTheScale() {
    SsimCurve curve = straightCurve().asDecodedJpeg();
    double l50 = logTableScale(5000);
    double l95 = logTableScale(9500);
    int bracketed = 0;
    StringBuilder misses = new StringBuilder();
    for (double[] world : new double[][] {{0, 1}, {0.2, 0.9}, {-0.2, 1.1}, {0.3, 1}}) {
      java.util.function.ToDoubleFunction<byte[]> scorer = b -> {
        int q = b.length - 1;
        double line = curve.at(5000) + (curve.at(9500) - curve.at(5000))
            * (logTableScale(q) - l50) / (l95 - l50);
        return 1 - Math.exp(-(world[0] + world[1] * (0.5 * curve.at(q) + 0.5 * line)));
      };
      for (int t = 0; t < 32; t++) {
        double target = 0.90 + 0.0025 * t;
        java.util.List<Double> ssims = new java.util.ArrayList<>();
        int[] top = {0};
        TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.JPEG, 1, false, target,
            code -> {
              top[0] = Math.max(top[0], code);
              return new byte[code + 1];
            }, b -> {
              double v = scorer.applyAsDouble(b);
              ssims.add(v);
              return v;
            }, curve);
        assertTrue(r.ssim() >= target);
        // (a bracket across 97 has its ends on the two sides of JPEG's chroma jump)
        if (ssims.size() == 3 && (ssims.get(0) >= target) != (ssims.get(1) >= target)
            && top[0] < TargetSearch.JUMP) {
          bracketed++;
          if (r.ssim() > target + (1 - TargetSearch.SSIM_BAND) * (1 - target)) {
            misses.append(" ").append(world[0]).append("/").append(target).append(": ")
                .append(ssims);
          }
        }
      }
    }
    assertTrue(bracketed >= 10, bracketed + " bracketed searches");
    assertEquals("", misses.toString(), "third encodes in a bracket off the band");
  }

  private static double logTableScale(int q) {
    return -Math.log(JpegEncodeOptions.tableScaleHundredths(q) + 200);
  }

  /** An estimate rising straight from 1 to 4 in -ln(1 - SSIM) over the quality (made-up curves). */
  private static SsimCurve straightCurve() {
    double[] estimate = new double[101];
    for (int q = 0; q <= 100; q++) {
      estimate[q] = 1 + 3.0 * q / 100;
    }
    return SsimCurve.of(false, estimate, null);
  }

  /**
   * Inside a bracket on a decoded JPEG, the line blended into the prediction runs in the mean log
   * of the luma steps each quality's integer tables really have (Rule#BRACKET_LINE_ON_TABLES)
   * rather than the smooth table scale: near the source's quality SSIM climbs where the steps move
   * and stands still where they do not. On grey decoded crops (the encoder's plain Annex K tables
   * at 60 and 75) the searches land more often with it, never under the target and in at most 3
   * encodes. (Session 12: 40 -> 42 of 60 on the first two. Session 16, after the encoders began
   * restoring flat black exactly, which took most of these crops' stairs away: 45 -> 45 on those
   * two, so the whole astronaut picture at 75 joins them, 15 -> 16; on the grey fit set,
   * TargetLanding -DtablesLine=false, 96 -> 99 of 120 within 3 encodes. Session 18: measured
   * without Rule#JPEG_LARGER_MOSAIC, whose thirds inside a bracket read the larger mosaic alone, so
   * that the line no longer places them: with it 71 -> 71.)
   */
  @Test
  void aDecodedJpegsBracketLineFollowsItsTablesSteps() throws IOException {
    int[] landed = new int[2];
    Image[] crops = {crop("astronaut.png", 64, 64, 384), crop("flower.png", 64, 64, 256),
        crop("astronaut.png", 0, 0, 512)};
    int[] sourceQuality = {60, 75, 75};
    for (int i = 0; i < crops.length; i++) {
      Image decoded = annexKDecoded(grey(crops[i]), sourceQuality[i]);
      SsimCurve[] curve = {
          SsimCurve.of(decoded, true, null, false,
              BEFORE_LARGER_MOSAIC.with(Rule.BRACKET_LINE_ON_TABLES, false)),
          SsimCurve.of(decoded, true, null, false, BEFORE_LARGER_MOSAIC)};
      assertTrue(curve[1].sourceSteps() != null, "a decoded JPEG");
      IntFunction<byte[]> encoder = memoJpeg(decoded);
      java.util.function.ToDoubleFunction<byte[]> scorer = memoSsim(decoded);
      for (int t = 0; t < 30; t++) {
        double target = 0.90 + 0.003 * t;
        double band = target + (1 - TargetSearch.SSIM_BAND) * (1 - target);
        for (int onTables = 0; onTables < 2; onTables++) {
          int[] calls = {0};
          TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.JPEG, 1, true, target,
              counting(encoder, calls), scorer, curve[onTables], true);
          assertTrue(r.ssim() >= target, target + ": " + r.ssim());
          assertTrue(calls[0] <= 3, target + ": " + calls[0] + " encodes");
          landed[onTables] += r.ssim() <= band ? 1 : 0;
        }
      }
    }
    System.out.println("bracket line on the tables' steps: " + landed[0] + " -> " + landed[1]
        + " landed");
    assertTrue(landed[1] > landed[0], landed[0] + " on the table scale, " + landed[1]
        + " on the tables' steps");
  }

  /**
   * .tgl SSIM targets on decoded colour JPEGs (photo crops through the Annex K tables, not the
   * cjpeg files the correction was fitted on), with 4:4:4 fixed and with the encoder's chroma
   * choice: the estimate corrected by how .tgl's steps compare with the source's ({@link
   * SsimCurve#TGL_SOURCE_BIAS}) lands more in the band in at most 3 encodes than without it,
   * and every result reaches its target (29 Nov: 68 -> 76 of 80). (A grey one, astronaut at 70,
   * lands fewer with the grey table: 18 -> 13 of 20; see TGL_GREY_SOURCE_BIAS.)
   */
  @Test
  void tglSsimSearchOnADecodedColourJpegReadsTheEstimateAgainstTheSourcesSteps()
      throws IOException {
    double[] targets = new double[20];
    for (int t = 0; t < targets.length; t++) {
      targets[t] = 0.90 + 0.0045 * t;
    }
    int[] landed = new int[2];
    int searches = 0;
    for (int source : new int[] {75, 90}) {
      Image decoded = annexKDecoded(source == 75 ? crop("astronaut.png", 64, 64, 320)
          : crop("flower.png", 32, 32, 320), source);
      for (JpegEncodeOptions.Subsampling chroma
          : new JpegEncodeOptions.Subsampling[] {JpegEncodeOptions.Subsampling.S444, null}) {
        CompressOptions o = CompressOptions.lossy(75).withFormat(ImageFormat.TGL)
            .withChroma(chroma);
        assertTrue(!Double.isNaN(CompressPipeline.ssimCurve(o, decoded).stepRatio(50)),
            "a decoded colour JPEG");
        int[] l = tglLandingsWithoutAndWithSourceCorrection(decoded, o, targets);
        landed[0] += l[0];
        landed[1] += l[1];
        searches += targets.length;
      }
    }
    System.out.println(".tgl on decoded colour JPEGs, in the band: " + landed[0] + " -> "
        + landed[1] + " of " + searches);
    assertTrue(landed[1] > landed[0], landed[0] + " without the source's correction, "
        + landed[1] + " with it, of " + searches);
  }

  /**
   * .tgl SSIM searches for each of {@code targets} on {@code decoded}, first without, then with
   * the estimate's step-ratio correction ({@link Rule#TGL_SOURCE_CORRECTION}): how many of
   * each landed in the band in at most 3 encodes. Every result must reach its target.
   */
  static int[] tglLandingsWithoutAndWithSourceCorrection(Image decoded, CompressOptions o,
      double[] targets) {
    java.util.Map<Integer, byte[]> files = new java.util.HashMap<>();
    IntFunction<byte[]> encoder = c -> files.computeIfAbsent(c,
        cc -> CompressPipeline.encodeLossy(decoded, Metadata.EMPTY, o, cc));
    java.util.function.ToDoubleFunction<byte[]> scorer = memoSsim(decoded);
    int[] landed = new int[2];
    for (int corrected = 0; corrected < 2; corrected++) {
      // the first encode as the correction places it, not the probe (which replaces it there);
      // the mosaic's reads as before session 19, whose steps past their candidates land 80 of
      // the colour test's 80 without the correction and 79 with it
      SsimCurve curve = CompressPipeline.ssimCurve(o, decoded,
          SearchRules.DEFAULT.with(Rule.TGL_SOURCE_CORRECTION, corrected == 1)
              .with(Rule.TGL_PROBE, false).with(Rule.TGL_MOSAIC_BEYOND, false));
      for (double target : targets) {
        double band = target + (1 - TargetSearch.SSIM_BAND) * (1 - target);
        int[] calls = {0};
        TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.TGL, 1,
            CompressPipeline.chromaChoice(o, decoded), target, counting(encoder, calls),
            scorer, curve);
        assertTrue(r.ssim() >= target, target + ": " + r.ssim());
        landed[corrected] += r.ssim() <= band && calls[0] <= 3 ? 1 : 0;
      }
    }
    return landed;
  }
}
