package dev.tegula.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResizerTest {
  /**
   * Pillow's Image.resize(LANCZOS) (references made by testdata/transform/make_references.py).
   * Pillow rounds to 8 bits between its two passes and premultiplies alpha in 8 bits; we keep 16,
   * so opaque colour differs by at most 1 (measured: 7-20% of samples, mean 0.08-0.21), and colour
   * at partial alpha by up to 3 (mean 0.30).
   */
  @ParameterizedTest
  @CsvSource({
      "photos/astronaut.png, transform/astronaut_100x75.lanczos.png, 1, 0.15",
      "transform/astronaut_crop40x30.png, transform/astronaut_crop40x30_97x71.lanczos.png, 1, 0.25",
      "photos/flower.png, transform/flower_160x107.lanczos.png, 1, 0.15",
      "transform/disc_rgba.png, transform/disc_rgba_25x25.lanczos.png, 3, 0.4"})
  void matchesPillowLanczos(String source, String reference, int maxDiff, double maxMean)
      throws IOException {
    Image src = TestImages.read(source);
    Image ref = TestImages.read(reference);
    Image out = Resizer.resize(src, ref.width(), ref.height(), false);
    int worst = 0;
    long sum = 0;
    long n = 0;
    for (int y = 0; y < ref.height(); y++) {
      for (int x = 0; x < ref.width(); x++) {
        int a = TestImages.at(ref, x, y, 3);
        worst = Math.max(worst, Math.abs(a - TestImages.at(out, x, y, 3)));
        // Pillow's 8-bit premultiplied colour says little where alpha is small
        for (int c = 0; c < 3 && a >= 64; c++) {
          int d = Math.abs(TestImages.at(ref, x, y, c) - TestImages.at(out, x, y, c));
          worst = Math.max(worst, d);
          sum += d;
          n++;
        }
      }
    }
    double mean = (double) sum / n;
    assertTrue(worst <= maxDiff, reference + ": max difference " + worst);
    assertTrue(mean <= maxMean, reference + ": mean difference " + mean);
  }

  @Test
  void integerRatiosAverageExactly() {
    Image src = TestImages.noise(12, 12, 7, false);
    Image out = Resizer.resize(src, 4, 3, false);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        for (int c = 0; c < 4; c++) {
          int sum = 0;
          for (int dy = 0; dy < 4; dy++) {
            for (int dx = 0; dx < 3; dx++) {
              sum += TestImages.at(src, x * 3 + dx, y * 4 + dy, c);
            }
          }
          // round half up of sum / 12
          assertEquals((2 * sum + 12) / 24, TestImages.at(out, x, y, c), x + "," + y + "," + c);
        }
      }
    }
  }

  @Test
  void integerRatiosWeighColourByAlpha() {
    Image src = TestImages.noise(6, 4, 11, true);
    Image out = Resizer.resize(src, 3, 2, false);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        long sa = 0;
        long[] sc = new long[3];
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int a = TestImages.at(src, 2 * x + dx, 2 * y + dy, 3);
            sa += a;
            for (int c = 0; c < 3; c++) {
              sc[c] += (long) a * TestImages.at(src, 2 * x + dx, 2 * y + dy, c);
            }
          }
        }
        assertEquals((2 * sa + 4) / 8, TestImages.at(out, x, y, 3));
        for (int c = 0; c < 3 && sa > 0; c++) {
          assertEquals((2 * sc[c] + sa) / (2 * sa), TestImages.at(out, x, y, c), x + "," + y);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"50, 40, false", "50, 40, true", "17, 23, false", "17, 23, true", "91, 7, true",
      "120, 100, false", "10, 8, true"})
  void constantImagesStayConstant(int w, int h, boolean gamma) {
    for (int[] c : new int[][] {{200, 30, 77, 255}, {0, 0, 0, 255}, {255, 255, 255, 255},
        {13, 140, 250, 90}, {255, 0, 0, 1}}) {
      Image out = Resizer.resize(TestImages.constant(40, 30, c[0], c[1], c[2], c[3]), w, h, gamma);
      for (int i = 0; i < out.rgba().length; i++) {
        assertEquals(c[i % 4], out.rgba()[i] & 0xFF, "sample " + i + " of " + w + "x" + h);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"false", "true"})
  void transparentPixelsLeaveNoDarkFringe(boolean gamma) {
    // white on the left, fully transparent black on the right
    Image src = TestImages.constant(40, 20, 255, 255, 255, 255);
    for (int y = 0; y < 20; y++) {
      for (int x = 20; x < 40; x++) {
        int i = (y * 40 + x) * 4;
        src.rgba()[i] = 0;
        src.rgba()[i + 1] = 0;
        src.rgba()[i + 2] = 0;
        src.rgba()[i + 3] = 0;
      }
    }
    for (int[] size : new int[][] {{17, 9}, {13, 7}, {63, 31}}) {
      Image out = Resizer.resize(src, size[0], size[1], gamma);
      boolean sawEdge = false;
      for (int i = 0; i < out.rgba().length; i += 4) {
        int a = out.rgba()[i + 3] & 0xFF;
        if (a > 0) {
          sawEdge |= a < 255;
          for (int c = 0; c < 3; c++) {
            assertEquals(255, out.rgba()[i + c] & 0xFF, "a dark fringe at alpha " + a);
          }
        }
      }
      assertTrue(sawEdge, "the edge is soft, so it was tested");
    }
  }

  @Test
  void greyStaysGrey() {
    Image src = TestImages.noise(33, 21, 3, true);
    byte[] p = src.rgba();
    for (int i = 0; i < p.length; i += 4) {
      p[i + 1] = p[i];
      p[i + 2] = p[i];
    }
    for (boolean gamma : new boolean[] {false, true}) {
      Image out = Resizer.resize(src, 14, 30, gamma);
      byte[] q = out.rgba();
      for (int i = 0; i < q.length; i += 4) {
        assertEquals(q[i], q[i + 1]);
        assertEquals(q[i], q[i + 2]);
      }
    }
  }

  @Test
  void mirroredInputGivesMirroredOutput() {
    Image src = TestImages.noise(37, 29, 5, true);
    Image mirrored = mirror(src);
    for (int[] size : new int[][] {{13, 11}, {50, 40}, {37, 10}}) {
      Image a = Resizer.resize(src, size[0], size[1], false);
      Image b = Resizer.resize(mirrored, size[0], size[1], false);
      assertArrayEquals(a.rgba(), mirror(b).rgba(), size[0] + "x" + size[1]);
    }
  }

  @Test
  void gammaCorrectScalingKeepsTheBrightnessOfFineDetail() {
    // one-pixel black and white stripes: their mean light is half of white, sRGB 188, not 128
    Image src = TestImages.constant(64, 8, 0, 0, 0, 255);
    for (int i = 0; i < src.rgba().length; i += 8) {
      src.rgba()[i] = src.rgba()[i + 1] = src.rgba()[i + 2] = (byte) 255;
    }
    assertEquals(128, TestImages.at(Resizer.resize(src, 32, 4, false), 5, 1, 0));
    assertEquals(188, TestImages.at(Resizer.resize(src, 32, 4, true), 5, 1, 0));
    int lanczos = TestImages.at(Resizer.resize(src, 27, 4, true), 13, 1, 0);
    assertTrue(Math.abs(lanczos - 188) <= 3, "linear-light Lanczos gives " + lanczos);
  }

  @Test
  void sixteenBitSamplesAreResizedToo() {
    int w = 20;
    int h = 10;
    short[] s16 = new short[w * h * 4];
    byte[] s8 = new byte[s16.length];
    for (int i = 0; i < s16.length; i++) {
      int v = (i % 4 == 3) ? 65535 : (i * 977) % 65536;
      s16[i] = (short) v;
      s8[i] = (byte) ((v + 128) / 257);
    }
    Image src = new Image(w, h, s8, s16);
    for (int[] size : new int[][] {{10, 5}, {7, 3}}) {
      Image out = Resizer.resize(src, size[0], size[1], false);
      assertNotNull(out.rgba16());
      for (int i = 0; i < out.rgba().length; i++) {
        assertEquals(((out.rgba16()[i] & 0xFFFF) + 128) / 257, out.rgba()[i] & 0xFF);
      }
    }
    // a 2x2 box of 16-bit samples: exact mean
    Image box = Resizer.resize(src, 10, 5, false);
    long sum = 0;
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        sum += s16[(dy * w + dx) * 4] & 0xFFFF;
      }
    }
    assertEquals((2 * sum + 4) / 8, box.rgba16()[0] & 0xFFFF);
  }

  @Test
  void fitWithinNeverEnlargesAndKeepsTheAspectRatio() {
    assertArrayEquals(new int[] {100, 75}, Resizer.fittedSize(4000, 3000, 100));
    assertArrayEquals(new int[] {75, 100}, Resizer.fittedSize(3000, 4000, 100));
    assertArrayEquals(new int[] {200, 67}, Resizer.fittedSize(300, 100, 200)); // 66.67 rounds up
    assertArrayEquals(new int[] {200, 1}, Resizer.fittedSize(10000, 10, 200)); // never 0
    assertArrayEquals(new int[] {64, 48}, Resizer.fittedSize(64, 48, 64));
    assertArrayEquals(new int[] {64, 48}, Resizer.fittedSize(64, 48, 5000));
    Image src = TestImages.noise(64, 48, 1, false);
    assertSame(src, Resizer.fitWithin(src, 64, false));
    Image out = Resizer.fitWithin(src, 32, true);
    assertEquals(32, out.width());
    assertEquals(24, out.height());
  }

  @Test
  void refusesImpossibleSizes() {
    Image src = TestImages.noise(8, 8, 1, false);
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(src, 0, 5, false));
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(src, 5, -1, false));
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(src, 65536, 65536, false));
    assertThrows(IllegalArgumentException.class, () -> Resizer.fitWithin(src, 0, false));
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(null, 5, 5, false));
  }

  @Test
  void everySmallSizeToEverySmallSizeKeepsAConstant() {
    for (int w = 1; w <= 9; w++) {
      for (int h = 1; h <= 9; h += 2) {
        Image src = TestImages.constant(w, h, 10, 200, 99, 180);
        for (int ow = 1; ow <= 12; ow += 1) {
          for (int oh = 1; oh <= 12; oh += 3) {
            Image out = Resizer.resize(src, ow, oh, (ow + oh) % 2 == 0);
            assertEquals(ow, out.width());
            for (int i = 0; i < out.rgba().length; i += 4) {
              assertEquals(200, out.rgba()[i + 1] & 0xFF, w + "x" + h + " -> " + ow + "x" + oh);
              assertEquals(180, out.rgba()[i + 3] & 0xFF);
            }
          }
        }
      }
    }
  }

  @Test
  void enlargesWithLanczos() {
    Image src = TestImages.noise(5, 4, 9, false);
    Image out = Resizer.resize(src, 15, 12, false);
    assertEquals(15, out.width());
    assertEquals(12, out.height());
  }

  @Test
  void aPartialLastPixelIsReadAsPartOfTheExtent() {
    // a ramp 2x + 1 at pixel centres over 40.5 pixels' worth, the 41st pixel half outside
    int w = 41;
    byte[] rgba = new byte[w * 4];
    for (int x = 0; x < w; x++) {
      rgba[x * 4] = rgba[x * 4 + 1] = rgba[x * 4 + 2] = (byte) (2 * x + 1);
      rgba[x * 4 + 3] = (byte) 255;
    }
    Image src = new Image(w, 1, rgba);
    Image out = Resizer.resize(src, 27, 1, 40.5, 1, false);
    // output pixel i is centred on input coordinate (i + 0.5) * 40.5 / 27, value 2c + 0 there
    for (int i = 2; i < 25; i++) {
      double c = (i + 0.5) * 40.5 / 27;
      assertEquals(2 * c, out.rgba()[i * 4] & 0xFF, 1.0, "pixel " + i);
    }
    // read as 41 whole pixels the ramp comes out stretched: pixel i higher by (i + 0.5) / 27
    Image stretched = Resizer.resize(src, 27, 1, false);
    int shift = 0;
    for (int i = 2; i < 25; i++) {
      shift += (stretched.rgba()[i * 4] & 0xFF) - (out.rgba()[i * 4] & 0xFF);
    }
    assertTrue(shift >= 8, "summed shift " + shift);
  }

  @Test
  void aWholeExtentIsAPlainResizeAndABadOneIsRefused() {
    Image src = TestImages.noise(9, 7, 3, false);
    assertArrayEquals(Resizer.resize(src, 4, 3, false).rgba(),
        Resizer.resize(src, 4, 3, 9, 7, false).rgba());
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(src, 4, 3, 8, 7, false));
    assertThrows(IllegalArgumentException.class, () -> Resizer.resize(src, 4, 3, 9.5, 7, false));
    assertThrows(IllegalArgumentException.class,
        () -> Resizer.resize(src, 4, 3, Double.NaN, 7, false));
  }

  private static Image mirror(Image im) {
    int w = im.width();
    byte[] out = new byte[im.rgba().length];
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(im.rgba(), (y * w + x) * 4, out, (y * w + (w - 1 - x)) * 4, 4);
      }
    }
    return new Image(w, im.height(), out);
  }
}
