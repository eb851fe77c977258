package dev.tegula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BenchInputsTest {
  @Test
  void mirrorTilingReflectsAtEverySeam() {
    int w = 3;
    int h = 2;
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      rgba[4 * i] = (byte) (10 * i); // red tells the source pixel apart
      rgba[4 * i + 3] = (byte) 255;
    }
    BufferedImage out = BenchInputs.mirrorTiled(new Image(w, h, rgba), 8, 5);
    // columns 0 1 2 | 2 1 0 | 0 1, rows 0 1 | 1 0 | 0
    int[] columns = {0, 1, 2, 2, 1, 0, 0, 1};
    int[] rows = {0, 1, 1, 0, 0};
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 8; x++) {
        int expected = 10 * (rows[y] * w + columns[x]);
        assertEquals(expected, (out.getRGB(x, y) >> 16) & 0xff, "pixel " + x + "," + y);
      }
    }
  }
}
