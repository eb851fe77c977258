package dev.tegula.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import org.junit.jupiter.api.Test;

class SsimMapTest {
  /** A flat-grey square pasted into textured content: the map must point at it. */
  @Test
  void theWorstRegionIsWhereTheDamageIs() {
    Image a = TestImages.synthetic(300, 200, 5);
    byte[] damaged = a.rgba().clone();
    for (int y = 120; y < 152; y++) {
      for (int x = 200; x < 232; x++) {
        int p = 4 * (y * 300 + x);
        damaged[p] = damaged[p + 1] = damaged[p + 2] = (byte) 128;
      }
    }
    Comparison c = Metrics.compare(a, new Image(300, 200, damaged), true);
    SsimMap map = c.map();
    assertEquals(300, map.width());
    assertEquals(200, map.height());
    assertEquals(1.0, map.at(10, 10), 1e-6);
    assertTrue(map.at(215, 135) < 0.5);
    SsimMap.Region worst = map.worstRegion(32);
    assertTrue(Math.abs(worst.x() - 200) <= 8 && Math.abs(worst.y() - 120) <= 8, worst.toString());
    assertTrue(worst.meanSsim() < 0.6);

    // the mean of the map over the counted pixels is the reported SSIM
    double sum = 0;
    for (int y = 3; y < 197; y++) {
      for (int x = 3; x < 297; x++) {
        sum += map.at(x, y);
      }
    }
    assertEquals(c.ssim(), sum / (194 * 294), 1e-5);
  }

  @Test
  void bordersRepeatTheNearestDefinedValue() {
    Image a = TestImages.synthetic(40, 30, 2);
    SsimMap map = Metrics.compare(a, TestImages.distorted(a, 9, 4), true).map();
    assertEquals(map.at(3, 3), map.at(0, 0));
    assertEquals(map.at(36, 26), map.at(39, 29));
    assertEquals(map.at(3, 15), map.at(1, 15));
    assertEquals(map.at(20, 26), map.at(20, 28));
  }

  @Test
  void heatmapRunsFromBlackToPaleYellow() {
    assertEquals(0, SsimMap.colourIndex(1f));
    assertEquals(0, SsimMap.colourIndex(1.5f));
    assertEquals(255, SsimMap.colourIndex(0f));
    assertEquals(255, SsimMap.colourIndex(-0.3f));
    assertEquals(128, SsimMap.colourIndex(0.748f)); // sqrt(0.252)·255 = 128.0
    assertEquals(0x000004, Inferno.rgb(0));
    assertEquals(0xfcffa4, Inferno.rgb(255));

    Image a = TestImages.synthetic(50, 40, 8);
    SsimMap map = Metrics.compare(a, a, true).map();
    Image heat = map.heatmap();
    assertEquals(50, heat.width());
    assertEquals(40, heat.height());
    assertEquals(4, heat.rgba()[2]);
    assertTrue(heat.isOpaque());
    Image crop = map.heatmap(new SsimMap.Region(10, 5, 20, 7, Double.NaN));
    assertEquals(20, crop.width());
    assertEquals(7, crop.height());
    assertThrows(IllegalArgumentException.class,
        () -> map.heatmap(new SsimMap.Region(40, 0, 20, 7, Double.NaN)));
  }

  @Test
  void thumbnailsAverageSsimOverBlocks() {
    Image a = TestImages.synthetic(300, 101, 5);
    SsimMap map = Metrics.compare(a, TestImages.distorted(a, 12, 3), true).map();
    assertEquals(3, map.thumbnailScale(100));
    Image t = map.heatmapThumbnail(100);
    assertEquals(100, t.width());
    assertEquals(34, t.height());
    double sum = 0;
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        sum += map.at(x, y);
      }
    }
    int rgb = Inferno.rgb(SsimMap.colourIndex((float) (sum / 9)));
    assertEquals((byte) (rgb >> 16), t.rgba()[0]);
    assertEquals(1, map.thumbnailScale(400));
  }

  @Test
  void worstRegionOfASmallImageIsTheWholeImage() {
    Image a = TestImages.synthetic(20, 9, 2);
    SsimMap map = Metrics.compare(a, TestImages.distorted(a, 5, 1), true).map();
    SsimMap.Region r = map.worstRegion(64);
    assertEquals(new SsimMap.Region(0, 0, 20, 9, r.meanSsim()), r);
  }
}
