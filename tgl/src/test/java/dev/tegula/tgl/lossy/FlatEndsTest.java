package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Flat black and white areas restore exactly at every quality ({@link Quantizer#snapFlatEnd}). */
class FlatEndsTest {
  private static final int W = 96;
  private static final int H = 64;

  /** Left third black, right third white, a textured middle (so the steps are not the image's). */
  private static byte[] picture(int channels) {
    byte[] px = LossyCodecTest.synthetic(W, H, channels, 5);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int c = 0; c < channels; c++) {
          int i = (y * W + x) * channels + c;
          px[i] = x < 32 ? 0 : x >= 64 ? (byte) 255 : px[i];
        }
      }
    }
    return px;
  }

  @Test
  void blackAndWhiteInteriorsRestoreExactlyAtEveryQuality() {
    for (int channels : new int[] {1, 3}) {
      byte[] px = picture(channels);
      byte[] out = new byte[px.length];
      for (int h = 0; h <= 10000; h += h < 3000 || h >= 4000 ? 37 : 1) {
        byte[] coded = LossyCodec.encodeHundredths(px, W, H, channels, h);
        LossyCodec.decode(coded, 0, coded.length, W, H, channels, out);
        // Interiors, where lapping and deblocking see flat blocks only, in 4:2:0 chroma too
        // (one chroma block, 16 samples, from the textured middle).
        for (int y = 0; y < H; y++) {
          for (int c = 0; c < channels; c++) {
            assertEquals(0, out[(y * W + 4) * channels + c] & 0xFF,
                channels + " channels, " + h + " hundredths, black at y " + y);
            assertEquals(0, out[(y * W + 11) * channels + c] & 0xFF);
            assertEquals(255, out[(y * W + 88) * channels + c] & 0xFF,
                channels + " channels, " + h + " hundredths, white at y " + y);
            assertEquals(255, out[(y * W + 95) * channels + c] & 0xFF);
          }
        }
      }
    }
  }

  @Test
  void onlyBlocksAtAnEndMove() {
    short[] out = new short[64];
    int[] flat = new int[64];
    flat[0] = Quantizer.FLAT_BLACK_DC;
    out[0] = -60; // 60 * 17 = 1020 < 16344 / 16: restored as 1
    Quantizer.snapFlatEnd(flat, 17 * 16, out, 0);
    assertEquals(-61, out[0]);
    out[0] = -64; // already past the end
    Quantizer.snapFlatEnd(flat, 16 * 16, out, 0);
    assertEquals(-64, out[0]);
    flat[5] = 1; // one AC value: not flat
    out[0] = -60;
    Quantizer.snapFlatEnd(flat, 17 * 16, out, 0);
    assertEquals(-60, out[0]);
    flat[5] = 0;
    flat[0] = Quantizer.FLAT_WHITE_DC;
    out[0] = 59; // 59 * 17 = 1003: restored as 253.4
    Quantizer.snapFlatEnd(flat, 17 * 16, out, 0);
    assertEquals(60, out[0]);
  }
}
