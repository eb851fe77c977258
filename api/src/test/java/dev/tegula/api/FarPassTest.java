package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An SSIM search whose pass still lies far over the band after three or four encodes goes on
 * between that pass and its failure ({@link Rule#FAR_PASS}): the user's file shrinks
 * where the search had stopped at a file well above what the target needs.
 */
class FarPassTest {
  /**
   * Decoded JPEGs of this library's encoder at 70, whose curves climb in stairs (TargetLanding's
   * "tg70" files; the whole pictures: the crops of the other rule tests have no far passes).
   */
  static Image[] images() throws IOException {
    return new Image[] {
        TargetSearchTest.ownDecoded(TargetSearchTest.crop("astronaut.png", 0, 0, 512), 70),
        TargetSearchTest.ownDecoded(TargetSearchTest.crop("flower.png", 0, 0, 512), 70)};
  }

  /**
   * JPEG and .tgl SSIM targets 0.90-0.99 on photo crops and decoded JPEGs, each search without
   * and with the rule: every file reaches its target, the first three encodes and so the
   * landings within 3 are the same, a search the rule changed had stopped at a pass over the
   * band after at least three encodes, takes at most {@link SsimSearch#FAR_ENCODES} (and the
   * two a JPEG search's trellis knob may spend after its last) and returns a file no larger;
   * some searches change and the files shrink in sum (30 Nov, session 17: 56 -> 56 of 80 within
   * 3 encodes, 1,254,311 -> 1,250,910 bytes, 2 searches changed; session 18, with its rules on
   * both sides: 63 -> 63, 1,251,643 -> 1,248,276, 2). Measured without session 19's JPEG probe
   * ({@link TargetSearchTest#BEFORE_JPEG_PROBE}), with which no search here has a far pass.
   */
  @Test
  void aPassFarOverTheBandAfterThreeEncodesIsFollowedBetweenItAndTheFailure()
      throws IOException {
    List<RulePairs.Pair> all = new ArrayList<>();
    for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
      List<RulePairs.Pair> pairs = RulePairs.ssim(images(), format,
          TargetSearchTest.BEFORE_JPEG_PROBE.with(Rule.FAR_PASS, false),
          TargetSearchTest.BEFORE_JPEG_PROBE);
      for (RulePairs.Pair p : pairs) {
        int[] encodes = p.encodes();
        String what = format + " " + p.target() + ": " + encodes[0] + " -> " + encodes[1]
            + " encodes";
        for (int i = 0; i < 3; i++) {
          assertEquals(p.score(0, i), p.score(1, i), what);
        }
        if (p.changed()) {
          assertTrue(!p.inBand(0) && encodes[0] >= 3 && encodes[1] > encodes[0]
              && encodes[1] <= SsimSearch.FAR_ENCODES + 2, what);
          assertTrue(p.results()[1].bytes().length <= p.results()[0].bytes().length, what);
        }
      }
      all.addAll(pairs);
    }
    RulePairs.Totals sum = RulePairs.totals(all);
    int[] landed = sum.landed();
    long[] bytes = sum.bytes();
    int changed = sum.changed();
    System.out.println("SSIM, far pass: within 3 encodes " + landed[0] + " -> " + landed[1]
        + " of " + all.size() + ", bytes " + bytes[0] + " -> " + bytes[1] + ", " + changed
        + " searches changed");
    assertEquals(landed[0], landed[1]);
    assertTrue(changed > 0 && bytes[1] < bytes[0], bytes[0] + " -> " + bytes[1]);
  }
}
