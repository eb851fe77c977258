package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A colour image's rise over the estimate, as {@link JpegProbe}'s mosaic measures it, moves a
 * decoded JPEG's first encode fully up to SSIM 0.95 and not at all from 0.99 ({@link
 * Rule#JPEG_PROBE_COLOUR_RISE}).
 */
class JpegColourRiseTest {
  /** The share is 1 up to SSIM 0.95, 0 from 0.99, linear in -ln(1 - SSIM) between. */
  @Test
  void theRiseCountsLessTowardsTheHighestTargets() {
    assertEquals(1, JpegProbe.riseShare(-Math.log(0.10)), 0);
    assertEquals(1, JpegProbe.riseShare(-Math.log(0.05)), 1e-12);
    assertEquals(0, JpegProbe.riseShare(-Math.log(0.01)), 1e-12);
    assertEquals(0, JpegProbe.riseShare(-Math.log(0.001)), 0);
    // SSIM 0.97: ln(0.03 / 0.01) / ln(0.05 / 0.01) of the way from 0 to 1
    assertEquals(Math.log(3) / Math.log(5), JpegProbe.riseShare(-Math.log(0.03)), 1e-12);
    for (double a = 2; a < 5; a += 0.01) {
      assertTrue(JpegProbe.riseShare(a + 0.01) <= JpegProbe.riseShare(a));
    }
  }

  /**
   * JPEG SSIM targets 0.90-0.99 on JpegMosaicThirdTest's pictures and decoded JPEGs, each
   * search without and with the rule: every file still reaches its target (RulePairs checks),
   * the first encodes it moves lie nearer the aim in sum, no fewer searches land in the band
   * within 3 encodes and they take no more encodes in sum (30 Nov, session 20: 140 -> 140 of
   * 160, 379 -> 376 encodes; of 19 firsts moved, a mean 0.204 -> 0.159 from the aim in -ln(1 -
   * SSIM); one search, at 0.954, took 2 -> 4 encodes; on main with JPEG_KNOB_MOSAIC on both
   * sides, 139 -> 140).
   */
  @Test
  void aColourRiseAtHighTargetsMovesTheFirstEncodeLess() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(JpegMosaicThirdTest.images(), ImageFormat.JPEG,
        TargetSearchTest.NO_FAR.with(Rule.JPEG_PROBE_COLOUR_RISE, false), TargetSearchTest.NO_FAR);
    RulePairs.Moved moved = RulePairs.moved(pairs, 0, p -> true);
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    RulePairs.print("JPEG SSIM, colour rise", pairs, moved, "firsts");
    RulePairs.assertNearerTheAim(moved);
    assertTrue(landed[1] >= landed[0], landed[0] + " -> " + landed[1]);
    assertTrue(encodes[1] <= encodes[0], encodes[0] + " -> " + encodes[1]);
  }
}
