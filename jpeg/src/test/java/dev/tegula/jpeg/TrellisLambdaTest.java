package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The trellis lambda option ({@link JpegEncodeOptions#lambdaHundredths}): a second rate knob at
 * fixed quantization tables for the target searches.
 */
class TrellisLambdaTest {
  private static final Image FLOWER = EncoderImages.crop(EncoderImages.photo("flower.png"),
      400, 200, 256, 200);

  @Test
  void theLambdaIsCheckedAndCarriedByEveryWither() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(3801);
    assertEquals(JpegEncodeOptions.DEFAULT_LAMBDA, o.lambdaHundredths());
    assertEquals(100, JpegEncodeOptions.DEFAULT.lambdaHundredths());
    assertThrows(IllegalArgumentException.class, () -> o.withLambdaHundredths(-1));
    assertThrows(IllegalArgumentException.class,
        () -> o.withLambdaHundredths(JpegEncodeOptions.MAX_LAMBDA + 1));
    assertThrows(IllegalArgumentException.class, () -> new JpegEncodeOptions(38,
        JpegEncodeOptions.Subsampling.S420, true, true, 0, false, true, 3801, 1000));
    assertEquals(0, o.withLambdaHundredths(0).lambdaHundredths());
    JpegEncodeOptions k = o.withLambdaHundredths(JpegEncodeOptions.MAX_LAMBDA);
    JpegEncodeOptions all = k.withQualityHundredths(5000).withSubsampling(
        JpegEncodeOptions.Subsampling.S444).withProgressive(false).withOptimizeHuffman(false)
        .withRestartInterval(2).withGrayscale(true).withPsychovisual(false).withQuality(40);
    assertEquals(JpegEncodeOptions.MAX_LAMBDA, all.lambdaHundredths(), "every with... keeps it");
    assertEquals(100, new JpegEncodeOptions(50, JpegEncodeOptions.Subsampling.S420, true, true,
        0, false, true, 5000).lambdaHundredths(), "the eight-value constructor: the default");
  }

  @Test
  void theDefaultLambdaWritesTheSameFile() {
    for (int h : new int[] {500, 3801, 9050, 9700}) {
      JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(h);
      assertEquals(o, o.withLambdaHundredths(300).withLambdaHundredths(100));
      assertArrayEquals(JpegEncoder.encode(FLOWER, Metadata.EMPTY, o),
          JpegEncoder.encode(FLOWER, Metadata.EMPTY, o.withLambdaHundredths(100)), "q" + h);
    }
  }

  /**
   * At fixed tables (the DQT segments are the same) a larger lambda gives a smaller file that is
   * further from the source, and the size moves in small steps: a knob finer than the quality
   * where one hundredth moves a table entry by a whole step.
   */
  @Test
  void aLargerLambdaGivesASmallerFileAtTheSameTables() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(6000);
    byte[] own = JpegEncoder.encode(FLOWER, Metadata.EMPTY, o);
    int prev = Integer.MAX_VALUE;
    int largestStep = 0;
    for (int l = 0; l <= 400; l += 10) {
      byte[] f = JpegEncoder.encode(FLOWER, Metadata.EMPTY, o.withLambdaHundredths(l));
      assertArrayEquals(dqt(own), dqt(f), "tables at x" + l / 100.0);
      assertTrue(f.length <= prev, "x" + l / 100.0 + ": " + f.length + " > " + prev);
      if (prev != Integer.MAX_VALUE) {
        largestStep = Math.max(largestStep, prev - f.length);
      }
      prev = f.length;
    }
    assertTrue(largestStep * 100 < 3 * own.length, "largest step " + largestStep + " of "
        + own.length + " bytes");
    double psnrOwn = psnr(own);
    double psnrLow = psnr(JpegEncoder.encode(FLOWER, Metadata.EMPTY, o.withLambdaHundredths(0)));
    double psnrHigh = psnr(JpegEncoder.encode(FLOWER, Metadata.EMPTY,
        o.withLambdaHundredths(400)));
    assertTrue(psnrLow > psnrOwn && psnrOwn > psnrHigh,
        "PSNR x0 " + psnrLow + ", x1 " + psnrOwn + ", x4 " + psnrHigh);
  }

  @Test
  void plainRoundingIgnoresTheLambda() {
    JpegEncodeOptions o = JpegEncodeOptions.ofQuality(70).withPsychovisual(false);
    assertArrayEquals(JpegEncoder.encode(FLOWER, Metadata.EMPTY, o),
        JpegEncoder.encode(FLOWER, Metadata.EMPTY, o.withLambdaHundredths(400)));
  }

  private static double psnr(byte[] jpeg) {
    return EncoderImages.psnr(FLOWER,
        JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT).image().rgba());
  }

  /** The DQT segments of a file, in order (T.81 §B.2.4.1). */
  private static byte[] dqt(byte[] jpeg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int p = 2;
    while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
      int marker = jpeg[p + 1] & 0xFF;
      int len = (jpeg[p + 2] & 0xFF) << 8 | jpeg[p + 3] & 0xFF;
      if (marker == 0xDB) {
        out.write(jpeg, p + 4, len - 2);
      }
      if (marker == 0xDA) {
        break;
      }
      p += 2 + len;
    }
    assertTrue(out.size() > 0, "no DQT");
    return out.toByteArray();
  }
}
