package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JPEG's probed knob third after two passes on a plateau, at any distance from the aim ({@link
 * Rule#JPEG_KNOB_ON_PLATEAU}).
 */
class JpegKnobOnPlateauTest {
  /**
   * Two passes less than a band width apart in -ln(1 - SSIM) are a plateau; a failure, or two
   * passes a band width or more apart, are not.
   */
  @Test
  void twoPassesWithinABandWidthAreAPlateau() {
    double w = TrellisKnob.PLATEAU;
    assertTrue(TrellisKnob.onPlateau(false, new double[] {4.72, 4.72 + 0.9 * w, 0}));
    assertTrue(TrellisKnob.onPlateau(false, new double[] {4.72, 4.72 - 0.9 * w, 0}));
    assertFalse(TrellisKnob.onPlateau(false, new double[] {4.72, 4.72 + 1.1 * w, 0}));
    assertFalse(TrellisKnob.onPlateau(true, new double[] {4.72, 4.72 + 0.1 * w, 0}));
  }

  /**
   * JPEG SSIM targets 0.90-0.99 on a grey crop of astronaut decoded from this encoder's quality
   * 80 (the rule tests' shared image sets hold no plateau: on {@link JpegKnobMosaicTest#images}
   * it changes no search), each search without and with the rule: with it every file still
   * reaches its target (RulePairs checks), no search takes more encodes, the thirds it moves lie
   * nearer the aim in sum, and no fewer searches land within 3 encodes (30 Nov, session 23: 1 of
   * 20 searches changed, at 0.9585, whose two passes lie 5.9 and 5.8 band widths over the
   * target: the quality third went 4.8 band widths under it and a fourth encode 3.8 under, the
   * knob's third lands 0.8 band widths over the band, a smaller file after 3 encodes; its
   * distance from the aim 0.150 -> 0.041 in -ln(1 - SSIM); 15 -> 15 of 20 within 3 encodes, 56
   * -> 55 encodes; 17.5 s). Session 40 gave 96 and the other whole qualities that had the
   * tables of the quality below (26, 31, ...) tables of their own: on the crop decoded from 60
   * the rule then changed no search, so the crop is decoded from 80 (1 of 20 searches changed,
   * its third 0.031 -> 0.0007 from the aim and in the band, 18 -> 19 of 20 within 3 encodes, 51
   * encodes either way).
   */
  @Test
  void aPlateausKnobThirdLandsNearer() throws IOException {
    Image astronaut = TargetSearchTest.crop("astronaut.png", 0, 0, 512);
    Image[] images = {TargetSearchTest.ownDecoded(TargetSearchTest.grey(astronaut), 80)};
    List<RulePairs.Pair> pairs = RulePairs.ssim(images, ImageFormat.JPEG,
        TargetSearchTest.NO_FAR.with(Rule.JPEG_KNOB_ON_PLATEAU, false), TargetSearchTest.NO_FAR);
    RulePairs.assertAtMostMoreEncodes(pairs, 0);
    RulePairs.Moved moved = RulePairs.moved(pairs, 2, p -> true);
    int[] landed = RulePairs.totals(pairs).landed();
    RulePairs.print("JPEG SSIM, knob third on a plateau", pairs, moved, "thirds");
    RulePairs.assertNearerTheAim(moved);
    assertTrue(landed[1] >= landed[0], landed[0] + " -> " + landed[1]);
  }
}
