package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Flat black and white areas restore exactly at every quality ({@link Quantizer#snapFlatEnd});
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
  void onlyBlocksAtAnEndMove() {
    short[] block = new short[64];
    block[0] = Quantizer.FLAT_BLACK_DC;
    assertEquals(Quantizer.FLAT_BLACK_DC, Quantizer.flatEnd(block, 0));
    block[9] = -1;
    assertEquals(0, Quantizer.flatEnd(block, 0));
    block[9] = 0;
    block[0] = Quantizer.FLAT_WHITE_DC - 64;
    assertEquals(0, Quantizer.flatEnd(block, 0));

    short[] q = {-60}; // 60 * 17 = 1020: 128 - 127.5 decodes as 1
    Quantizer.snapFlatEnd(q, 0, Quantizer.FLAT_BLACK_DC, 8 * 17);
    assertEquals(-61, q[0]);
    q[0] = -64; // 64 * 16 = 1024: already 0
    Quantizer.snapFlatEnd(q, 0, Quantizer.FLAT_BLACK_DC, 8 * 16);
    assertEquals(-64, q[0]);
    q[0] = 59; // 59 * 17 = 1003: 253.4
    Quantizer.snapFlatEnd(q, 0, Quantizer.FLAT_WHITE_DC, 8 * 17);
    assertEquals(60, q[0]);
    q[0] = -60;
    Quantizer.snapFlatEnd(q, 0, 0, 8 * 17);
    assertEquals(-60, q[0]);
  }
}
