package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Unfilter reverses every filter type; Adam7 passes cover every pixel exactly once. */
class UnfilterTest {

  @Test
  void encoderPaethPredictsAsTheDecoderForEveryTriple() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c = 0; c < 256; c++) {
          if (RowFilter.paeth(a, b, c) != Unfilter.predictPaeth(a, b, c)) {
            assertEquals(Unfilter.predictPaeth(a, b, c), RowFilter.paeth(a, b, c),
                "a " + a + " b " + b + " c " + c);
          }
        }
      }
    }
  }

  @Test
  void unfilterInvertsEachFilterType() {
    long seed = 99;
    for (int bpp = 1; bpp <= 8; bpp++) {
      for (int len : new int[] {1, bpp, bpp + 1, 37}) {
        byte[] prev = new byte[len + 1];
        byte[] row = new byte[len + 1];
        for (int i = 1; i <= len; i++) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          prev[i] = (byte) (seed >>> 40);
          row[i] = (byte) (seed >>> 50);
        }
        for (int type = 0; type <= 4; type++) {
          byte[] filtered = filter(type, row, prev, len, bpp);
          byte[] restored = filtered.clone();
          Unfilter.apply(restored, prev, len, bpp);
          restored[0] = 0;
          assertArrayEquals(row, restored, "type " + type + " bpp " + bpp + " len " + len);
        }
        // The encoder's filters and adaptive choices must invert too.
        for (int strategy = 0; strategy <= RowFilter.ENTROPY; strategy++) {
          byte[] chosen = new RowFilter(bpp, len).filter(row, prev, strategy).clone();
          Unfilter.apply(chosen, prev, len, bpp);
          chosen[0] = 0;
          assertArrayEquals(row, chosen, "strategy " + strategy);
        }
      }
    }
  }

  @Test
  void unknownFilterTypeIsReported() {
    byte[] row = {5, 1, 2};
    assertFalse(Unfilter.apply(row, new byte[3], 2, 1));
    row[0] = (byte) 0xFF;
    assertFalse(Unfilter.apply(row, new byte[3], 2, 1));
  }

  @Test
  void paethBreaksTiesTowardsLeftThenAbove() {
    assertEquals(10, Unfilter.predictPaeth(10, 10, 10));
    assertEquals(20, Unfilter.predictPaeth(10, 20, 10));
    assertEquals(10, Unfilter.predictPaeth(10, 20, 20));
    assertEquals(30, Unfilter.predictPaeth(30, 20, 15));
    assertEquals(25, Unfilter.predictPaeth(20, 30, 25));
  }

  @Test
  void adam7PassesCoverEveryPixelOnce() {
    for (int w = 1; w <= 17; w++) {
      for (int h = 1; h <= 17; h++) {
        int[] hits = new int[w * h];
        for (int p = 0; p < 7; p++) {
          int pw = Adam7.passWidth(w, true, p);
          int ph = Adam7.passHeight(h, true, p);
          for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
              int px = Adam7.startX(true, p) + x * Adam7.stepX(true, p);
              int py = Adam7.startY(true, p) + y * Adam7.stepY(true, p);
              hits[py * w + px]++;
            }
          }
        }
        for (int hit : hits) {
          assertEquals(1, hit, w + "x" + h);
        }
      }
    }
    assertEquals(1, Adam7.nonEmptyPasses(1, 1, true));
    assertEquals(0, Adam7.passWidth(1, true, 1));
    assertEquals(1, Adam7.passWidth(Integer.MAX_VALUE, false, 0) > 0 ? 1 : 0);
  }

  /** A straightforward filter for reference, written from §9.2 independently of RowFilter. */
  private static byte[] filter(int type, byte[] row, byte[] prev, int len, int bpp) {
    byte[] out = new byte[len + 1];
    out[0] = (byte) type;
    for (int i = 1; i <= len; i++) {
      int a = i - bpp >= 1 ? row[i - bpp] & 0xFF : 0;
      int b = prev[i] & 0xFF;
      int c = i - bpp >= 1 ? prev[i - bpp] & 0xFF : 0;
      int x = row[i] & 0xFF;
      int pred = switch (type) {
        case 0 -> 0;
        case 1 -> a;
        case 2 -> b;
        case 3 -> (a + b) / 2;
        default -> {
          int p = a + b - c;
          int pa = Math.abs(p - a);
          int pb = Math.abs(p - b);
          int pc = Math.abs(p - c);
          yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
      };
      out[i] = (byte) (x - pred);
    }
    return out;
  }
}
