package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Progressive scans over sparse blocks with long zero runs, written with Huffman tables that
 * have a code for every symbol (so nothing is refused): {@link ScanEncoder} writes what the
 * reference encoder ({@link LegacyScanEncoder}) writes. Refinement scans where more than 15, or
 * 31, zeros lie between two newly nonzero coefficients with coefficients owed correction bits
 * among them (ZRLs that carry correction bits, T.81 §G.1.2.3) are rare in the test files and
 * were once written wrong on photos only.
 */
class RefinementRunsTest {
  private static final int SIZE = 64; // 8 x 8 blocks, one component

  @Test
  void sparseBlocksMatchTheReference() {
    Random rnd = new Random(7);
    int compared = 0;
    for (int image = 0; image < 300; image++) {
      CoefficientImage img = new CoefficientImage(SIZE, SIZE, new int[] {1}, new int[] {1},
          new int[][] {flat()});
      short[] coef = img.coefficients[0];
      int density = 1 + rnd.nextInt(12);
      for (int b = 0; b < coef.length; b += 64) {
        coef[b] = (short) (rnd.nextInt(200) - 100);
        if (rnd.nextInt(5) == 0) {
          continue; // an empty block: end-of-band runs
        }
        for (int k = 1; k < 64; k++) {
          if (rnd.nextInt(64) < density) {
            int magnitude = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40) : 1 + rnd.nextInt(3);
            coef[b + JpegSyntax.ZIGZAG[k]] = (short) (rnd.nextBoolean() ? magnitude : -magnitude);
          }
        }
      }
      int al = rnd.nextInt(5); // 0-2 from BlockMasks.levels, above from the values
      JpegLayout layout = layout(al, rnd.nextInt(2) == 0 ? 0 : 1 + rnd.nextInt(10));
      byte[] mine = JpegRewriter.rewrite(layout, img, 4096, Limits.DEFAULT);
      byte[] reference = JpegRewriter.rewrite(layout, img, 4096, Limits.DEFAULT,
          LegacyScanEncoder::encode);
      assertArrayEquals(reference, mine, "image " + image);
      compared++;
    }
    assertTrue(compared == 300);
  }

  private static int[] flat() {
    int[] q = new int[64];
    java.util.Arrays.fill(q, 1);
    return q;
  }

  /**
   * SOI, DQT, SOF2, DHT (DC and AC tables with every symbol), optionally DRI,
   * then a DC scan, AC first scans of bands 1-5 and 6-63 at Al + 1, and AC refinement scans
   * down to Al 0 over 1-63, then EOI.
   */
  private static JpegLayout layout(int al, int restartInterval) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    write(head, 0xFF, 0xD8);
    segment(head, 0xDB, concat(new int[] {0}, ones(64)));
    segment(head, 0xC2, new int[] {8, 0, SIZE, 0, SIZE, 1, 1, 0x11, 0});
    segment(head, 0xC4, table(0x00, 16));
    segment(head, 0xC4, table(0x10, 256));
    if (restartInterval > 0) {
      segment(head, 0xDD, new int[] {0, restartInterval});
    }
    int first = al + 1;
    int[][] scans = new int[3 + first][];
    scans[0] = new int[] {0, 0, 0};
    scans[1] = new int[] {1, 5, first};
    scans[2] = new int[] {6, 63, first};
    for (int a = first - 1, s = 3; a >= 0; a--, s++) {
      scans[s] = new int[] {1, 63, ((a + 1) << 4) | a};
    }
    byte[][] pieces = new byte[scans.length][];
    ScanRecord[] records = new ScanRecord[scans.length];
    for (int s = 0; s < scans.length; s++) {
      ByteArrayOutputStream piece = s == 0 ? head : new ByteArrayOutputStream();
      segment(piece, 0xDA, new int[] {1, 1, 0x00, scans[s][0], scans[s][1], scans[s][2]});
      pieces[s] = piece.toByteArray();
      records[s] = new ScanRecord(new int[0], new int[0]);
    }
    return new JpegLayout(pieces, records, new byte[] {(byte) 0xFF, (byte) 0xD9});
  }

  /** A DHT body: class/id, then {@code symbols} symbols (0, 1, ...) with 9-bit codes. */
  private static int[] table(int classAndId, int symbols) {
    int[] t = new int[1 + 16 + symbols];
    t[0] = classAndId;
    t[9] = Math.min(symbols, 255); // a count is one byte: the 256th symbol gets a 10-bit code
    t[10] = symbols - t[9];
    for (int i = 0; i < symbols; i++) {
      t[17 + i] = i;
    }
    return t;
  }

  private static int[] ones(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void segment(ByteArrayOutputStream out, int marker, int[] body) {
    write(out, 0xFF, marker, (body.length + 2) >> 8, (body.length + 2) & 0xFF);
    for (int b : body) {
      out.write(b);
    }
  }

  private static void write(ByteArrayOutputStream out, int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
  }
}
