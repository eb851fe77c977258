package dev.tegula.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BdRateTest {
  private static List<BdRate.Point> points(String field) {
    List<BdRate.Point> points = new ArrayList<>();
    for (String p : field.split(";")) {
      String[] rq = p.split(":");
      points.add(new BdRate.Point(Double.parseDouble(rq[0]), Double.parseDouble(rq[1])));
    }
    return points;
  }

  /** cjpeg against cwebp on four crops, as scipy's PchipInterpolator integrates them. */
  @Test
  void agreesWithScipyOnRealCurves() throws IOException {
    int cases = 0;
    for (String line : Files.readAllLines(
        TestImages.testdata().resolve("metrics/bdrate.tsv"))) {
      if (line.startsWith("#") || line.startsWith("image\t")) {
        continue;
      }
      String[] f = line.split("\t");
      double expected = Double.parseDouble(f[5]);
      assertEquals(expected, BdRate.percent(points(f[3]), points(f[4])), 1e-6, f[0]);
      cases++;
    }
    assertEquals(4, cases);
  }

  @Test
  void aCurveAgainstItselfIsZeroAndAHalvedRateIsMinusFifty() {
    List<BdRate.Point> a = List.of(new BdRate.Point(1, 30), new BdRate.Point(2, 34),
        new BdRate.Point(3.5, 37), new BdRate.Point(6, 40));
    List<BdRate.Point> half = new ArrayList<>();
    for (BdRate.Point p : a) {
      half.add(new BdRate.Point(p.rate() / 2, p.quality()));
    }
    assertEquals(0, BdRate.percent(a, a), 1e-12);
    assertEquals(-50, BdRate.percent(a, half), 1e-9);
    assertEquals(100, BdRate.percent(half, a), 1e-9);
  }

  @Test
  void undefinedWithoutTwoFinitePointsOrACommonRange() {
    List<BdRate.Point> lossy = List.of(new BdRate.Point(1, 30), new BdRate.Point(2, 35));
    List<BdRate.Point> lossless = List.of(new BdRate.Point(9, Double.POSITIVE_INFINITY));
    List<BdRate.Point> high = List.of(new BdRate.Point(3, 40), new BdRate.Point(4, 45));
    assertTrue(Double.isNaN(BdRate.percent(lossy, lossless)));
    assertTrue(Double.isNaN(BdRate.percent(lossy, high)));
    assertTrue(Double.isNaN(BdRate.percent(List.of(), lossy)));
  }

  @Test
  void pointsMayComeInAnyOrderAndRepeatAQuality() {
    List<BdRate.Point> sorted = List.of(new BdRate.Point(1, 30), new BdRate.Point(2, 34),
        new BdRate.Point(4, 38));
    List<BdRate.Point> shuffled = List.of(new BdRate.Point(4, 38), new BdRate.Point(1, 30),
        new BdRate.Point(5, 38), new BdRate.Point(2, 34));
    List<BdRate.Point> test = List.of(new BdRate.Point(0.8, 31), new BdRate.Point(3, 39));
    assertEquals(BdRate.percent(sorted, test), BdRate.percent(shuffled, test), 1e-12);
  }

  @Test
  void pchipIntegratesCubicsOfTwoPointsAsLines() {
    Pchip line = new Pchip(new double[] {0, 2}, new double[] {1, 5});
    assertEquals(6, line.integrate(0, 2), 1e-12);
    assertEquals(1.25, line.integrate(0.5, 1.0), 1e-12); // y = 1 + 2x
    assertEquals(-1.25, line.integrate(1.0, 0.5), 1e-12);
  }
}
