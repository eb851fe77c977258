package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RgbaTargetTest {
  /** Every pixel different: index-derived R, G, B and A. */
  private static Image numbered(int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = (byte) (i * 7 + i / 251);
    }
    return new Image(w, h, rgba);
  }

  private static int[] packedRow(Image image, int y) {
    int w = image.width();
    byte[] b = image.rgba();
    int[] px = new int[w + 3]; // longer than the width: only the first w count
    for (int x = 0; x < w; x++) {
      int o = (y * w + x) * 4;
      px[x] = (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }
    px[w] = -1;
    return px;
  }

  private static byte[] bytes(BufferTarget t) {
    ByteBuffer b = t.buffer();
    byte[] out = new byte[t.width() * t.height() * 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  @Test
  void rowsLandWhereOrientationPutsThem() {
    for (int[] size : new int[][] {{5, 3}, {1, 4}, {4, 1}, {1, 1}, {7, 7}}) {
      Image stored = numbered(size[0], size[1]);
      for (int orientation = 1; orientation <= 8; orientation++) {
        Image upright = Orientation.apply(stored, orientation);
        ImageTarget image = new ImageTarget();
        BufferTarget buffer = new BufferTarget();
        image.start(stored.width(), stored.height(), orientation);
        buffer.start(stored.width(), stored.height(), orientation);
        // rows in reverse order: a target must not depend on their order
        for (int y = stored.height() - 1; y >= 0; y--) {
          image.row(y, packedRow(stored, y));
          buffer.row(y, packedRow(stored, y));
        }
        String what = size[0] + "x" + size[1] + " orientation " + orientation;
        assertEquals(upright.width(), image.image().width(), what);
        assertEquals(upright.height(), image.image().height(), what);
        assertArrayEquals(upright.rgba(), image.image().rgba(), what);
        assertEquals(upright.width(), buffer.width(), what);
        assertEquals(upright.height(), buffer.height(), what);
        assertArrayEquals(upright.rgba(), bytes(buffer), what);
      }
    }
  }

  /** Rows given in interlace passes (Adam7's starts and steps), every orientation. */
  @Test
  void partsOfRowsLandWhereOrientationPutsThem() {
    int[][] passes = {{0, 8, 0, 8}, {4, 8, 0, 8}, {0, 4, 4, 8}, {2, 4, 0, 4}, {0, 2, 2, 4},
        {1, 2, 0, 2}, {0, 1, 1, 2}}; // x0, dx, y0, dy
    Image stored = numbered(11, 9);
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferTarget t = new BufferTarget();
      t.start(11, 9, orientation);
      for (int[] p : passes) {
        for (int y = p[2]; y < 9; y += p[3]) {
          int[] whole = packedRow(stored, y);
          int[] part = new int[11];
          int n = 0;
          for (int x = p[0]; x < 11; x += p[1]) {
            part[n++] = whole[x];
          }
          t.row(y, part, p[0], p[1], n);
        }
      }
      assertArrayEquals(Orientation.apply(stored, orientation).rgba(), bytes(t),
          "orientation " + orientation);
    }
    ImageTarget i = new ImageTarget();
    i.start(3, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> i.row(0, new int[3], 1, 2, 2));
    i.row(0, new int[3], 1, 2, 1);
  }

  @Test
  void putImageCopiesAnUprightImage() {
    Image source = numbered(6, 4);
    BufferTarget t = new BufferTarget();
    t.putImage(source);
    assertArrayEquals(source.rgba(), bytes(t));
    ImageTarget i = new ImageTarget();
    i.putImage(source);
    assertArrayEquals(source.rgba(), i.image().rgba());
  }

  @Test
  void aBufferTargetMayHandOutALargerBuffer() {
    BufferTarget t = new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes + 100);
      }
    };
    Image source = numbered(3, 2);
    t.putImage(source);
    assertArrayEquals(source.rgba(), bytes(t));
  }

  @Test
  void misuseIsRefused() {
    ImageTarget t = new ImageTarget();
    assertThrows(IllegalStateException.class, () -> t.row(0, new int[4]));
    assertThrows(IllegalArgumentException.class, () -> t.start(0, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> t.start(3, 3, 9));
    t.start(4, 2, 1);
    assertThrows(IllegalStateException.class, () -> t.start(4, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> t.row(2, new int[4]));
    assertThrows(IllegalArgumentException.class, () -> t.row(0, new int[3]));
    BufferTarget small = new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes - 1);
      }
    };
    assertThrows(IllegalStateException.class, () -> small.start(2, 2, 1));
  }
}
