package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A .tgl SSIM search reads its second encode, and its third inside a bracket, on the real
 * encoder's curve of a mosaic of the image's tiles as well as on the line fitted through its
 * files ({@link Rule#TGL_MOSAIC}, {@link TglMosaicPick}).
 */
class TglMosaicPickTest {
  /**
   * .tgl SSIM targets 0.90-0.99 on JpegMosaicThirdTest's images (512-pixel crops of two photos
   * and decoded JPEGs of them, whose mosaic is TglProbe's full 4 tiles) and FourthEncodeTest's
   * (320-pixel crops, 3 tiles), each search without and with the rule: with it every file still
   * reaches its target, no search takes more than one encode more, the second or third encodes
   * it moves lie nearer the aim in sum, more searches land in the band within 3 encodes and in
   * fewer encodes in sum. 30 Nov (session 17): 289 -> 293 of 320, 750 -> 728 encodes, 95
   * searches changed (session 18, with SearchRules.Rule.TGL_MOSAIC_OUTSIDE on either side: 295
   * -> 299); of their first moved encodes 38 -> 56 in the band, a mean distance from
   * the aim of 0.059 -> 0.030 in -ln(1 - SSIM). (The 512-pixel images alone: 145 -> 145 of 160,
   * 377 -> 373 encodes, 0.080 -> 0.045 from the aim.) Session 23: measured again after
   * SearchRules.Rule.TGL_FAR_SECOND was retired (the rule's side no longer reads a second after a
   * first far under the aim on the mosaic alone: half and half with the line, as in session 17):
   * 288 -> 300 of 320, 731 -> 679 encodes, 185 searches changed; of 186 first moved encodes 67 ->
   * 108 in the band, 0.049 -> 0.025 from the aim (with it, the same session: 288 -> 301, 731 ->
   * 675, 67 -> 111 of 185, 0.049 -> 0.024).
   */
  @Test
  void aTglSecondAndBracketThirdReadOnTheMosaicLandMoreWithinThreeEncodes()
      throws IOException {
    double[] off = new double[2];
    int[] in = new int[2];
    int moved = 0;
    // as the rule was made, before every second read the mosaic alone (TGL_SECOND_ON_MOSAIC,
    // which took one search here two encodes more than the fitted line: 0.9855, 2 -> 4)
    // (and before TGL_FIRST_ON_MOSAIC, whose first reads the mosaic: off on both sides)
    SearchRules before = TargetSearchTest.NO_FAR.with(Rule.TGL_SECOND_ON_MOSAIC, false)
        .with(Rule.TGL_FIRST_ON_MOSAIC, false);
    List<RulePairs.Pair> pairs = RulePairs.ssim(images(), ImageFormat.TGL,
        before.with(Rule.TGL_MOSAIC, false), before);
    RulePairs.assertAtMostMoreEncodes(pairs, 1);
    for (RulePairs.Pair p : pairs) {
      // the first encode the rule moved (both searches share the first file)
      for (int i = 1; i < 3; i++) {
        double[] s = {p.score(0, i), p.score(1, i)};
        if (s[0] != s[1] && !Double.isNaN(s[0]) && !Double.isNaN(s[1])) {
          for (int rule = 0; rule < 2; rule++) {
            off[rule] += p.offAim(s[rule]);
            in[rule] += p.inBand(s[rule]) ? 1 : 0;
          }
          moved++;
          break;
        }
      }
    }
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    int changed = sum.changed();
    System.out.println(".tgl SSIM, second and bracket third on the mosaic: in the band within"
        + " 3 encodes " + landed[0] + " -> " + landed[1] + " of " + pairs.size() + ", encodes "
        + encodes[0] + " -> " + encodes[1] + ", " + changed + " searches changed; of " + moved
        + " first moved encodes " + in[0] + " -> " + in[1]
        + " in the band, mean distance from the aim " + off[0] / moved + " -> " + off[1] / moved);
    assertTrue(off[1] < off[0], off[0] + " -> " + off[1]);
    assertTrue(landed[1] > landed[0], landed[0] + " -> " + landed[1]);
    assertTrue(encodes[1] < encodes[0], encodes[0] + " -> " + encodes[1]);
  }

  /**
   * JpegMosaicThirdTest's images (512-pixel crops, TglProbe's full 4 tiles) and
   * FourthEncodeTest's (320-pixel crops, 3 tiles).
   */
  static Image[] images() throws IOException {
    Image[] large = JpegMosaicThirdTest.images();
    Image[] small = FourthEncodeTest.images();
    Image[] images = Arrays.copyOf(large, large.length + small.length);
    System.arraycopy(small, 0, images, large.length, small.length);
    return images;
  }
}
