package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quality in hundredths (format-lossy.md §2, §6.1). */
class FineQualityTest {
  @Test
  void wholeQualitiesKeepTheirSteps() {
    int[] whole = new int[64];
    int[] fine = new int[64];
    for (int q = 0; q <= 100; q++) {
      Quantizer.steps(q, whole);
      Quantizer.stepsHundredths(q * 100, fine);
      assertArrayEquals(whole, fine, "quality " + q);
    }
  }

  @Test
  void stepsMoveMonotonicallyBetweenWholeQualities() {
    int[] prev = new int[64];
    int[] cur = new int[64];
    Quantizer.stepsHundredths(0, prev);
    boolean strictSomewhere = false;
    for (int h = 1; h <= 10000; h++) {
      Quantizer.stepsHundredths(h, cur);
      for (int k = 0; k < 64; k++) {
        assertTrue(cur[k] <= prev[k], "step " + k + " grows at " + h + " hundredths");
      }
      if (h == 7550) {
        int[] a = new int[64];
        int[] b = new int[64];
        Quantizer.steps(75, a);
        Quantizer.steps(76, b);
        for (int k = 0; k < 64; k++) {
          assertTrue(cur[k] <= a[k] && cur[k] >= b[k]);
          strictSomewhere |= cur[k] < a[k] && cur[k] > b[k];
        }
      }
      System.arraycopy(cur, 0, prev, 0, 64);
    }
    assertTrue(strictSomewhere, "75.50 has steps strictly between 75's and 76's");
  }

  @Test
  void fineQualitiesDecodeAndSizesFollowTheScale() {
    byte[] px = LossyCodecTest.synthetic(96, 80, 3, 21);
    byte[] out = new byte[px.length];
    assertArrayEquals(LossyCodec.encode(px, 96, 80, 3, 90),
        LossyCodec.encodeHundredths(px, 96, 80, 3, 9000));
    int low = LossyCodec.encode(px, 96, 80, 3, 90).length;
    int high = LossyCodec.encode(px, 96, 80, 3, 91).length;
    byte[] mid = LossyCodec.encodeHundredths(px, 96, 80, 3, 9050);
    assertEquals(9050, ((mid[2] & 0xFF) << 8) | (mid[3] & 0xFF));
    assertTrue(mid.length > low && mid.length < high,
        low + " < " + mid.length + " < " + high + " expected");
    LossyCodec.decode(mid, 0, mid.length, 96, 80, 3, out);
    long err = 0;
    for (int i = 0; i < px.length; i++) {
      err += Math.abs((px[i] & 0xFF) - (out[i] & 0xFF));
    }
    assertTrue(err / px.length < 6, "mean error " + err / (double) px.length);
  }

  @Test
  void hundredthsOutsideTheScaleAreMisuse() {
    byte[] px = LossyCodecTest.synthetic(8, 8, 3, 1);
    assertThrows(IllegalArgumentException.class,
        () -> LossyCodec.encodeHundredths(px, 8, 8, 3, 10001));
    assertThrows(IllegalArgumentException.class,
        () -> LossyCodec.encodeHundredths(px, 8, 8, 3, -1));
  }
}
