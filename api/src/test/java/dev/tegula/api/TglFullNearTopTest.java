package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .tgl's SSIM search on the 4:4:4 ladder when 4:2:0 would reach the target only near its top
 * ({@link Rule#TGL_FULL_NEAR_TOP}, {@link SsimSearch#TGL_JUMP_MARGIN}).
 */
class TglFullNearTopTest {
  /**
   * .tgl SSIM targets 0.90-0.99 on TglMosaicPickTest's images (photo crops and their decodes),
   * each search with the rule and without: every file still reaches its target, the searches
   * the rule changed give smaller files in sum, none more than 3 % larger, and none takes more
   * than two encodes more. 1 Dec (session 27): 7 of 320 searches changed, their files 489,259
   * -> 365,777 bytes (-25 %), 312 -> 313 within 3 encodes, 668 -> 666 encodes.
   */
  @Test
  void nearTheTopOfFourTwoZeroFourFourFourGivesSmallerFiles() throws IOException {
    List<RulePairs.Pair> pairs = RulePairs.ssim(TglMosaicPickTest.images(), ImageFormat.TGL,
        TargetSearchTest.NO_FAR.with(Rule.TGL_FULL_NEAR_TOP, false), TargetSearchTest.NO_FAR);
    RulePairs.Moved firsts = RulePairs.moved(pairs, 0, p -> true);
    RulePairs.print(".tgl SSIM, 4:4:4 near 4:2:0's top", pairs, firsts, "firsts");
    long[] bytes = new long[2];
    int changed = 0;
    for (RulePairs.Pair p : pairs) {
      long off = p.results()[0].bytes().length;
      long on = p.results()[1].bytes().length;
      if (p.changed()) {
        bytes[0] += off;
        bytes[1] += on;
        changed++;
      }
      assertTrue(on <= off * 1.03, p.target() + ": " + off + " -> " + on + " bytes");
    }
    System.out.println(".tgl SSIM, 4:4:4 near 4:2:0's top: bytes of the " + changed
        + " searches changed " + bytes[0] + " -> " + bytes[1]);
    assertTrue(changed > 0);
    assertTrue(bytes[1] < bytes[0], bytes[0] + " -> " + bytes[1]);
    RulePairs.assertAtMostMoreEncodes(pairs, 2);
  }
}
