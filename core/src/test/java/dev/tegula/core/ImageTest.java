package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageTest {
  @Test
  void greyIsRgbEqualAtTheDepthAsked() {
    byte[] grey8 = {10, 10, 10, (byte) 255, (byte) 200, (byte) 200, (byte) 200, 0};
    assertTrue(new Image(2, 1, grey8).isGrey(false));
    byte[] colour8 = grey8.clone();
    colour8[6] = (byte) 201;
    assertFalse(new Image(2, 1, colour8).isGrey(false));
    // equal at 8 bits (the high bytes), not at 16
    short[] near16 = {0x0A00, 0x0A01, 0x0A00, -1, (short) 0xC8C8, (short) 0xC8C8, (short) 0xC8C8, 0};
    Image sixteen = new Image(2, 1, grey8, near16);
    assertTrue(sixteen.isGrey(false));
    assertFalse(sixteen.isGrey(true));
    assertThrows(IllegalArgumentException.class, () -> new Image(2, 1, grey8).isGrey(true));
  }
}
