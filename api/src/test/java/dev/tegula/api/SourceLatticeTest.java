package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SourceLatticeTest {
  private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
      36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
      62, 63};

  @Test
  void decodedJpegsLumaStepsAreTheEncodersTable() throws Exception {
    byte[] jpg = Files.readAllBytes(TglFacadeTest.testdata("jpeg/size_1023x769_420.jpg"));
    int[] table = lumaTable(jpg);
    Image img = Tegula.decode(jpg).image();
    double[] steps = SsimCurve.of(img, true).sourceSteps();
    assertNotNull(steps, "a decoded JPEG is detected");
    int found = 0;
    for (int k = 1; k < 64; k++) {
      if (steps[k] > 0) {
        found++;
        assertEquals(table[k], steps[k], 0, "step at natural position " + k);
      }
    }
    assertTrue(found >= 10, "steps found at " + found + " positions");
  }

  @Test
  void plainPhotoIsNotADecodedJpeg() throws Exception {
    Image img = Tegula.decode(Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    assertNull(SsimCurve.of(img, true).sourceSteps());
  }

  /** Table 0 of the first DQT segment (T.81 §B.2.4.1), 8-bit, in natural order. */
  private static int[] lumaTable(byte[] jpg) {
    for (int i = 2; i + 4 < jpg.length; i++) {
      if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == 0xdb) {
        int p = i + 4;
        assertEquals(0, jpg[p] & 0xff, "8-bit table 0 first");
        int[] t = new int[64];
        for (int z = 0; z < 64; z++) {
          t[ZIGZAG[z]] = jpg[p + 1 + z] & 0xff;
        }
        return t;
      }
    }
    throw new AssertionError("no DQT");
  }
}
