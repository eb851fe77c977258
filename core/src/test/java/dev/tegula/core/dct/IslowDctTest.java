package dev.tegula.core.dct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class IslowDctTest {
  private static int[] randomBlock(Random rnd, int lo, int hi) {
    int[] b = new int[64];
    for (int i = 0; i < 64; i++) {
      b[i] = lo + rnd.nextInt(hi - lo + 1);
    }
    return b;
  }

  /** The tgl path: samples scaled up by PASS1_BITS, then the two passes in place. */
  private static void forward(int[] block) {
    for (int i = 0; i < 64; i++) {
      block[i] <<= IslowDct.PASS1_BITS;
    }
    IslowDct.forwardRows(block, 0, 8, block);
    IslowDct.forwardColumns(block);
  }

  /**
   * The .tgl forward transform is normative (docs/format-lossy.md §5): this CRC of 10000 seeded
   * random blocks was computed by the transform as it stood in tgl's Dct before it moved here.
   */
  @Test
  void forwardMatchesThePreviousTglTransform() {
    Random rnd = new Random(12345);
    CRC32 crc = new CRC32();
    for (int t = 0; t < 10000; t++) {
      int[] b = randomBlock(rnd, -128, 127);
      forward(b);
      for (int v : b) {
        crc.update(v);
        crc.update(v >> 8);
      }
    }
    assertEquals(0x3636c112L, crc.getValue());
  }

  /** jfdctint's output is 8x the orthonormal 2-D DCT, within one unit (measured: 1). */
  @Test
  void forwardIsEightTimesTheOrthonormalDct() {
    Random rnd = new Random(7);
    int worst = 0;
    for (int t = 0; t < 500; t++) {
      int[] x = randomBlock(rnd, -128, 127);
      int[] f = x.clone();
      forward(f);
      for (int v = 0; v < 8; v++) {
        for (int u = 0; u < 8; u++) {
          double s = 0;
          for (int y = 0; y < 8; y++) {
            for (int xx = 0; xx < 8; xx++) {
              s += x[y * 8 + xx] * Math.cos((2 * xx + 1) * u * Math.PI / 16)
                  * Math.cos((2 * y + 1) * v * Math.PI / 16);
            }
          }
          double cu = u == 0 ? Math.sqrt(0.125) : 0.5;
          double cv = v == 0 ? Math.sqrt(0.125) : 0.5;
          int want = (int) Math.round(8 * cu * cv * s);
          worst = Math.max(worst, Math.abs(f[v * 8 + u] - want));
        }
      }
    }
    assertTrue(worst <= 1, "largest deviation from 8x the exact DCT: " + worst);
  }

  /**
   * The shared pass 1 takes input with PASS1_BITS fractional bits instead of scaling up itself;
   * on input that is exactly 4x the samples it must equal jfdctint's pass 1 on the samples (DC
   * shifted up, AC descaled by CONST_BITS - PASS1_BITS), written out here from jfdctint.c.
   */
  @Test
  void pass1OnScaledInputIsJfdctintPass1() {
    Random rnd = new Random(3);
    int[] ws = new int[64];
    for (int t = 0; t < 20000; t++) {
      int[] x = randomBlock(rnd, -128, 127);
      int[] scaled = new int[64];
      for (int i = 0; i < 64; i++) {
        scaled[i] = x[i] << IslowDct.PASS1_BITS;
      }
      IslowDct.forwardRows(scaled, 0, 8, ws);
      for (int r = 0; r < 8; r++) {
        assertArrayEquals(jfdctintRow(x, r * 8), java.util.Arrays.copyOfRange(ws, r * 8, r * 8 + 8));
      }
    }
  }

  private static int[] jfdctintRow(int[] d, int i) {
    final int cb = IslowDct.CONST_BITS;
    final int pb = IslowDct.PASS1_BITS;
    int tmp0 = d[i] + d[i + 7];
    int tmp7 = d[i] - d[i + 7];
    int tmp1 = d[i + 1] + d[i + 6];
    int tmp6 = d[i + 1] - d[i + 6];
    int tmp2 = d[i + 2] + d[i + 5];
    int tmp5 = d[i + 2] - d[i + 5];
    int tmp3 = d[i + 3] + d[i + 4];
    int tmp4 = d[i + 3] - d[i + 4];
    int tmp10 = tmp0 + tmp3;
    int tmp13 = tmp0 - tmp3;
    int tmp11 = tmp1 + tmp2;
    int tmp12 = tmp1 - tmp2;
    int[] o = new int[8];
    o[0] = (tmp10 + tmp11) << pb;
    o[4] = (tmp10 - tmp11) << pb;
    int z1 = (tmp12 + tmp13) * 4433;
    o[2] = descale(z1 + tmp13 * 6270, cb - pb);
    o[6] = descale(z1 - tmp12 * 15137, cb - pb);
    z1 = tmp4 + tmp7;
    int z2 = tmp5 + tmp6;
    int z3 = tmp4 + tmp6;
    int z4 = tmp5 + tmp7;
    int z5 = (z3 + z4) * 9633;
    tmp4 *= 2446;
    tmp5 *= 16819;
    tmp6 *= 25172;
    tmp7 *= 12299;
    z1 *= -7373;
    z2 *= -20995;
    z3 = z3 * -16069 + z5;
    z4 = z4 * -3196 + z5;
    o[7] = descale(tmp4 + z1 + z3, cb - pb);
    o[5] = descale(tmp5 + z2 + z4, cb - pb);
    o[3] = descale(tmp6 + z2 + z3, cb - pb);
    o[1] = descale(tmp7 + z1 + z4, cb - pb);
    return o;
  }

  private static int descale(int x, int n) {
    return (x + (1 << (n - 1))) >> n;
  }

  /** The row pass reads a strided plane or works in place; both give the same coefficients. */
  @Test
  void stridedInputEqualsInPlace() {
    Random rnd = new Random(5);
    int stride = 29;
    int[] plane = new int[stride * 8 + 3];
    for (int i = 0; i < plane.length; i++) {
      plane[i] = rnd.nextInt(1024) - 512;
    }
    int off = 3;
    int[] ws = new int[64];
    IslowDct.forwardRows(plane, off, stride, ws);
    IslowDct.forwardColumns(ws);
    int[] inPlace = new int[64];
    for (int r = 0; r < 8; r++) {
      System.arraycopy(plane, off + r * stride, inPlace, r * 8, 8);
    }
    IslowDct.forwardRows(inPlace, 0, 8, inPlace);
    IslowDct.forwardColumns(inPlace);
    assertArrayEquals(ws, inPlace);
  }

  /**
   * The inverse column pass is 4x (PASS1_BITS) the orthonormal 1-D inverse DCT of each column,
   * within a unit, with and without jidctint's all-zero-AC shortcut.
   */
  @Test
  void inverseColumnsIsFourTimesTheOrthonormalIdct() {
    Random rnd = new Random(9);
    int worst = 0;
    for (int t = 0; t < 2000; t++) {
      int[] c = new int[64];
      for (int k = 0; k < 64; k++) {
        boolean keep = (t % 2 == 0) ? rnd.nextInt(3) == 0 : k < 8;
        c[k] = keep ? rnd.nextInt(2048) - 1024 : 0;
      }
      int[] ws = c.clone();
      IslowDct.inverseColumns(ws);
      for (int x = 0; x < 8; x++) {
        for (int y = 0; y < 8; y++) {
          double s = 0;
          for (int v = 0; v < 8; v++) {
            double cv = v == 0 ? Math.sqrt(0.125) : 0.5;
            s += cv * c[v * 8 + x] * Math.cos((2 * y + 1) * v * Math.PI / 16);
          }
          worst = Math.max(worst, Math.abs(ws[y * 8 + x] - (int) Math.round(4 * s * Math.sqrt(8))));
        }
      }
    }
    assertTrue(worst <= 1, "largest deviation from 4x the exact column IDCT: " + worst);
  }
}
