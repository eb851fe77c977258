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
   * -> 365,777 bytes (-25 %), 312 -> 313 within 3 encodes, 668 -> 666 encodes. Measured as
   * made, without {@link Rule#TGL_FULL_LOW_TOP}, which takes these searches too.
   */
  @Test
  void nearTheTopOfFourTwoZeroFourFourFourGivesSmallerFiles() throws IOException {
    SearchRules made = TargetSearchTest.NO_FAR.with(Rule.TGL_FULL_LOW_TOP, false);
    assertSmallerFiles(".tgl SSIM, 4:4:4 near 4:2:0's top",
        made.with(Rule.TGL_FULL_NEAR_TOP, false), made);
  }

  /**
   * The same for {@link Rule#TGL_FULL_LOW_TOP} (4:4:4 from further below the top where 4:2:0
   * caps the image's SSIM low). 1 Dec (session 27): 6 of 320 searches changed, their files
   * 245,198 -> 237,263 bytes (-3 %), 313 -> 313 within 3 encodes, 666 -> 666 encodes.
   */
  @Test
  void underALowTopFourFourFourGivesSmallerFiles() throws IOException {
    assertSmallerFiles(".tgl SSIM, 4:4:4 under a low 4:2:0 top",
        TargetSearchTest.NO_FAR.with(Rule.TGL_FULL_LOW_TOP, false), TargetSearchTest.NO_FAR);
  }

  private static void assertSmallerFiles(String what, SearchRules off, SearchRules on)
      throws IOException {
    List<RulePairs.Pair> pairs =
        RulePairs.ssim(TglMosaicPickTest.images(), ImageFormat.TGL, off, on);
    RulePairs.Moved firsts = RulePairs.moved(pairs, 0, p -> true);
    RulePairs.print(what, pairs, firsts, "firsts");
    long[] bytes = new long[2];
    int changed = 0;
    for (RulePairs.Pair p : pairs) {
      long before = p.results()[0].bytes().length;
      long after = p.results()[1].bytes().length;
      if (p.changed()) {
        bytes[0] += before;
        bytes[1] += after;
        changed++;
      }
      assertTrue(after <= before * 1.03, p.target() + ": " + before + " -> " + after + " bytes");
    }
    System.out.println(what + ": bytes of the " + changed
        + " searches changed " + bytes[0] + " -> " + bytes[1]);
    assertTrue(changed > 0);
    assertTrue(bytes[1] < bytes[0], bytes[0] + " -> " + bytes[1]);
    RulePairs.assertAtMostMoreEncodes(pairs, 2);
  }
}
