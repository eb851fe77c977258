package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The estimate's correction of smooth content ({@link Smoothness}, {@link
 * Rule#TGL_SMOOTH_CORRECTION}, {@link Rule#JPEG_SMOOTH_CORRECTION}): a blurred photo's files lie
 * over the photos' correction at low and middle qualities, and the term follows them; a photo
 * keeps its estimate.
 */
class SmoothCorrectionTest {
  private static final int[] QUALITIES = {1500, 3000, 4500, 6000};

  /** A photo weighs nothing, the same photo blurred almost fully. */
  @Test
  void blurredContentTakesTheWeight() throws IOException {
    Image photo = TargetSearchTest.crop("astronaut.png", 0, 0, 320);
    assertEquals(0, SsimCurve.of(photo, false).smoothness(), 0);
    assertTrue(SsimCurve.of(blurred(photo), false).smoothness() > 0.8);
    assertTrue(SsimCurve.of(TargetSearchTest.grey(blurred(photo)), true).smoothness() > 0.8);
  }

  /** A photo's estimate is the same with the rules as without, at every quality. */
  @Test
  void aPhotoKeepsItsEstimate() throws IOException {
    Image photo = TargetSearchTest.crop("flower.png", 0, 0, 320);
    for (boolean jpeg : new boolean[] {true, false}) {
      SsimCurve on = SsimCurve.of(photo, jpeg);
      SsimCurve off = SsimCurve.of(photo, jpeg, null, false, SearchRules.DEFAULT
          .with(Rule.TGL_SMOOTH_CORRECTION, false).with(Rule.JPEG_SMOOTH_CORRECTION, false));
      for (int q = 0; q <= 10000; q += 100) {
        assertEquals(off.at(q), on.at(q), 0);
      }
    }
  }

  /**
   * On a blurred crop, colour and grey, both formats' estimates lie nearer the measured -ln(1 -
   * SSIM) at qualities 15-60 with the term than without (in sum over the four; 30 Nov: .tgl
   * colour 3.84 -> 0.27, grey 1.97 -> 0.27, JPEG colour 1.52 -> 0.12, grey 0.48 -> 0.22). The
   * three tests take about 6 s.
   */
  @Test
  void theTermFollowsBlurredFiles() throws IOException {
    Image colour = blurred(TargetSearchTest.crop("astronaut.png", 0, 0, 320));
    for (Image image : new Image[] {colour, TargetSearchTest.grey(colour)}) {
      for (boolean jpeg : new boolean[] {true, false}) {
        SsimCurve on = SsimCurve.of(image, jpeg);
        SsimCurve off = SsimCurve.of(image, jpeg, null, false, SearchRules.DEFAULT
            .with(Rule.TGL_SMOOTH_CORRECTION, false).with(Rule.JPEG_SMOOTH_CORRECTION, false));
        double errOn = 0;
        double errOff = 0;
        for (int q : QUALITIES) {
          byte[] file = jpeg ? Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(q))
              : TglEncoder.encode(image, Metadata.EMPTY, TglEncodeOptions.lossyHundredths(q));
          double measured = SsimCurve.distortion(
              dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(file).image()));
          errOn += Math.abs(measured - on.at(q));
          errOff += Math.abs(measured - off.at(q));
        }
        System.out.printf("smooth %s %s: |measured - estimate| summed %.3f -> %.3f%n",
            jpeg ? "JPEG" : ".tgl", on.grey() ? "grey" : "colour", errOff, errOn);
        assertTrue(errOn < errOff, (jpeg ? "JPEG " : ".tgl ") + errOff + " -> " + errOn);
      }
    }
  }

  /** Three passes of an 11-pixel box blur per axis (about a Gaussian of sigma 5), edges held. */
  static Image blurred(Image image) {
    int w = image.width();
    int h = image.height();
    byte[] rgba = image.rgba().clone();
    double[] line = new double[Math.max(w, h)];
    for (int pass = 0; pass < 6; pass++) {
      boolean rows = pass % 2 == 0;
      int n = rows ? w : h;
      for (int c = 0; c < 3; c++) {
        for (int j = 0; j < (rows ? h : w); j++) {
          for (int i = 0; i < n; i++) {
            line[i] = rgba[((rows ? j * w + i : i * w + j) * 4) + c] & 255;
          }
          for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = -5; d <= 5; d++) {
              s += line[Math.max(0, Math.min(n - 1, i + d))];
            }
            rgba[((rows ? j * w + i : i * w + j) * 4) + c] = (byte) Math.round(s / 11);
          }
        }
      }
    }
    return new Image(w, h, rgba);
  }
}
