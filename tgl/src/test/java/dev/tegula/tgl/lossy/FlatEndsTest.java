package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Flat black and white areas restore exactly at every quality ({@link Quantizer#clampAwareDc}). */
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
  void aFlatBlockTakesTheDcWhoseClampedValueIsNearestItsMean() {
    int step = 17 * 16; // a flat step of 17 / 8 levels
    int[] block = new int[64];
    short[] out = new short[64];
    block[0] = -128 * 64; // all 0: -60 decodes to 0.5 -> 1, -61 to -1.6 -> 0
    out[0] = -60;
    Quantizer.clampAwareDc(block, step, out, 0);
    assertEquals(-61, out[0]);
    assertEquals(0, Quantizer.flatSample(-61, step));
    block[0] = 127 * 64; // all 255: 59 decodes to 253.4 -> 253, 60 to 255.5 -> 255
    out[0] = 59;
    Quantizer.clampAwareDc(block, step, out, 0);
    assertEquals(60, out[0]);
    block[0] = (2 - 128) * 64; // mean 2: 0.5 (-> 1) is nearer than 2.6 (-> 3)? both 1 away; keep
    out[0] = -60;
    Quantizer.clampAwareDc(block, step, out, 0);
    assertEquals(-60, out[0]);
    block[0] = (100 - 128) * 64; // mid-range: the clamp changes nothing, rounding stands
    out[0] = -13;
    Quantizer.clampAwareDc(block, step, out, 0);
    assertEquals(-13, out[0]);
    block[0] = -128 * 64; // an AC value left: not flat, untouched
    out[0] = -60;
    out[7] = 1;
    Quantizer.clampAwareDc(block, step, out, 0);
    assertEquals(-60, out[0]);
  }
}
