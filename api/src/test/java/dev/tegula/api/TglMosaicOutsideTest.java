package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A .tgl SSIM search whose first two encodes both pass or both fail reads its third on the
 * mosaic's rise from the file nearer the aim as well as on the line through the two ({@link
 * Rule#TGL_MOSAIC_OUTSIDE}, {@link TglMosaicPick#outside}).
 */
class TglMosaicOutsideTest {
  /**
   * .tgl SSIM targets 0.90-0.99 on TglMosaicPickTest's images (512-pixel crops of two photos and
   * decoded JPEGs of them, 320-pixel crops), each search without and with the rule: with it
   * every file still reaches its target, no search takes more than one encode more, the thirds
   * it moves (after two passes or two failures) lie nearer the aim in sum, more searches land
   * in the band within 3 encodes and in no more encodes in sum. 30 Nov (session 18): 293 -> 299
   * of 320, 728 -> 721 encodes, 39 searches changed; of their thirds 28 -> 34 in the band, a
   * mean distance from the aim of 0.024 -> 0.009 in -ln(1 - SSIM).
   */
  @Test
  void aTglThirdAfterTwoPassesOrTwoFailuresReadOnTheMosaicLandsMoreWithinThreeEncodes()
      throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(TglMosaicPickTest.images(), ImageFormat.TGL,
        TargetSearchTest.NO_FAR.with(Rule.TGL_MOSAIC_OUTSIDE, false), TargetSearchTest.NO_FAR);
    RulePairs.assertAtMostMoreEncodes(pairs, 1);
    // the rule moves only the third: the first two files are the same
    RulePairs.Moved thirds = RulePairs.moved(pairs, 2, p -> true);
    int moved = thirds.count();
    int[] in = thirds.inBand();
    double[] off = thirds.offAim();
    RulePairs.Totals sum = RulePairs.totals(pairs);
    int[] landed = sum.landed();
    int[] encodes = sum.encodes();
    System.out.println(".tgl SSIM, third after two passes or two failures on the mosaic: in the"
        + " band within 3 encodes " + landed[0] + " -> " + landed[1] + " of " + pairs.size()
        + ", encodes " + encodes[0] + " -> " + encodes[1] + ", " + sum.changed()
        + " searches changed; of " + moved + " moved thirds " + in[0] + " -> " + in[1]
        + " in the band, mean distance from the aim " + off[0] / moved + " -> "
        + off[1] / moved);
    assertTrue(moved > 0);
    assertTrue(off[1] < off[0], off[0] + " -> " + off[1]);
    assertTrue(landed[1] > landed[0], landed[0] + " -> " + landed[1]);
    assertTrue(encodes[1] <= encodes[0], encodes[0] + " -> " + encodes[1]);
  }
}
