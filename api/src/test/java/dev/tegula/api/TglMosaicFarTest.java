package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .tgl's mosaic read from farther when the mosaic moved against the quality over the fitted
 * line's step ({@link Rule#TGL_MOSAIC_FAR}, {@link TglMosaicPick#FAR_STEP}).
 */
class TglMosaicFarTest {
  /**
   * .tgl SSIM targets 0.90-0.99 on TglMosaicPickTest's images (photo crops and their decodes),
   * each search with the rule and without: every file still reaches its target, more searches
   * land within 3 encodes in fewer encodes, and none takes more than two encodes more. 1 Dec
   * (session 26): 2 searches changed, 311 -> 312 of 320 within 3, 670 -> 668 encodes (with
   * TGL_FIRST_ON_MOSAIC and TGL_FLAT_RISE off, as TglProbeSeamlessTest runs them: 302 -> 304,
   * 662 -> 659).
   */
  @Test
  void secondsReadFartherLandInFewerEncodes() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(TglMosaicPickTest.images(), ImageFormat.TGL,
        TargetSearchTest.NO_FAR.with(Rule.TGL_MOSAIC_FAR, false), TargetSearchTest.NO_FAR);
    RulePairs.Moved seconds = RulePairs.moved(pairs, 1, p -> true);
    RulePairs.print(".tgl SSIM, the mosaic read from farther", pairs, seconds, "seconds");
    RulePairs.assertAtMostMoreEncodes(pairs, 2);
    RulePairs.Totals sum = RulePairs.totals(pairs);
    assertTrue(sum.landed()[1] > sum.landed()[0], sum.landed()[0] + " -> " + sum.landed()[1]);
    assertTrue(sum.encodes()[1] < sum.encodes()[0],
        sum.encodes()[0] + " -> " + sum.encodes()[1]);
  }
}
