package dev.tegula.tgl.lossless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tegula.core.TegulaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One {@link LosslessScratch} serves every tile of a decode (issue 8): whatever the tiles
 * before it were (shape, channels, bit depth, method, damaged), a tile decodes to exactly what
 * it decodes to with fresh memory.
 */
class LosslessScratchTest {
  private record Tile(String name, int[] samples, byte[] coded, int w, int h, int c, int depth) {}

  @Test
  void oneScratchDecodesTilesOfEveryShapeMethodAndDepthInAnyOrder() {
    int[][] sizes = {{1, 1}, {3, 5}, {17, 33}, {64, 40}, {40, 64}, {100, 7}};
    int[] seed = {0x5C4A7C4};
    List<Tile> tiles = new ArrayList<>();
    for (int[] size : sizes) {
      for (int c = 1; c <= 4; c++) {
        for (int depth : new int[] {8, 16}) {
          for (int pattern : new int[] {0, 3, 5}) {
            int[] s = LosslessCodecTest.pattern(pattern, size[0], size[1], c, depth, seed);
            for (int effort : new int[] {1, 2, 4}) {
              tiles.add(new Tile(size[0] + "x" + size[1] + " c" + c + " d" + depth + " p"
                  + pattern + " e" + effort, s,
                  LosslessCodec.encode(s, size[0], size[1], c, depth, effort), size[0], size[1],
                  c, depth));
            }
          }
        }
      }
    }
    Collections.shuffle(tiles, new Random(8));
    LosslessScratch scratch = new LosslessScratch();
    for (int i = 0; i < tiles.size(); i++) {
      Tile t = tiles.get(i);
      if (i % 5 == 0) {
        // a damaged tile in between leaves the scratch half-used
        int[] junk = new int[t.w() * t.h() * t.c()];
        try {
          decode(t.coded(), t.coded().length * 2 / 3, t, junk, scratch);
        } catch (TegulaException expected) {
          // most cuts are refused; the next tile must not care
        }
      }
      int[] out = new int[t.samples().length];
      decode(t.coded(), t.coded().length, t, out, scratch);
      assertArrayEquals(t.samples(), out, t.name());
    }
  }

  private static void decode(byte[] coded, int length, Tile t, int[] out,
      LosslessScratch scratch) {
    int stride = t.w() * t.c();
    LosslessCodec.decode(coded, 0, length, t.w(), t.h(), t.c(), t.depth(),
        (y, row) -> System.arraycopy(row, 0, out, y * stride, stride), scratch);
  }
}
