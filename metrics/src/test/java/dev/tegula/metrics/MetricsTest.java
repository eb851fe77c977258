package dev.tegula.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void identicalImagesScorePerfectly() {
    Image a = TestImages.synthetic(200, 180, 1);
    Comparison c = Metrics.compare(a, a);
    assertEquals(Double.POSITIVE_INFINITY, c.psnr());
    assertEquals(Double.POSITIVE_INFINITY, c.psnrLuma());
    assertEquals(1.0, c.ssim(), 1e-12);
    assertEquals(1.0, c.ssimLuma(), 1e-12);
    assertEquals(1.0, c.msSsim(), 1e-12);
    assertFalse(c.alpha());
    assertTrue(Double.isNaN(c.psnrAlpha()));
    assertNull(c.map());
  }

  @Test
  void psnrOfAKnownErrorIsExact() {
    // every R, G, B sample off by 5: MSE 25, PSNR 10·log10(65025/25)
    byte[] a = new byte[16 * 16 * 4];
    byte[] b = new byte[a.length];
    for (int p = 0; p < a.length; p++) {
      a[p] = (byte) ((p & 3) == 3 ? 255 : 100);
      b[p] = (byte) ((p & 3) == 3 ? 255 : 105);
    }
    Comparison c = Metrics.compare(new Image(16, 16, a), new Image(16, 16, b));
    assertEquals(10 * Math.log10(65025.0 / 25), c.psnr(), 1e-12);
    assertEquals(10 * Math.log10(65025.0 / 25), c.psnrLuma(), 1e-9);
  }

  @Test
  void moreDistortionScoresLower() {
    Image a = TestImages.synthetic(240, 200, 7);
    Comparison mild = Metrics.compare(a, TestImages.distorted(a, 3, 1));
    Comparison strong = Metrics.compare(a, TestImages.distorted(a, 20, 1));
    assertTrue(mild.psnr() > strong.psnr());
    assertTrue(mild.ssim() > strong.ssim());
    assertTrue(mild.ssimLuma() > strong.ssimLuma());
    assertTrue(mild.msSsim() > strong.msSsim());
    assertTrue(strong.ssim() > 0 && mild.ssim() < 1);
  }

  @Test
  void ssimAloneIsTheSsimOfTheFullComparison() {
    Image a = TestImages.synthetic(90, 70, 11);
    Image b = TestImages.distorted(a, 7, 5);
    assertEquals(Metrics.compare(a, b).ssim(), Metrics.ssim(a, b), 0);
    assertTrue(Double.isNaN(Metrics.ssim(TestImages.synthetic(6, 6, 1),
        TestImages.synthetic(6, 6, 2))));
    assertThrows(IllegalArgumentException.class,
        () -> Metrics.ssim(a, TestImages.synthetic(70, 90, 1)));
  }

  @Test
  void sizesMustMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.compare(TestImages.synthetic(20, 10, 1), TestImages.synthetic(10, 20, 1)));
    assertEquals("image sizes differ: 20x10 and 10x20", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Metrics.compare(null, TestImages.synthetic(10, 20, 1)));
  }

  @Test
  void metricsTheImageIsTooSmallForAreNaN() {
    Image tiny = TestImages.synthetic(6, 40, 1);
    Comparison c = Metrics.compare(tiny, TestImages.distorted(tiny, 4, 2));
    assertTrue(Double.isFinite(c.psnr()));
    assertTrue(Double.isNaN(c.ssim()));
    assertTrue(Double.isNaN(c.ssimLuma()));
    assertTrue(Double.isNaN(c.msSsim()));

    Image small = TestImages.synthetic(100, 12, 1);
    c = Metrics.compare(small, TestImages.distorted(small, 4, 2));
    assertTrue(c.ssim() < 1 && c.ssimLuma() < 1);
    assertTrue(Double.isNaN(c.msSsim()));

    Image one = TestImages.synthetic(1, 1, 1);
    assertTrue(Double.isInfinite(Metrics.compare(one, one).psnr()));
  }

  @Test
  void colourUnderFullTransparencyDoesNotCountButAlphaDoes() {
    Image a = TestImages.synthetic(64, 64, 3);
    byte[] ra = a.rgba().clone();
    for (int p = 3; p < ra.length; p += 4) {
      ra[p] = 0;
    }
    byte[] rb = TestImages.distorted(a, 50, 9).rgba().clone();
    for (int p = 3; p < rb.length; p += 4) {
      rb[p] = 0;
    }
    Comparison hidden = Metrics.compare(new Image(64, 64, ra), new Image(64, 64, rb));
    assertTrue(hidden.alpha());
    assertEquals(Double.POSITIVE_INFINITY, hidden.psnr());
    assertEquals(Double.POSITIVE_INFINITY, hidden.psnrAlpha());
    assertEquals(1.0, hidden.ssimAlpha(), 1e-12);

    rb[3] = (byte) 255; // one pixel made opaque: an alpha error, and a colour error against grey
    Comparison shown = Metrics.compare(new Image(64, 64, ra), new Image(64, 64, rb));
    assertTrue(Double.isFinite(shown.psnr()));
    assertEquals(10 * Math.log10(65025.0 * 64 * 64 / (255 * 255)), shown.psnrAlpha(), 1e-9);
  }

  @Test
  void compositingRoundsTheExactBlend() {
    byte[] px = {(byte) 200, 10, 0, (byte) 128};
    byte[] out = AlphaComposite.overBackground(px);
    // (200·128 + 128·127)/255 = 164.14, (10·128 + 128·127)/255 = 68.77, 128·127/255 = 63.75
    assertEquals(164, out[0] & 0xFF);
    assertEquals(69, out[1] & 0xFF);
    assertEquals(64, out[2] & 0xFF);
    assertEquals(255, out[3] & 0xFF);
  }

  @Test
  void lumaIsBt601() {
    double[] y = Luma.plane(new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255, 0, 0, 0, 0,
        (byte) 255, 0}, 3);
    assertEquals(0.299 * 255, y[0], 1e-12);
    assertEquals(0.587 * 255, y[1], 1e-12);
    assertEquals(0.114 * 255, y[2], 1e-12);
  }

  @Test
  void gaussianKernelSumsToOneAndHalvingRoundsUp() {
    double[] k = GaussianSsim.kernel(1.5);
    double sum = k[0];
    for (int i = 1; i < k.length; i++) {
      sum += 2 * k[i];
    }
    assertEquals(1.0, sum, 1e-15);
    double[] half = MsSsim.halve(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertEquals(2, half.length);
    assertEquals((1 + 2 + 4 + 5) / 4.0, half[0], 0);
    assertEquals((3 + 3 + 6 + 6) / 4.0, half[1], 0);
  }
}
