package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .tgl's size estimate of smooth content takes a correction in proportion to {@link Smoothness}
 * ({@link Rule#TGL_SIZE_SMOOTH}): a blurred photo's files lie far under the photos' correction
 * and climb faster near the top; a photo keeps its estimate. The blur is {@link
 * SmoothCorrectionTest#blurred}'s box passes, not the Gaussian of the tables' fitting set, on
 * crops of two of its photos.
 */
class TglSizeSmoothTest {
  /** 4:2:0 codes and 4:4:4 codes (below 97 flagged, 97 and up the encoder's one curve). */
  private static final int[] CODES = {3000, 6000, 8500, 9200, 9600,
      9200 | TargetSearch.FULL_CHROMA, 9600 | TargetSearch.FULL_CHROMA, 9700, 9900};

  private static SizeCurve curve(Image image, boolean rule) {
    return SsimCurve.sizeOf(image, false, null, false,
        SearchRules.DEFAULT.with(Rule.TGL_SIZE_SMOOTH, rule));
  }

  /** A photo's size estimate is the same with the rule as without, at every code of both sides. */
  @Test
  void aPhotoKeepsItsSizeEstimate() throws IOException {
    Image photo = TargetSearchTest.crop("flower.png", 0, 0, 320);
    SizeCurve on = curve(photo, true);
    SizeCurve off = curve(photo, false);
    for (int q = 0; q <= 10000; q += 100) {
      assertEquals(off.at(q), on.at(q), 0);
      if (q < TargetSearch.JUMP) {
        assertEquals(off.at(q | TargetSearch.FULL_CHROMA), on.at(q | TargetSearch.FULL_CHROMA), 0);
      }
    }
  }

  /**
   * On a blurred crop, colour and grey, the estimate lies nearer the measured ln(bytes per
   * pixel) with the rule than without, in sum over {@link #CODES}, by more than half (1 Dec:
   * colour 3.43 -> 1.31, grey 3.53 -> 1.06).
   */
  @Test
  void theEstimateFollowsBlurredFiles() throws IOException {
    Image colour = SmoothCorrectionTest.blurred(TargetSearchTest.crop("astronaut.png", 0, 0, 320));
    for (Image image : new Image[] {colour, TargetSearchTest.grey(colour)}) {
      SizeCurve on = curve(image, true);
      SizeCurve off = curve(image, false);
      SearchEncoder encoder = new SearchEncoder(image, Metadata.EMPTY,
          CompressOptions.lossy(75).withFormat(ImageFormat.TGL));
      double pixels = (double) image.width() * image.height();
      double errOn = 0;
      double errOff = 0;
      for (int code : CODES) {
        double measured = Math.log(encoder.apply(code).length / pixels);
        errOn += Math.abs(measured - on.at(code));
        errOff += Math.abs(measured - off.at(code));
      }
      System.out.printf(".tgl size, smooth %s: |measured - estimate| summed %.3f -> %.3f%n",
          image == colour ? "colour" : "grey", errOff, errOn);
      assertTrue(errOn < errOff / 2, errOff + " -> " + errOn);
    }
  }

  /**
   * .tgl size targets (24 per image, from the file at quality 10 to the one at 99) on blurred
   * crops, colour and grey, each searched without the rule and with it: every file fits
   * (RulePairs checks), no search takes more than one encode more, and more searches land
   * within 3 encodes, in fewer encodes (1 Dec: 62 -> 69 of 72, encodes 211 -> 158). The three
   * tests take about 8 s.
   */
  @Test
  void blurredSearchesLandWithinThreeEncodes() throws IOException {
    Image astronaut = TargetSearchTest.crop("astronaut.png", 0, 0, 320);
    Image flower = TargetSearchTest.crop("flower.png", 32, 32, 320);
    Image[] images = {SmoothCorrectionTest.blurred(astronaut),
        SmoothCorrectionTest.blurred(flower),
        TargetSearchTest.grey(SmoothCorrectionTest.blurred(flower))};
    List<RulePairs.SizePair> pairs = RulePairs.size(images, ImageFormat.TGL,
        SearchRules.DEFAULT.with(Rule.TGL_SIZE_SMOOTH, false));
    RulePairs.SizeTotals sum = RulePairs.sizeTotals(pairs, 1);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    System.out.println(".tgl size on blurred crops, the smooth correction: in the band within 3"
        + " encodes " + landed[0] + " -> " + landed[1] + " of " + pairs.size() + ", encodes "
        + encodes[0] + " -> " + encodes[1]);
    assertTrue(landed[1] > landed[0], landed[0] + " -> " + landed[1]);
    assertTrue(encodes[1] < encodes[0], encodes[0] + " -> " + encodes[1]);
  }
}
