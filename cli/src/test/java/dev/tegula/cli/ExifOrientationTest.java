package dev.tegula.cli;

import dev.tegula.core.Exif;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {
  /** A TIFF header and an IFD0 holding one entry: tag, type SHORT, count 1, the value. */
  private static byte[] tiff(boolean little, int tag, int type, int value) {
    byte[] b = new byte[8 + 2 + 12 + 4];
    b[0] = b[1] = (byte) (little ? 'I' : 'M');
    put16(b, 2, 42, little);
    put16(b, 4, 0, little);
    put16(b, little ? 4 : 6, 8, little);
    put16(b, 8, 1, little);
    put16(b, 10, tag, little);
    put16(b, 12, type, little);
    put16(b, little ? 14 : 16, 1, little);
    put16(b, 18, value, little);
    return b;
  }

  private static void put16(byte[] b, int at, int v, boolean little) {
    b[at] = (byte) (little ? v : v >> 8);
    b[at + 1] = (byte) (little ? v >> 8 : v);
  }

  @Test
  void resetsOrientationInBothByteOrders() {
    for (boolean little : new boolean[] {true, false}) {
      byte[] six = tiff(little, 0x0112, 3, 6);
      byte[] upright = Exif.withUprightOrientation(six);
      assertArrayEquals(tiff(little, 0x0112, 3, 1), upright);
      assertEquals(6, six[little ? 18 : 19], "the input is not modified");
    }
  }

  @Test
  void leavesOtherDataAlone() {
    byte[] otherTag = tiff(true, 0x0110, 3, 6);
    assertSame(otherTag, Exif.withUprightOrientation(otherTag));
    byte[] notTiff = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertSame(notTiff, Exif.withUprightOrientation(notTiff));
    byte[] ifdOutside = tiff(false, 0x0112, 3, 6);
    ifdOutside[7] = 100;
    assertSame(ifdOutside, Exif.withUprightOrientation(ifdOutside));
    byte[] truncated = java.util.Arrays.copyOf(tiff(true, 0x0112, 3, 6), 15);
    assertSame(truncated, Exif.withUprightOrientation(truncated));
  }
}
