package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The table form, which the Wasm build runs, against java.util.zip.CRC32 (what HotSpot runs). */
class Crc32Test {
  @Test
  void checkValue() {
    byte[] nine = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xCBF43926L, ~Crc32.sliced(~0, nine, 0, 9) & 0xFFFFFFFFL);
    assertEquals(0xCBF43926L, Crc32.of(nine, 0, 9));
  }

  @Test
  void slicedEqualsJdkAtEveryOffsetAndLength() {
    Random random = new Random(52);
    byte[] data = new byte[300];
    random.nextBytes(data);
    for (int off = 0; off < 17; off++) {
      for (int len = 0; off + len <= data.length; len += 1 + len / 8) {
        CRC32 jdk = new CRC32();
        jdk.update(data, off, len);
        assertEquals(jdk.getValue(), ~Crc32.sliced(~0, data, off, len) & 0xFFFFFFFFL,
            off + "+" + len);
      }
    }
  }

  @Test
  void slicedContinuesAcrossUpdates() {
    Random random = new Random(7);
    byte[] data = new byte[1000];
    random.nextBytes(data);
    CRC32 jdk = new CRC32();
    jdk.update(data, 0, data.length);
    int c = ~0;
    for (int at = 0, step = 1; at < data.length; at += step, step = step * 3 % 97 + 1) {
      c = Crc32.sliced(c, data, at, Math.min(step, data.length - at));
    }
    assertEquals(jdk.getValue(), ~c & 0xFFFFFFFFL);
  }

  @Test
  void resetStartsOver() {
    byte[] data = {1, 2, 3, 4, 5};
    Crc32 crc = new Crc32();
    crc.update(data, 0, 5);
    crc.reset();
    crc.update(data, 1, 3);
    assertEquals(Crc32.of(data, 1, 3), crc.getValue());
  }

  @Test
  void rangeOutsideTheArrayIsRefused() {
    assertThrows(IndexOutOfBoundsException.class, () -> Crc32.sliced(~0, new byte[4], 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> Crc32.sliced(~0, new byte[4], -1, 1));
  }
}
