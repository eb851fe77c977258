package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .tgl's size search on the 4:4:4 ladder when the target lies near the top of 4:2:0 and 4:2:0
 * caps the image's SSIM there ({@link Rule#TGL_SIZE_FULL_NEAR_TOP}, {@link
 * SizeSearch#TGL_FULL_FROM}, {@link SizeSearch#TGL_SUB_TOP}).
 */
class TglSizeFullNearTopTest {
  /**
   * .tgl size targets (24 per image, from the file at quality 10 to the one at 99) on
   * TglMosaicPickTest's images (photo crops and their decodes), each searched with the rule and
   * without: every file fits (RulePairs checks), the results whose chroma the rule changed have a
   * higher SSIM in sum and none a lower one by more than 0.03 in -ln(1 - SSIM), and no search
   * takes more than two encodes more. 1 Dec (session 27): 16 of 384 results changed chroma,
   * -ln(1 - SSIM) a mean 0.045 higher; 380 -> 380 within 3 encodes, 815 -> 818 encodes (one
   * search 1 -> 3).
   */
  @Test
  void nearFourTwoZeroTopFourFourFourGivesTheHigherSsim() throws IOException {
    Image[] images = TglMosaicPickTest.images();
    List<RulePairs.SizePair> pairs = RulePairs.size(images, ImageFormat.TGL,
        SearchRules.DEFAULT.with(Rule.TGL_SIZE_FULL_NEAR_TOP, false));
    RulePairs.SizeTotals sum = RulePairs.sizeTotals(pairs, 2);
    int changed = 0;
    double gain = 0;
    for (int i = 0; i < pairs.size(); i++) {
      RulePairs.SizePair p = pairs.get(i);
      TargetSearch.Result off = p.results()[0];
      TargetSearch.Result on = p.results()[1];
      if ((off.code() & TargetSearch.FULL_CHROMA) == (on.code() & TargetSearch.FULL_CHROMA)) {
        continue;
      }
      RulePairs.Shared shared = RulePairs.Shared.of(images[i / 24], ImageFormat.TGL);
      double d = Math.log(1 - shared.score(off.bytes())) - Math.log(1 - shared.score(on.bytes()));
      assertTrue(d > -0.03, p.target() + ": " + off.code() + " -> " + on.code() + ", " + d);
      gain += d;
      changed++;
    }
    System.out.println(".tgl size, 4:4:4 near 4:2:0's top: in the band within 3 encodes "
        + sum.landed()[0] + " -> " + sum.landed()[1] + " of " + pairs.size() + ", encodes "
        + sum.encodes()[0] + " -> " + sum.encodes()[1] + "; " + changed
        + " results changed chroma, -ln(1 - SSIM) a mean " + gain / changed + " higher");
    assertTrue(changed > 0);
    assertTrue(gain > 0, "summed gain " + gain);
  }
}
