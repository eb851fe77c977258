package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedJpeg}: one preparation serves a search's encodes at any quality and lambda, each
 * giving the bytes of a one-shot {@link JpegEncoder#encode}, whatever ran before it.
 */
class PreparedJpegTest {
  private static final JpegEncodeOptions.Subsampling[] SUBSAMPLINGS =
      JpegEncodeOptions.Subsampling.values();

  /** Colour, grey pixels, odd sides (partial MCUs both ways), one pixel, one block. */
  private static List<Image> images() {
    Image flower = EncoderImages.photo("flower.png");
    return List.of(EncoderImages.crop(flower, 400, 200, 67, 45),
        EncoderImages.synthetic(33, 17, 7), greyPixels(EncoderImages.crop(flower, 100, 50, 40, 23)),
        EncoderImages.synthetic(1, 1, 3), EncoderImages.synthetic(8, 8, 5));
  }

  private static Image greyPixels(Image colour) {
    byte[] rgba = colour.rgba().clone();
    for (int i = 0; i < rgba.length; i += 4) {
      rgba[i + 1] = rgba[i];
      rgba[i + 2] = rgba[i];
    }
    return new Image(colour.width(), colour.height(), rgba);
  }

  @Test
  void everyEncodeOfOnePreparationIsTheOneShotEncode() {
    Metadata comment = new Metadata(null, null, null,
        java.util.Map.of("Comment", "prepared once"));
    // the same quality again after others: an encode must not leave anything behind
    int[][] codes = {{9000, 100}, {2000, 250}, {9000, 100}, {9750, 0}, {5012, 800}, {0, 100},
        {10000, 100}};
    for (Image image : images()) {
      for (boolean grey : new boolean[] {false, true}) {
        for (JpegEncodeOptions.Subsampling s : grey
            ? new JpegEncodeOptions.Subsampling[] {JpegEncodeOptions.Subsampling.S420}
            : SUBSAMPLINGS) {
          for (boolean psy : new boolean[] {true, false}) {
            JpegEncodeOptions base = JpegEncodeOptions.ofQuality(50).withSubsampling(s)
                .withGrayscale(grey).withPsychovisual(psy);
            PreparedJpeg prepared = JpegEncoder.prepare(image, base);
            for (int i = 0; i < codes.length; i++) {
              JpegEncodeOptions o = base.withQualityHundredths(codes[i][0])
                  .withLambdaHundredths(codes[i][1]).withProgressive(i % 2 == 0)
                  .withOptimizeHuffman(i % 3 != 1).withRestartInterval(i % 3 == 2 ? 2 : 0);
              Metadata meta = i == 1 ? comment : null;
              String what = image.width() + "x" + image.height() + " " + o;
              assertArrayEquals(JpegEncoder.encode(image, meta, o), prepared.encode(meta, o), what);
            }
          }
        }
      }
    }
  }

  @Test
  void aPreparationTakesOnlyOptionsOfItsOwnChromaGreyAndCoding() {
    Image image = EncoderImages.synthetic(20, 20, 1);
    JpegEncodeOptions o420 = JpegEncodeOptions.ofQuality(80);
    PreparedJpeg prepared = JpegEncoder.prepare(image, o420);
    assertTrue(prepared.accepts(o420.withQuality(20).withLambdaHundredths(300)
        .withProgressive(false).withRestartInterval(4)));
    for (JpegEncodeOptions other : new JpegEncodeOptions[] {
        o420.withSubsampling(JpegEncodeOptions.Subsampling.S444),
        o420.withSubsampling(JpegEncodeOptions.Subsampling.S422), o420.withGrayscale(true),
        o420.withPsychovisual(false), null}) {
      assertFalse(prepared.accepts(other));
      assertThrows(IllegalArgumentException.class, () -> prepared.encode(null, other));
    }
    PreparedJpeg grey = JpegEncoder.prepare(image, o420.withGrayscale(true));
    assertTrue(grey.accepts(o420.withGrayscale(true)
        .withSubsampling(JpegEncodeOptions.Subsampling.S444)), "grey output has no chroma");
    assertThrows(IllegalArgumentException.class, () -> JpegEncoder.prepare(null, o420));
    assertThrows(IllegalArgumentException.class, () -> JpegEncoder.prepare(image, null));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.prepare(new Image(JpegEncoder.MAX_SIDE + 1, 1,
            new byte[4 * (JpegEncoder.MAX_SIDE + 1)]), o420));
    Metadata bigXmp = new Metadata(null, null, new byte[65_520], null);
    assertThrows(IllegalArgumentException.class, () -> prepared.encode(bigXmp, o420));
  }
}
