package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JPEG SSIM search's third encode leans on what its own two files measured ({@link
 * Rule#JPEG_THIRD_FROM_FILES}): the probed knob's lambda blends the SSIM the files bought
 * per byte into {@link KnobProbe}'s slope on colour images, a decoded JPEG's secant of two knob
 * files runs on the probe's power of ln lambda, and after two passes the third steps short of
 * the aim.
 */
class JpegThirdFromFilesTest {
  /**
   * The blend moves the knob's lambda toward the files' slope on a decoded colour JPEG (a
   * steeper slope asks a smaller lambda for the same need, a flatter one a larger), and leaves
   * a decoded grey JPEG's and any probe without a positive files' slope on the probe alone.
   */
  @Test
  void theKnobsLambdaBlendsTheFilesSlopeOnColourOnly() throws IOException {
    Image astronaut = TargetSearchTest.crop("astronaut.png", 0, 0, 512);
    Image colour = TargetSearchTest.annexKDecoded(astronaut, 75);
    Image grey = TargetSearchTest.annexKDecoded(TargetSearchTest.grey(astronaut), 70);
    double need = 0.05;
    KnobProbe c = KnobProbe.of(colour, 7000, true, 1);
    KnobProbe g = KnobProbe.of(grey, 7000, true, 2);
    assertTrue(c.ssimSlope > 0 && c.sizeSlope > 0, c.ssimSlope + " " + c.sizeSlope);
    assertTrue(g.ssimSlope > 0 && g.sizeSlope > 0, g.ssimSlope + " " + g.sizeSlope);
    double alone = c.lnLambdaForSsim(need);
    // the files' per-byte slope that, times the size slope, is 4 times or a quarter of the probe's
    double steep = 4 * c.ssimSlope / c.sizeSlope;
    double flat = c.ssimSlope / (4 * c.sizeSlope);
    double toSteep = c.lnLambdaForSsim(need, steep);
    double toFlat = c.lnLambdaForSsim(need, flat);
    assertTrue(toSteep < alone && alone < toFlat, toSteep + " " + alone + " " + toFlat);
    assertEquals(c.lnLambdaForSsim(need, c.ssimSlope / c.sizeSlope), alone, 1e-9);
    assertEquals(alone, c.lnLambdaForSsim(need, Double.NaN));
    assertEquals(alone, c.lnLambdaForSsim(need, -1));
    assertEquals(g.lnLambdaForSsim(need), g.lnLambdaForSsim(need, 4 * g.ssimSlope / g.sizeSlope));
  }

  /**
   * JPEG SSIM targets 0.90-0.99 on {@link JpegMosaicThirdTest#images}, each search without and
   * with the rule: with it every file still reaches its target, no search takes more encodes,
   * and more land in the band within 3 encodes (30 Nov, session 17: 119 -> 122 of 160, 421 ->
   * 420 encodes, 34 searches changed; session 18, with {@link Rule#JPEG_LARGER_MOSAIC} on both
   * sides: 128 -> 131, 414 -> 413, 38).
   */
  @Test
  void aJpegThirdFromItsFilesLandsMoreWithinThreeEncodes() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(JpegMosaicThirdTest.images(), ImageFormat.JPEG,
        TargetSearchTest.NO_FAR.with(Rule.JPEG_THIRD_FROM_FILES, false), TargetSearchTest.NO_FAR);
    RulePairs.assertAtMostMoreEncodes(pairs, 0);
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    int changed = sum.changed();
    System.out.println("JPEG SSIM, third from the files: in the band within 3 encodes "
        + landed[0] + " -> " + landed[1] + " of " + pairs.size() + ", encodes " + encodes[0]
        + " -> " + encodes[1] + ", " + changed + " searches changed");
    assertTrue(landed[1] > landed[0], landed[0] + " -> " + landed[1]);
  }
}
