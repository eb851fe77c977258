package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder's inverse lapping runs its iterations as a wavefront down the plane (session 23);
 * it must give exactly what the plain form gives: every iteration over the whole plane, then the
 * rounding and clamp. And the blur's two forms, HotSpot's passes and the scalar pass the
 * WebAssembly build runs ({@link dev.tegula.core.Platform}), give the same integers.
 */
class LappingFilterTest {
  /** The plain form, as the encoder computed it before session 23. */
  private static short[] invertWholePlanes(short[] x, int w, int h, int iterations) {
    int n = w * h;
    int[] y = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i] << 4;
    }
    LappingFilter.Rows rows = new LappingFilter.Rows(w);
    int[] row = new int[w];
    for (int it = 0; it < iterations; it++) {
      for (int yy = 0; yy < h; yy++) {
        LappingFilter.lappedRow(y, w, h, yy, row, rows);
        System.arraycopy(row, 0, b, yy * w, w);
      }
      for (int i = 0; i < n; i++) {
        y[i] += (x[i] << 4) - b[i];
      }
    }
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      int v = (y[i] + 8) >> 4;
      out[i] = (short) (v < -256 ? -256 : v > 511 ? 511 : v);
    }
    return out;
  }

  @Test
  void wavefrontEqualsWholePlaneIterations() {
    Random random = new Random(23);
    // heights below the iteration count and the ring's three rows, one-sample planes, and planes
    // whose sharpening leaves 0..255 (noise and hard edges), where the clamp decides
    int[][] sizes = {{1, 1}, {8, 1}, {1, 8}, {8, 2}, {16, 3}, {9, 4}, {64, 64}, {136, 40}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      for (int kind = 0; kind < 3; kind++) {
        short[] x = new short[w * h];
        for (int i = 0; i < x.length; i++) {
          x[i] = (short) switch (kind) {
            case 0 -> random.nextInt(256);
            case 1 -> ((i % w) / 3 + i / w) % 2 == 0 ? 0 : 255;
            default -> 128 + (int) (40 * Math.sin(i * 0.37));
          };
        }
        short[] expected = invertWholePlanes(x, w, h, 3);
        LappingFilter.invert(x, w, h);
        assertArrayEquals(expected, x, w + "x" + h + " kind " + kind);
      }
    }
  }

  @Test
  void scalarBlurEqualsPasses() {
    Random random = new Random(52);
    for (int w : new int[] {1, 2, 3, 7, 8, 64, 333}) {
      LappingFilter.Rows rows = new LappingFilter.Rows(w);
      for (int trial = 0; trial < 20; trial++) {
        // the encoder's rows are in 1/16 and leave 0..255 when sharpened
        int span = trial % 2 == 0 ? 256 : 16 * 768;
        int[] u = new int[w + 5];
        int[] m = new int[w + 9];
        int[] d = new int[w];
        for (int[] a : new int[][] {u, m, d}) {
          for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(span) - (trial % 2 == 0 ? 0 : 16 * 256);
          }
        }
        int[] expected = new int[w];
        LappingFilter.blurPasses(java.util.Arrays.copyOfRange(u, 5, w + 5),
            java.util.Arrays.copyOfRange(m, 9, w + 9), d, w, expected, rows);
        int[] actual = new int[w];
        LappingFilter.blurScalar(u, 5, m, 9, d, 0, w, actual);
        assertArrayEquals(expected, actual, "width " + w + " trial " + trial);
      }
    }
  }
}
