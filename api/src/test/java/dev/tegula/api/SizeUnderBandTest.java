package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link Rule#SIZE_UNDER_BAND}: a size search whose fit lies under the band after three or four
 * encodes goes on between it and the failure above it, up to six encodes.
 */
class SizeUnderBandTest {
  private static final SearchRules OFF = SearchRules.DEFAULT.with(Rule.SIZE_UNDER_BAND, false);

  @Test
  void goesOnOnlyUnderTheBandWithRoomAndEncodesLeft() {
    // a fit 16 % under a 20,000-byte target at quality 21.36, a failure at 24.37
    assertTrue(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 4, 16_730, 20_000, 2136, 2437, 1));
    assertTrue(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 3, 19_399, 20_000, 2136, 2437, 1));
    assertFalse(SizeSearch.goesOnUnderBand(OFF, 4, 16_730, 20_000, 2136, 2437, 1));
    // six encodes spent
    assertFalse(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, SsimSearch.FAR_ENCODES, 16_730,
        20_000, 2136, 2437, 1));
    // in the band (3 % under at most)
    assertFalse(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 4, 19_400, 20_000, 2136, 2437, 1));
    // nothing failed yet: it goes on above the fit, unless the fit is quality 100
    assertTrue(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 3, 47_399, 50_000, 5623,
        TargetSearch.TOP + 1, 1));
    assertFalse(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 4, 16_730, 20_000,
        TargetSearch.TOP, TargetSearch.TOP + 1, 1));
    // no quality left between the fit and the failure
    assertFalse(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 4, 16_730, 20_000, 2436, 2437, 1));
    assertFalse(SizeSearch.goesOnUnderBand(SearchRules.DEFAULT, 4, 16_730, 20_000, 2300, 2400,
        100));
  }

  /**
   * Sizes that do not rise with the quality over a stretch (as .tgl's on Hubble's dark sky near
   * quality 24): 1,000 + q bytes at q hundredths, 300 more or less in turns of 0.37 qualities from
   * 50 to 60. Targets across that stretch: every result fits; none ends under the band while it
   * took fewer than six encodes and the search could go on.
   */
  @Test
  void aSearchOnASawtoothEndsInTheBandOrAfterSixEncodes() {
    IntFunction<byte[]> encoder = code -> {
      int q = code & TargetSearch.QUALITY;
      int saw = q >= 5000 && q < 6000 ? ((q / 37) % 2 == 0 ? 300 : -300) : 0;
      return new byte[1000 + q + saw];
    };
    int longer = 0;
    for (long target = 6000; target <= 7000; target += 50) {
      TargetSearch.Result r = TargetSearch.forSize(ImageFormat.TGL, 1, false, 10_000, target,
          encoder);
      assertTrue(r.bytes().length <= target, target + ": " + r.bytes().length);
      boolean inBand = r.bytes().length >= TargetSearch.SIZE_BAND * target;
      assertTrue(inBand || r.encodes() >= SsimSearch.FAR_ENCODES,
          target + ": " + r.bytes().length + " bytes in " + r.encodes() + " encodes");
      longer += r.encodes() > 4 ? 1 : 0;
    }
    assertTrue(longer > 0, "the sawtooth takes some searches past four encodes");
  }

  /**
   * Size targets (24 per image, from quality 10's file to 99's) on the api tests' photo crops and
   * decodes, .tgl and JPEG, without and with the rule: no result is smaller with it, none takes
   * more than three encodes more, and the count within 3 encodes is the same.
   */
  @Test
  void neverASmallerFileNorAnotherCountWithinThree() throws IOException {
    for (ImageFormat format : new ImageFormat[] {ImageFormat.TGL, ImageFormat.JPEG}) {
      List<RulePairs.SizePair> pairs = RulePairs.size(TglMosaicPickTest.images(), format, OFF);
      RulePairs.SizeTotals sum = RulePairs.sizeTotals(pairs, 3);
      int changed = 0;
      for (RulePairs.SizePair p : pairs) {
        assertTrue(p.results()[1].bytes().length >= p.results()[0].bytes().length,
            format + " " + p.target());
        changed += p.encodes()[0] != p.encodes()[1] ? 1 : 0;
      }
      assertEquals(sum.landed()[0], sum.landed()[1], format.toString());
      System.out.println(format + " size, on under the band: " + changed + " of " + pairs.size()
          + " searches changed, within 3 encodes " + sum.landed()[0] + " -> " + sum.landed()[1]
          + ", encodes " + sum.encodes()[0] + " -> " + sum.encodes()[1]);
    }
  }
}
