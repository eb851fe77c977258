package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Flat black and white areas restore exactly at every quality ({@link Quantizer#clampAwareDc});
 * our decoder is djpeg's to the bit (EncoderDjpegTest), so this holds for libjpeg-turbo too.
 */
class FlatEndsEncoderTest {
  private static final int W = 96;
  private static final int H = 64;

  /** Left third black, right third white, a noisy colour gradient between them. */
  private static Image picture() {
    byte[] px = new byte[W * H * 4];
    int seed = 12345;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int i = (y * W + x) * 4;
        seed = seed * 1103515245 + 12345;
        int noise = (seed >>> 16) & 31;
        for (int c = 0; c < 3; c++) {
          int v = x < 32 ? 0 : x >= 64 ? 255 : 40 + 3 * (x - 32) + 2 * y * c / 3 + noise;
          px[i + c] = (byte) Math.min(255, v);
        }
        px[i + 3] = (byte) 255;
      }
    }
    return new Image(W, H, px);
  }

  @Test
  void blackAndWhiteInteriorsRestoreExactlyAtEveryQuality() {
    Image img = picture();
    for (JpegEncodeOptions.Subsampling s : JpegEncodeOptions.Subsampling.values()) {
      for (boolean psychovisual : new boolean[] {true, false}) {
        for (int h = 100; h <= 10000; h += h >= 3500 && h < 4200 ? 1 : 23) {
          JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(h).withSubsampling(s)
              .withPsychovisual(psychovisual);
          byte[] out = JpegDecoder.decode(JpegEncoder.encode(img, Metadata.EMPTY, o),
              DecodeOptions.DEFAULT).image().rgba();
          // Interiors: whole 16x16 macroblocks of black or white, a block from the middle.
          for (int y = 0; y < H; y++) {
            for (int c = 0; c < 3; c++) {
              String where = s + (psychovisual ? " psychovisual " : " classic ") + h
                  + " hundredths, y " + y;
              assertEquals(0, out[(y * W + 3) * 4 + c] & 0xFF, "black, " + where);
              assertEquals(0, out[(y * W + 13) * 4 + c] & 0xFF, "black, " + where);
              assertEquals(255, out[(y * W + 85) * 4 + c] & 0xFF, "white, " + where);
              assertEquals(255, out[(y * W + 94) * 4 + c] & 0xFF, "white, " + where);
            }
          }
        }
      }
    }
  }

  @Test
  void aFlatBlockTakesTheDcWhoseClampedValueIsNearestItsMean() {
    short[] block = new short[64];
    block[0] = -60; // all 0: -60 * 17 decodes to 0.5 -> 1, -61 to -1.6 -> 0
    Quantizer.clampAwareDc(block, 0, 0, 17);
    assertEquals(-61, block[0]);
    assertEquals(0, Quantizer.flatSample(-61, 17));
    block[0] = 59; // all 255: 59 decodes to 253.4 -> 253, 60 to 255.5 -> 255
    Quantizer.clampAwareDc(block, 0, 255 * 64, 17);
    assertEquals(60, block[0]);
    block[0] = -13; // mean 100: the clamp changes nothing, rounding stands
    Quantizer.clampAwareDc(block, 0, 100 * 64, 17);
    assertEquals(-13, block[0]);
    block[0] = -60; // an AC value left: not flat, untouched
    block[7] = 1;
    Quantizer.clampAwareDc(block, 0, 0, 17);
    assertEquals(-60, block[0]);
  }
}
