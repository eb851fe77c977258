package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JpegProbe}: the real JPEG encoder on a mosaic of the image's tiles corrects the SSIM
 * estimate towards the whole image's measured SSIM.
 */
class JpegProbeTest {
  private static final int[] CODES = {3000, 6000, 8500, 9300, 9800};

  /**
   * On JpegMosaicThirdTest's pictures and decoded JPEGs (colour and grey, Annex K and this
   * encoder's tables) and two synthetic graphics, at qualities 30-98, the probed estimate
   * ({@link SsimCurve#at} plus {@link SsimCurve#jpegProbedShift}) lies nearer the whole image's
   * measured -ln(1 - SSIM) than the estimate alone, in sum and in most cases, and the same probe
   * gives the same shift.
   */
  @Test
  void theProbedEstimateIsNearerTheMeasuredSsim() throws IOException {
    double before = 0;
    double after = 0;
    int nearer = 0;
    int cases = 0;
    List<Image> images = new ArrayList<>(Arrays.asList(JpegMosaicThirdTest.images()));
    images.add(TargetSearchTest.graphic(384, 1));
    images.add(TargetSearchTest.graphic(384, 2));
    for (Image image : images) {
      SsimCurve curve = SsimCurve.of(image, true);
      for (int code : CODES) {
        byte[] file = Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(code));
        double measured = SsimCurve.distortion(Metrics.ssim(image, Tegula.decode(file).image()));
        // the probe's reading uncut: an aim where a colour image's rise counts fully
        double shift = curve.jpegProbedShift(code, JpegProbe.RISE_FULL);
        assertEquals(shift, curve.jpegProbedShift(code, JpegProbe.RISE_FULL), 0);
        double e0 = Math.abs(measured - curve.at(code));
        double e1 = Math.abs(measured - curve.at(code) - shift);
        before += e0;
        after += e1;
        nearer += e1 < e0 ? 1 : 0;
        cases++;
      }
    }
    System.out.printf("JpegProbe: summed |error| %.2f -> %.2f, nearer in %d of %d%n", before,
        after, nearer, cases);
    assertTrue(after < 0.75 * before, before + " -> " + after);
    assertTrue(nearer >= cases * 0.6, nearer + " of " + cases);
  }

  /**
   * JPEG SSIM targets 0.90-0.99 on JpegMosaicThirdTest's pictures and decoded JPEGs, each search
   * without and with {@link Rule#JPEG_PROBE}: the searches on the two pictures (not decoded
   * JPEGs) are the same, the first encodes it moves lie nearer the aim in sum, and the searches
   * take no more encodes in sum.
   */
  @Test
  void aDecodedJpegsFirstEncodeMovedByTheProbeLiesNearerTheAim() throws IOException {
    Image[] images = JpegMosaicThirdTest.images();
    List<RulePairs.Pair> pairs = RulePairs.ssim(images, ImageFormat.JPEG,
        TargetSearchTest.NO_FAR.with(Rule.JPEG_PROBE, false), TargetSearchTest.NO_FAR);
    int perImage = pairs.size() / images.length;
    for (int i = 0; i < 2 * perImage; i++) {
      assertFalse(pairs.get(i).changed(), "picture's search " + i);
    }
    RulePairs.Moved moved = RulePairs.moved(pairs, 0, p -> true);
    RulePairs.Totals sum = RulePairs.totals(pairs);
    System.out.println("JPEG SSIM, first from the probe: in the band within 3 encodes "
        + sum.landed()[0] + " -> " + sum.landed()[1] + " of " + pairs.size() + ", encodes "
        + sum.encodes()[0] + " -> " + sum.encodes()[1] + "; of " + moved.count()
        + " different firsts " + moved.inBand()[0] + " -> " + moved.inBand()[1]
        + " in the band, mean distance from the aim " + moved.offAim()[0] / moved.count()
        + " -> " + moved.offAim()[1] / moved.count());
    RulePairs.assertNearerTheAim(moved);
    assertTrue(sum.encodes()[1] <= sum.encodes()[0],
        sum.encodes()[0] + " -> " + sum.encodes()[1]);
  }

  /**
   * The probe's estimate of its mosaic is made only at the grid qualities around the probe's
   * code, and reads there exactly what the estimate made over the whole grid reads: on
   * JpegMosaicThirdTest's pictures and decoded JPEGs (colour and grey) and a graphic, for the
   * encoders' chroma choice, fixed 4:4:4 and 4:2:0 and grey output, at codes over the whole
   * scale, on the grid and between it, flagged 4:4:4 below 97 too.
   */
  @Test
  void theProbesEstimateReadsWhatTheWholeGridReads() throws IOException {
    List<Image> images = new ArrayList<>(Arrays.asList(JpegMosaicThirdTest.images()));
    images.add(TargetSearchTest.graphic(384, 1));
    int[] codes = {0, 99, 1234, 3000, 4799, 5050, 7999, 8000, 8150, 9599, 9650, 9700, 9750,
        10000, 5000 | TargetSearch.FULL_CHROMA, 8050 | TargetSearch.FULL_CHROMA,
        9699 | TargetSearch.FULL_CHROMA};
    JpegEncodeOptions.Subsampling[] fixed = {null, JpegEncodeOptions.Subsampling.S444,
        JpegEncodeOptions.Subsampling.S420, null};
    int compared = 0;
    for (Image image : images) {
      SsimCurve curve = SsimCurve.of(image, true);
      Image m = TglProbe.mosaic(image, TglProbe.TILE, TglProbe.TILES);
      for (int v = 0; v < fixed.length; v++) {
        boolean greyOutput = v == 3;
        SsimCurve whole = SsimCurve.jpegOfMosaic(m, fixed[v], greyOutput, SearchRules.DEFAULT,
            curve);
        for (int code : codes) {
          double lean = SsimCurve.jpegOfMosaic(m, fixed[v], greyOutput, SearchRules.DEFAULT,
              curve, code).at(code);
          assertEquals(whole.at(code), lean, 0, "code " + code + " side " + v);
          compared++;
        }
      }
    }
    assertEquals(images.size() * fixed.length * codes.length, compared);
  }

  /** An image under two tiles of 128x128 has no probe: no shift, no mosaic. */
  @Test
  void aSmallImageHasNoProbe() {
    Image small = new Image(150, 100, new byte[150 * 100 * 4]);
    SsimCurve curve = SsimCurve.of(small, true);
    assertEquals(0, curve.jpegProbedShift(6000, JpegProbe.RISE_FULL), 0);
    assertTrue(Double.isNaN(curve.jpegProbeAt(6000)));
  }
}
