package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance file cut at many offsets and with bytes flipped, deterministically (a few
 * hundred variants per file): decoding and readInfo either return a well-formed result or throw a
 * TegulaException; nothing else, and never the decoder's internal-error safety net.
 */
class MutationTest {
  static final DecodeOptions OPTIONS =
      new DecodeOptions(Limits.DEFAULT.withMaxPixels(4_000_000), true);

  static List<String> files() {
    return TestFiles.conformanceFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void cutsAndFlips(String name) {
    byte[] data = TestFiles.read(TestFiles.jpeg(name));
    long seed = name.hashCode();
    int variants = data.length > 100_000 ? 60 : 300;
    int n = data.length;
    for (int v = 0; v < variants; v++) {
      seed = next(seed);
      byte[] m;
      if (v < variants / 3) {
        // Cuts spread over the whole file, denser in the headers.
        int cut = v < variants / 6 ? (int) ((seed >>> 33) % Math.min(n, 2048))
            : (int) ((seed >>> 33) % n);
        m = java.util.Arrays.copyOf(data, cut);
      } else {
        m = data.clone();
        int flips = 1 + (int) ((seed >>> 60) & 3);
        for (int f = 0; f < flips; f++) {
          seed = next(seed);
          int p = (int) ((seed >>> 33) % n);
          int kind = (int) ((seed >>> 20) & 3);
          if (kind == 0) {
            m[p] = (byte) 0xFF;
          } else if (kind == 1) {
            m[p] = (byte) (seed >>> 8);
          } else {
            m[p] ^= (byte) (1 << ((seed >>> 12) & 7));
          }
        }
      }
      check(name + " variant " + v, m);
    }
  }

  static void check(String what, byte[] m) {
    try {
      DecodedImage d = JpegDecoder.decode(m, OPTIONS);
      assertNotNull(d.image(), what);
      assertNotNull(d.info(), what);
      assertNotNull(d.metadata(), what);
      assertEquals(d.image().width() * d.image().height() * 4, d.image().rgba().length, what);
      assertTrue(d.image().isOpaque(), what);
      if (!d.complete()) {
        assertNotNull(d.warning(), what);
      }
    } catch (TegulaException e) {
      assertNotNull(e.getMessage(), what);
      assertFalse(e.getMessage().contains("internal decoder error"), what + ": " + e.getMessage());
    }
    try {
      ImageInfo i = JpegDecoder.readInfo(m, OPTIONS.limits());
      assertTrue(i.width() > 0 && i.height() > 0, what);
    } catch (TegulaException e) {
      assertFalse(e.getMessage().contains("internal decoder error"), what + ": " + e.getMessage());
    }
  }

  /** SplitMix64 step. */
  static long next(long s) {
    long z = s + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
