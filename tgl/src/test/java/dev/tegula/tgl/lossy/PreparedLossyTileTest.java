package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link PreparedLossyTile} holds a tile's DCT coefficients as shorts: they fit. */
class PreparedLossyTileTest {
  /**
   * Each coefficient's largest magnitude comes from the block whose samples take the extreme
   * lapped value with the sign of that coefficient's basis function; none may overflow a short.
   */
  @Test
  void theLargestCoefficientsFitAShort() {
    int largest = 0;
    for (int u = 0; u < 8; u++) {
      for (int v = 0; v < 8; v++) {
        int[] block = new int[64];
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            double basis = Math.cos((2 * x + 1) * u * Math.PI / 16)
                * Math.cos((2 * y + 1) * v * Math.PI / 16);
            // lapped samples are clamped to -256..511: centred, -384..383
            block[y * 8 + x] = basis >= 0 ? 383 : -384;
          }
        }
        Dct.forward(block);
        largest = Math.max(largest, Math.abs(block[v * 8 + u]));
      }
    }
    assertTrue(largest <= Short.MAX_VALUE, "largest coefficient " + largest);
    assertTrue(largest >= 24000, "the bound is met closely: " + largest);
  }
}
