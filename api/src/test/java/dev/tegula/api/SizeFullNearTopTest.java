package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size searches on the 4:4:4 ladder when the target lies near the top of 4:2:0 and 4:2:0
 * caps the image's SSIM there ({@link Rule#TGL_SIZE_FULL_NEAR_TOP}, {@link
 * Rule#JPEG_SIZE_FULL_NEAR_TOP}, {@link SizeSearch#TGL_SUB_TOP}, {@link SizeSearch#JPEG_SUB_TOP}).
 */
class SizeFullNearTopTest {
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
    assertHigherSsim(".tgl size, 4:4:4 near 4:2:0's top", ImageFormat.TGL,
        Rule.TGL_SIZE_FULL_NEAR_TOP);
  }

  /**
   * The same for JPEG ({@link Rule#JPEG_SIZE_FULL_NEAR_TOP}). 1 Dec (session 27): 8 of 384
   * results changed chroma, -ln(1 - SSIM) a mean 0.002 higher (crops lie around JPEG's gauge,
   * where the two ladders are about equal); 377 -> 377 within 3 encodes, 752 -> 748 encodes.
   */
  @Test
  void jpegNearFourTwoZeroTopFourFourFourGivesTheHigherSsim() throws IOException {
    assertHigherSsim("JPEG size, 4:4:4 near 4:2:0's top", ImageFormat.JPEG,
        Rule.JPEG_SIZE_FULL_NEAR_TOP);
  }

  private static void assertHigherSsim(String what, ImageFormat format, Rule rule)
      throws IOException {
    Image[] images = TglMosaicPickTest.images();
    List<RulePairs.SizePair> pairs =
        RulePairs.size(images, format, SearchRules.DEFAULT.with(rule, false));
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
      RulePairs.Shared shared = RulePairs.Shared.of(images[i / 24], format);
      double d = Math.log(1 - shared.score(off.bytes())) - Math.log(1 - shared.score(on.bytes()));
      assertTrue(d > -0.03, p.target() + ": " + off.code() + " -> " + on.code() + ", " + d);
      gain += d;
      changed++;
    }
    System.out.println(what + ": in the band within 3 encodes "
        + sum.landed()[0] + " -> " + sum.landed()[1] + " of " + pairs.size() + ", encodes "
        + sum.encodes()[0] + " -> " + sum.encodes()[1] + "; " + changed
        + " results changed chroma, -ln(1 - SSIM) a mean " + gain / changed + " higher");
    assertTrue(changed > 0);
    assertTrue(gain > 0, "summed gain " + gain);
  }
}
