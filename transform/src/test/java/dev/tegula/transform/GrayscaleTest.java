package dev.tegula.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.Image;
import org.junit.jupiter.api.Test;

class GrayscaleTest {
  @Test
  void rec709LumaWithAlphaKept() {
    byte[] px = {(byte) 255, 0, 0, 10, 0, (byte) 255, 0, (byte) 255, 0, 0, (byte) 255, 0,
        (byte) 200, (byte) 100, 50, (byte) 128};
    Image out = Grayscale.convert(new Image(4, 1, px));
    int[] expected = {54, 182, 18, 118}; // 0.2126*255, 0.7152*255, 0.0722*255, and a mix
    int[] alpha = {10, 255, 0, 128};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], out.rgba()[i * 4] & 0xFF);
      assertEquals(expected[i], out.rgba()[i * 4 + 1] & 0xFF);
      assertEquals(expected[i], out.rgba()[i * 4 + 2] & 0xFF);
      assertEquals(alpha[i], out.rgba()[i * 4 + 3] & 0xFF);
    }
  }

  @Test
  void greyIsUnchanged() {
    for (int v = 0; v < 256; v++) {
      assertEquals(v, Grayscale.luma(v, v, v));
    }
    assertEquals(65535, Grayscale.luma(65535, 65535, 65535));
  }

  @Test
  void sixteenBitSamplesStayPrecise() {
    short[] s16 = {(short) 65535, 0, 0, (short) 65535};
    Image out = Grayscale.convert(new Image(1, 1, new byte[] {(byte) 255, 0, 0, (byte) 255}, s16));
    assertEquals(13933, out.rgba16()[0] & 0xFFFF);
    assertEquals(13933, out.rgba16()[2] & 0xFFFF);
    assertEquals(65535, out.rgba16()[3] & 0xFFFF);
  }
}
