package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * .tgl's mosaic reads cross the 97 jump on grey files only ({@link Rule#TGL_GREY_ACROSS_JUMP},
 * {@link TglMosaicPick#sameSide}): the jump is a change of chroma.
 */
class TglGreyAcrossJumpTest {
  private static final int TOP = 9720;
  private static final int BELOW = 5916;

  /**
   * A grey image's mosaic is read from a probe at 97.20 down to 59.16 (fresh's sk_clock_motion at
   * 0.99, whose first the probe's shift put there): its mosaic scores a code the same on either
   * side of the jump, since the files carry no chroma.
   */
  @Test
  void greyFilesAreReadAcrossTheJump() throws IOException {
    Image grey = TargetSearchTest.grey(TargetSearchTest.crop("astronaut.png", 0, 0, 320));
    SsimCurve curve = SsimCurve.of(grey, false);
    assertTrue(curve.greyFiles());
    assertTrue(TglMosaicPick.sameSide(curve, TOP, BELOW));
    assertTrue(TglMosaicPick.sameSide(curve, TOP | TargetSearch.FULL_CHROMA, BELOW));
    assertEquals(curve.tglMosaicAt(9200), curve.tglMosaicAt(9200 | TargetSearch.FULL_CHROMA),
        0);
    SsimCurve off = SsimCurve.of(grey, false, null, false,
        SearchRules.DEFAULT.with(Rule.TGL_GREY_ACROSS_JUMP, false));
    assertFalse(TglMosaicPick.sameSide(off, TOP, BELOW));
  }

  /** A colour image's reads still stop at the jump, where its chroma changes. */
  @Test
  void colourFilesStopAtTheJump() throws IOException {
    SsimCurve curve = SsimCurve.of(TargetSearchTest.crop("astronaut.png", 0, 0, 320), false);
    assertFalse(curve.greyFiles());
    assertFalse(TglMosaicPick.sameSide(curve, TOP, BELOW));
    assertTrue(TglMosaicPick.sameSide(curve, 9200, BELOW));
  }
}
