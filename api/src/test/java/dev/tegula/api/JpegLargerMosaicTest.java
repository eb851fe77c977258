package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JPEG SSIM search reads its mosaic third on a larger mosaic of the image, alone inside a
 * bracket, and takes the knob's secant from a first file passing near the aim on any image
 * ({@link Rule#JPEG_LARGER_MOSAIC}).
 */
class JpegLargerMosaicTest {
  /**
   * JPEG SSIM targets 0.90-0.99 on JpegMosaicThirdTest's pictures and decoded JPEGs, each search
   * without and with the rule: every file still reaches its target (RulePairs checks), no search
   * takes more than one encode more, the third encodes it moves inside a bracket (a failure and
   * a pass before them) lie nearer the aim in sum, more searches land in the band within 3
   * encodes and in no more encodes in sum (30 Nov: 122 -> 131 of 160, 420 -> 413 encodes, 39
   * searches changed; of the 25 thirds inside a bracket it moved, 9 -> 16 in the band, a mean
   * distance from the aim of 0.028 -> 0.019 in -ln(1 - SSIM)). Measured without session 19's
   * JPEG probe ({@link TargetSearchTest#BEFORE_JPEG_PROBE}), which moves the seconds and so the
   * brackets these thirds sit in.
   */
  @Test
  void aBracketsThirdReadOnTheLargerMosaicLiesNearerTheAim() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(JpegMosaicThirdTest.images(), ImageFormat.JPEG,
        TargetSearchTest.BEFORE_JPEG_PROBE.with(Rule.FAR_PASS, false)
            .with(Rule.JPEG_LARGER_MOSAIC, false),
        TargetSearchTest.BEFORE_JPEG_PROBE.with(Rule.FAR_PASS, false));
    RulePairs.assertAtMostMoreEncodes(pairs, 1);
    RulePairs.Moved moved = RulePairs.moved(pairs, 2, p -> bracket(p, 0) && bracket(p, 1));
    int thirds = moved.count();
    int[] thirdIn = moved.inBand();
    double[] thirdOff = moved.offAim();
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    System.out.println("JPEG SSIM, larger mosaic: in the band within 3 encodes " + landed[0]
        + " -> " + landed[1] + " of " + pairs.size() + ", encodes " + encodes[0] + " -> "
        + encodes[1] + ", " + sum.changed() + " searches changed; of " + thirds
        + " different thirds inside a bracket " + thirdIn[0] + " -> " + thirdIn[1]
        + " in the band, mean distance from the aim " + thirdOff[0] / thirds + " -> "
        + thirdOff[1] / thirds);
    assertTrue(thirds > 0);
    assertTrue(thirdOff[1] < thirdOff[0], thirdOff[0] + " -> " + thirdOff[1]);
    assertTrue(landed[1] > landed[0], landed[0] + " -> " + landed[1]);
    assertTrue(encodes[1] <= encodes[0], encodes[0] + " -> " + encodes[1]);
  }

  /** Whether search {@code rule}'s first two encodes failed and passed the target, either way. */
  private static boolean bracket(RulePairs.Pair p, int rule) {
    double a = p.score(rule, 0);
    double b = p.score(rule, 1);
    return !Double.isNaN(p.score(rule, 2)) && (a < p.target()) != (b < p.target());
  }
}
