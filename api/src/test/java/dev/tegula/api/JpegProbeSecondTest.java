package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JPEG SSIM search reads its second encode on {@link JpegProbe}'s mosaic ({@link
 * Rule#JPEG_PROBE_SECOND}, {@link JpegMosaicPick}).
 */
class JpegProbeSecondTest {
  /**
   * JPEG SSIM targets 0.90-0.99 on JpegMosaicThirdTest's pictures and decoded JPEGs, each search
   * without and with the rule: every file still reaches its target (RulePairs checks), no search
   * takes more than one encode more, the second encodes it moves lie nearer the aim in sum and
   * more of them in the band, and no fewer searches land in the band within 3 encodes.
   */
  @Test
  void theSecondReadOnTheMosaicLiesNearerTheAim() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(JpegMosaicThirdTest.images(), ImageFormat.JPEG,
        TargetSearchTest.NO_FAR.with(Rule.JPEG_PROBE_SECOND, false), TargetSearchTest.NO_FAR);
    RulePairs.assertAtMostMoreEncodes(pairs, 1);
    RulePairs.Moved moved = RulePairs.moved(pairs, 1, p -> true);
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    RulePairs.print("JPEG SSIM, second from the probe", pairs, moved, "seconds");
    RulePairs.assertNearerTheAim(moved);
    RulePairs.assertMoreInBand(moved);
    assertTrue(landed[1] >= landed[0], landed[0] + " -> " + landed[1]);
  }
}
