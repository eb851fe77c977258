package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.jpeg.JpegEncoder;
import dev.tegula.metrics.Comparison;
import dev.tegula.metrics.Metrics;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compress with a maximum dimension decodes a JPEG shrunk ({@link Tegula#decodeForCompress})
 * when the fitted size leaves room, and gives the size a whole decode would and nearly its
 * pixels: every EXIF orientation (odd sizes, partial blocks at the right and bottom, which a flip
 * moves to the left or top), 4:2:0 with a partial MCU row, at 1/2 and 1/4.
 */
class ShrinkOnLoadTest {
  private static final CompressOptions PNG = CompressOptions.lossless()
      .withFormat(ImageFormat.PNG);

  @Test
  void shrinkLeavesTheResizeAFactorOfTwoAtHalfAndFourAtAQuarter() {
    CompressOptions o = PNG;
    assertEquals(1, CompressPipeline.jpegShrink(4000, 3000, o));
    assertEquals(1, CompressPipeline.jpegShrink(4000, 3000, o.withMaxDimension(2001)));
    assertEquals(2, CompressPipeline.jpegShrink(4000, 3000, o.withMaxDimension(1000)));
    // within 250: 250x188, and 3000 / 4 = 750 is under 4 x 188
    assertEquals(2, CompressPipeline.jpegShrink(4000, 3000, o.withMaxDimension(250)));
    assertEquals(4, CompressPipeline.jpegShrink(4000, 3000, o.withMaxDimension(249)));
    assertEquals(4, CompressPipeline.jpegShrink(4000, 3000, o.withMaxDimension(16)));
    // the shorter side counts too: 1001x1000 fitted within 250 is 250x250
    assertEquals(2, CompressPipeline.jpegShrink(1001, 1000, o.withMaxDimension(250)));
    assertEquals(1, CompressPipeline.jpegShrink(1001, 1000, o.withMaxDimension(251)));
    // linear-light resizing averages in linear light, which the reduced IDCT cannot
    assertEquals(1, CompressPipeline.jpegShrink(4000, 3000,
        o.withMaxDimension(249).withGammaCorrectResize(true)));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyOrientationGivesTheWholeDecodesSizeAndPixels(int orientation) throws IOException {
    byte[] jpeg = CompressPipelineTest.file("jpeg/exif_orientation_" + orientation + ".jpg");
    // stored 93x123 or 123x93: within 30 shrinks by 2, within 7 by 4
    assertSameAsWholeDecode(jpeg, 30, 2, 42);
    assertSameAsWholeDecode(jpeg, 7, 4, 42);
  }

  @Test
  void aPartialMcuRowAt420() throws IOException {
    Image flower = Tegula.decode(CompressPipelineTest.file("photos/flower.png")).image();
    Image crop = crop(flower, 1001, 755);
    byte[] jpeg = JpegEncoder.encode(crop, null, JpegEncodeOptions.DEFAULT.withQuality(85));
    assertSameAsWholeDecode(jpeg, 250, 2, 42);
    assertSameAsWholeDecode(jpeg, 62, 4, 42);
  }

  @Test
  void aTglThatKeepsAJpegDecodesShrunkAsTheJpegDoes() throws IOException {
    byte[] jpeg = CompressPipelineTest.file("jpeg/exif_orientation_6.jpg");
    byte[] tgl = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).tgl();
    for (int n : new int[] {2, 4, 8}) {
      DecodeOptions o = DecodeOptions.DEFAULT.withJpegShrink(n);
      Image fromJpeg = Tegula.decode(jpeg, o).image();
      Image fromTgl = Tegula.decode(tgl, o).image();
      assertEquals((123 + n - 1) / n, fromTgl.width());
      assertArrayEquals(fromJpeg.rgba(), fromTgl.rgba(), "1/" + n);
    }
  }

  private static void assertSameAsWholeDecode(byte[] jpeg, int max, int shrink,
      double minPsnr) {
    CompressOptions o = PNG.withMaxDimension(max);
    DecodedImage stored = Tegula.decode(jpeg, new DecodeOptions(Limits.DEFAULT, false));
    DecodedImage shrunk = Tegula.decodeForCompress(jpeg, o, Limits.DEFAULT);
    Image s = stored.image();
    assertEquals((s.width() + shrink - 1) / shrink, shrunk.image().width());
    assertEquals((s.height() + shrink - 1) / shrink, shrunk.image().height());
    Image whole = Tegula.decode(Tegula.compress(stored, o).bytes()).image();
    Image fast = Tegula.decode(Tegula.compressFile(jpeg, o, Limits.DEFAULT).bytes()).image();
    assertEquals(whole.width(), fast.width());
    assertEquals(whole.height(), fast.height());
    Comparison c = Metrics.compare(whole, fast);
    assertTrue(c.psnr() >= minPsnr, "max " + max + ": " + c.psnr() + " dB");
  }

  private static Image crop(Image im, int w, int h) {
    byte[] out = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(im.rgba(), y * im.width() * 4, out, y * w * 4, w * 4);
    }
    return new Image(w, h, out);
  }
}
