package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link BandCrossings} on made-up curves of SSIM by quality hundredth, target 0.9 (band 0.9 to
 * 0.903): it finds the landing hundredths where there are some, and the stair's two
 * neighbours where one hundredth steps over the band, with a bisection's cost on a monotone
 * curve and a scan where the search's points are not monotone.
 */
class BandCrossingsTest {
  private static final double T = 0.9;
  private static final double TOP = TargetMissCensus.top(T);

  @Test
  void smoothCurveLandsOnARunOfHundredths() {
    // rises 0.0004 a hundredth: 0.9 at 5000, the band's 0.003 holds 8 hundredths (5000-5007)
    IntToDoubleFunction curve = p -> 0.9 + 0.0004 * (p - 5000);
    AtomicInteger calls = new AtomicInteger();
    BandCrossings b = BandCrossings.of(p -> {
      calls.incrementAndGet();
      return curve.applyAsDouble(p);
    }, 0, 10000, T, TOP, List.of(4000, 6000));
    assertEquals(List.of(5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007), b.landings());
    assertEquals(1, b.crossings().size());
    assertEquals(4999, b.crossings().get(0)[0]);
    assertTrue(b.monotone());
    // 2 known, 11 bisection steps over 2000, the neighbours' 3 on each side, the run's rest
    assertTrue(calls.get() < 2 + 11 + 6 + 8, "measured " + calls.get());
  }

  @Test
  void stairOverTheBandHasNoLanding() {
    // flat at 0.899, then 0.905 from 5000 on: one hundredth steps 2 band widths over the band
    BandCrossings b = BandCrossings.of(p -> p < 5000 ? 0.899 : 0.905, 0, 10000, T, TOP,
        List.of(3000, 7000));
    assertTrue(b.landings().isEmpty());
    assertEquals(1, b.crossings().size());
    assertEquals(4999, b.crossings().get(0)[0]);
    assertEquals(5000, b.crossings().get(0)[1]);
  }

  @Test
  void notMonotoneBracketIsScannedForALandingTheBisectionWouldMiss() {
    // passes over the band at 5000, fails at 5010 and from 5015 to 5019, lands only at 5020:
    // the search's points 5000 (pass) and 5010 (fail) are not monotone
    IntToDoubleFunction curve = p -> p < 5000 ? 0.899 : p == 5010 || p >= 5015 && p < 5020
        ? 0.8995 : p == 5020 ? 0.901 : 0.905;
    BandCrossings b = BandCrossings.of(curve, 0, 10000, T, TOP, List.of(4990, 5000, 5010, 5030));
    assertFalse(b.monotone());
    assertEquals(List.of(5020), b.landings());
    // up at 4999, down at 5009 and 5014, up at 5010 and 5019
    assertEquals(5, b.crossings().size());
  }

  @Test
  void wideNotMonotoneBracketIsGriddedAndEachChangeBisected() {
    // fails below 2000, passes over the band up to 5999, fails again up to 7999 and lands at
    // 8000-8002 before rising over the band: the grid sees the second failure, its bisection the
    // landing hundredths
    IntToDoubleFunction curve = p -> p < 2000 ? 0.89 : p < 6000 ? 0.95 : p < 8000 ? 0.899
        : p <= 8002 ? 0.902 : 0.95;
    BandCrossings b = BandCrossings.of(curve, 0, 10000, T, TOP, List.of(1000, 3000, 7000, 9000));
    assertTrue(b.how().startsWith("not monotone: grid"), b.how());
    assertEquals(List.of(8000, 8001, 8002), b.landings());
  }

  @Test
  void lambdaPositionsAreNegativeAndStayInRange() {
    // minus the lambda in hundredths, x4 to x0.6: SSIM falls 0.0005 a lambda hundredth from
    // 0.9052 at x1, so x1.05-x1.10 land; a bisection's middle must stay among the negatives
    BandCrossings b = BandCrossings.of(p -> 0.9052 - 0.0005 * (-p - 100), -400, -60, T, TOP,
        List.of(-100));
    assertEquals(List.of(-110, -109, -108, -107, -106, -105), b.landings());
    assertTrue(b.seen().keySet().stream().allMatch(p -> p >= -400 && p <= -60));
  }

  @Test
  void topFailingOrBottomPassingEndsAtTheScale() {
    BandCrossings none = BandCrossings.of(p -> 0.8, 0, 10000, T, TOP, List.of(5000));
    assertTrue(none.landings().isEmpty());
    assertTrue(none.crossings().isEmpty());
    BandCrossings low = BandCrossings.of(p -> 0.9005 + 0.001 * p, 0, 10000, T, TOP, List.of(50));
    assertEquals(List.of(0, 1, 2), low.landings());
  }
}
