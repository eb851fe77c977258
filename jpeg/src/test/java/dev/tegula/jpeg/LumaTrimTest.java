package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedJpeg#lumaTrim}: its luma plane is the decoder's at every drop count, its file
 * at no drop is the encode's, and a drop count's file differs from the encode only by luma AC
 * values set to 0, as many as the count.
 */
class LumaTrimTest {
  /** The size trims' price bound, which these tests were written against. */
  private static final int SIZE_PRICE = (int) (BudgetTrim.MAX_PRICE >> BudgetTrim.PRICE_BITS);

  /** Odd sizes, so that the plane's edge blocks are cut. */
  private static final Image PHOTO = EncoderImages.crop(EncoderImages.photo("flower.png"), 300,
      150, 157, 123);

  @Test
  void theLumaPlaneIsTheDecodersAtEveryDropCountAndTheFileFollows() {
    for (JpegEncodeOptions o : BudgetTrimTest.codings()) {
      PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
      byte[] encode = prepared.encode(Metadata.EMPTY, o);
      LumaTrim trim = prepared.lumaTrim(Metadata.EMPTY, o, encode.length * 8L / 10, SIZE_PRICE);
      String what = o + ": " + trim.drops() + " drops";
      assertTrue(trim.drops() > 50, what);
      assertArrayEquals(encode, trim.write(), what + ": no drop is the encode");
      assertEquals(0, trim.savedBits(0));
      byte[] baseLuma = trim.luma().clone();
      int[] counts = {trim.drops() / 3, trim.drops(), 1, trim.drops() / 2, 0};
      for (int n : counts) {
        trim.apply(n);
        byte[] file = trim.write();
        assertPixelsFollowLuma(encode, baseLuma, file, trim.luma(), o.grayscale(),
            what + " at " + n);
        CoefficientReader.Coefficients before = CoefficientReader.read(encode, Limits.DEFAULT);
        CoefficientReader.Coefficients after = CoefficientReader.read(file, Limits.DEFAULT);
        int dropped = 0;
        for (int c = 0; c < before.coefficients.length; c++) {
          short[] x = before.coefficients[c];
          short[] y = after.coefficients[c];
          for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
              assertTrue(c == 0 && y[i] == 0 && i % 64 != 0, what + " at " + n + ": component "
                  + c + " position " + i % 64 + " " + x[i] + " -> " + y[i]);
              dropped++;
            }
          }
        }
        assertEquals(n, dropped, what);
        if (n > 0) {
          assertTrue(file.length < encode.length && trim.savedBits(n) > trim.savedBits(n - 1),
              what + " at " + n);
        }
      }
    }
  }

  @Test
  void anOrderStopsAtItsBitsAndRefusesCountsOutsideIt() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQuality(80);
    PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
    LumaTrim none = prepared.lumaTrim(Metadata.EMPTY, o, 0, SIZE_PRICE);
    assertEquals(0, none.drops());
    LumaTrim few = prepared.lumaTrim(Metadata.EMPTY, o, 200, SIZE_PRICE);
    assertTrue(few.savedBits(few.drops()) >= 200 && few.savedBits(few.drops() - 1) < 200);
    assertThrows(IllegalArgumentException.class, () -> few.apply(few.drops() + 1));
    assertThrows(IllegalArgumentException.class, () -> few.apply(-1));
    assertThrows(IllegalArgumentException.class,
        () -> prepared.lumaTrim(Metadata.EMPTY, o, -1, SIZE_PRICE));
    assertThrows(IllegalArgumentException.class,
        () -> prepared.lumaTrim(Metadata.EMPTY, o.withGrayscale(true), 100, SIZE_PRICE));
  }

  /**
   * What a target SSIM search relies on: each channel of the decoder's pixels moves with the
   * luma plane ({@code R = Y + f(Cb, Cr)}), wherever neither decode clamps it; grey output's
   * pixels are the plane.
   */
  private static void assertPixelsFollowLuma(byte[] base, byte[] baseLuma, byte[] file,
      byte[] luma, boolean grey, String what) {
    byte[] a = JpegDecoder.decode(base, DecodeOptions.DEFAULT).image().rgba();
    byte[] b = JpegDecoder.decode(file, DecodeOptions.DEFAULT).image().rgba();
    int checked = 0;
    for (int p = 0; p < luma.length; p++) {
      int dy = (luma[p] & 0xFF) - (baseLuma[p] & 0xFF);
      for (int c = 0; c < 3; c++) {
        int va = a[p * 4 + c] & 0xFF;
        int vb = b[p * 4 + c] & 0xFF;
        if (grey) {
          assertEquals(luma[p] & 0xFF, vb, what + " pixel " + p);
        } else if (va > 0 && va < 255 && vb > 0 && vb < 255) {
          assertEquals(dy, vb - va, what + " pixel " + p + " channel " + c);
          checked++;
        }
      }
    }
    assertTrue(grey || checked > luma.length * 2, what);
  }
}
