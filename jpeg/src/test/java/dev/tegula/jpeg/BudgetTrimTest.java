package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedJpeg#encode(Metadata, JpegEncodeOptions, int, double)}: a file a little over
 * its budget comes back inside it, made of the encode's own coefficients with some AC values
 * dropped to 0 and nothing else changed, at nearly the encode's quality; any other file is the
 * encode itself.
 */
class BudgetTrimTest {
  private static final Image PHOTO = EncoderImages.crop(EncoderImages.photo("flower.png"), 300,
      150, 160, 120);

  /** Baseline and progressive, 4:2:0 and 4:4:4, grey, classic with restarts, a lambda. */
  static JpegEncodeOptions[] codings() {
    JpegEncodeOptions q80 = JpegEncodeOptions.ofQuality(80);
    return new JpegEncodeOptions[] {q80, q80.withProgressive(false),
        q80.withSubsampling(JpegEncodeOptions.Subsampling.S444), q80.withGrayscale(true),
        q80.withPsychovisual(false).withProgressive(false).withRestartInterval(3),
        JpegEncodeOptions.ofQualityHundredths(9512).withLambdaHundredths(150)};
  }

  @Test
  void aFileJustOverItsBudgetIsTrimmedIntoItWithTheEncodesCoefficientsOrZero() {
    for (JpegEncodeOptions o : codings()) {
      PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
      byte[] encode = prepared.encode(Metadata.EMPTY, o);
      int budget = (int) (encode.length * 0.985);
      PreparedJpeg.Budgeted fit = prepared.encode(Metadata.EMPTY, o, budget, 0.035);
      String what = o + ": " + encode.length + " bytes, budget " + budget + ", trimmed to "
          + fit.file().length;
      assertTrue(fit.trimmed(), what);
      assertTrue(fit.file().length <= budget && fit.file().length >= 0.97 * budget, what);
      assertArrayEquals(fit.file(), prepared.encode(Metadata.EMPTY, o, budget, 0.035).file(),
          "the same budget gives the same bytes");

      CoefficientReader.Coefficients before = CoefficientReader.read(encode, Limits.DEFAULT);
      CoefficientReader.Coefficients after = CoefficientReader.read(fit.file(), Limits.DEFAULT);
      int dropped = 0;
      for (int c = 0; c < before.coefficients.length; c++) {
        assertArrayEquals(before.quant[c], after.quant[c], what);
        short[] x = before.coefficients[c];
        short[] y = after.coefficients[c];
        for (int i = 0; i < x.length; i++) {
          if (x[i] != y[i]) {
            assertTrue(y[i] == 0 && i % 64 != 0, what + ": component " + c + " block "
                + i / 64 + " position " + i % 64 + " " + x[i] + " -> " + y[i]);
            dropped++;
          }
        }
      }
      assertTrue(dropped > 0, what);

      Image decoded = JpegDecoder.decode(encode, DecodeOptions.DEFAULT).image();
      Image trimmed = JpegDecoder.decode(fit.file(), DecodeOptions.DEFAULT).image();
      double loss = EncoderImages.psnr(PHOTO, decoded.rgba())
          - EncoderImages.psnr(PHOTO, trimmed.rgba());
      assertTrue(loss >= 0 && loss < 0.3, what + ": PSNR falls " + loss + " dB");
    }
  }

  @Test
  void aFileWithinItsBudgetOrFarOverItIsTheEncodeItself() {
    for (JpegEncodeOptions o : codings()) {
      PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
      byte[] encode = prepared.encode(Metadata.EMPTY, o);
      for (int budget : new int[] {encode.length, encode.length + 1000,
          (int) (encode.length / 1.05), 1}) {
        PreparedJpeg.Budgeted fit = prepared.encode(Metadata.EMPTY, o, budget, 0.035);
        assertFalse(fit.trimmed(), o + " budget " + budget);
        assertArrayEquals(encode, fit.file(), o + " budget " + budget);
      }
      PreparedJpeg.Budgeted none = prepared.encode(Metadata.EMPTY, o, encode.length - 1, 0);
      assertFalse(none.trimmed(), "a share of 0 trims nothing");
      assertArrayEquals(encode, none.file());
    }
  }

  /**
   * What is left to drop may cost more than a lower quality would: then nothing is dropped. At
   * quality 100 every step is 1 and the trellis keeps only what is worth far more than its
   * bits, so a trim of 3 % finds nothing cheap enough.
   */
  @Test
  void aBudgetOnlyDearCoefficientsCouldMeetIsNotMet() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQuality(100);
    PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
    byte[] encode = prepared.encode(Metadata.EMPTY, o);
    PreparedJpeg.Budgeted fit = prepared.encode(Metadata.EMPTY, o,
        (int) (encode.length * 0.97), 0.035);
    assertFalse(fit.trimmed());
    assertArrayEquals(encode, fit.file());
  }

  @Test
  void aBudgetOrShareOutOfRangeIsRefused() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQuality(50);
    PreparedJpeg prepared = JpegEncoder.prepare(PHOTO, o);
    for (double share : new double[] {-0.01, 0.11, Double.NaN}) {
      assertThrows(IllegalArgumentException.class,
          () -> prepared.encode(Metadata.EMPTY, o, 1000, share));
    }
    assertThrows(IllegalArgumentException.class,
        () -> prepared.encode(Metadata.EMPTY, o, 0, 0.01));
    assertEquals(0.1, PreparedJpeg.MAX_TRIM_SHARE);
  }
}
