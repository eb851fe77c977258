package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Rule#SIZE_KNOB_AGAIN}: a JPEG size search whose trellis-knob file lands just over the
 * target, with the file in hand far under, tries one more lambda on the same tables.
 */
class SizeKnobAgainTest {
  /**
   * The secant in ln bytes against ln lambda: 1000 bytes at x1, 960 at x1.50, the aim 0.985 of
   * 950 bytes lies a further 0.254 in ln lambda on (x1.93); a lambda that did not shrink the file
   * gives none.
   */
  @Test
  void theSecantThroughTheTwoFilesAtTheTables() {
    assertEquals(193, TrellisKnob.knobAgain(1000, 150, 960, 950));
    assertEquals(-1, TrellisKnob.knobAgain(1000, 150, 1000, 950));
    assertEquals(-1, TrellisKnob.knobAgain(1000, 150, 1010, 950));
    // at most the knob's end
    assertEquals(TrellisKnob.KNOB_MAX, TrellisKnob.knobAgain(1000, 390, 999, 900));
  }

  /**
   * The knob on a file whose bytes fall as lambda^-0.1 at the failing tables (1,050 bytes at x1,
   * target 1,000, the file in hand 800): the first lambda (x1.40, on SIZE_KNOB_K without a probe)
   * gives 1,015 bytes, 1.5 % over; with the rule a second on the secant (x1.90) lands in the band,
   * without it the search keeps the file 20 % under.
   */
  @Test
  void aKnobFileJustOverTakesASecondLambda() {
    int failCode = 9000;
    java.util.function.IntFunction<byte[]> encoder = code -> new byte[(int) Math.round(
        1050 * Math.pow(TargetSearch.lambdaOf(code) / 100.0, -0.1))];
    TargetSearch.Result pass = new TargetSearch.Result(new byte[800], 8000, 2, Double.NaN);
    TargetSearch.Result off = TrellisKnob.sizeKnob(encoder, 1000, pass, failCode, 1050, null,
        false, SearchRules.DEFAULT.with(Rule.SIZE_KNOB_AGAIN, false));
    TargetSearch.Result on = TrellisKnob.sizeKnob(encoder, 1000, pass, failCode, 1050, null,
        false, SearchRules.DEFAULT);
    assertEquals(800, off.bytes().length);
    assertEquals(3, off.encodes());
    assertEquals(4, on.encodes());
    assertTrue(on.bytes().length <= 1000 && on.bytes().length >= TargetSearch.SIZE_BAND * 1000,
        on.bytes().length + " bytes");
    assertEquals(failCode, on.code() & TargetSearch.QUALITY, "the failing file's tables");
  }

  /**
   * JPEG size targets (24 per image, from quality 10's file to 99's) on decoded JPEG crops, where
   * the knob lands most searches near the source's quality, without and with the rule: the same
   * results wherever no knob file lands just over the target (none does here), so the rule
   * touches nothing else.
   */
  @Test
  void elsewhereTheSearchesAreTheSame() throws IOException {
    Image astronaut = TargetSearchTest.crop("astronaut.png", 0, 0, 320);
    Image flower = TargetSearchTest.crop("flower.png", 32, 32, 320);
    Image[] images = {TargetSearchTest.ownDecoded(astronaut, 70),
        TargetSearchTest.annexKDecoded(flower, 85)};
    List<RulePairs.SizePair> pairs = RulePairs.size(images, ImageFormat.JPEG,
        SearchRules.DEFAULT.with(Rule.SIZE_KNOB_AGAIN, false));
    RulePairs.SizeTotals sum = RulePairs.sizeTotals(pairs, 1);
    for (RulePairs.SizePair p : pairs) {
      assertEquals(p.results()[0].bytes().length, p.results()[1].bytes().length,
          "target " + p.target());
      assertEquals(p.encodes()[0], p.encodes()[1], "target " + p.target());
    }
    System.out.println("JPEG size, the knob again, decoded crops: within 3 encodes "
        + sum.landed()[0] + " -> " + sum.landed()[1] + " of " + pairs.size());
  }
}
