package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.TegulaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged variants of every conformance file (cuts and flipped bytes) compared with djpeg itself,
 * when djpeg (libjpeg-turbo 2.1) is installed: wherever djpeg writes an image, ours must be
 * identical, whole and (three of the six variants) at 1/2, 1/4 and 1/8 ({@code -scale}). djpeg runs with JSIMD_FORCENONE=1, its C code path: damaged data can carry
 * coefficients no encoder produces, and for those the x86 SIMD IDCT (16-bit lanes, saturation)
 * differs from jidctint.c (32-bit, range-limit table), which is what this decoder implements.
 * Skipped (visibly) without djpeg.
 */
class DjpegDifferentialTest {
  static final int VARIANTS = 6;
  /** The decode size of variant v: 1 / SHRINKS[v % 6]. */
  private static final int[] SHRINKS = {1, 2, 1, 4, 1, 8};
  @TempDir static Path tmp;


  static List<String> files() {
    return TestFiles.conformanceFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void damagedVariantsMatchDjpeg(String name) throws Exception {
    Assumptions.assumeTrue(Djpeg.available(), "djpeg is not installed");
    byte[] data = TestFiles.read(TestFiles.jpeg(name));
    long seed = ~name.hashCode();
    int compared = 0;
    for (int v = 0; v < VARIANTS; v++) {
      seed = MutationTest.next(seed);
      byte[] m;
      if (v % 2 == 0) {
        m = java.util.Arrays.copyOf(data, (int) ((seed >>> 33) % data.length));
      } else {
        m = data.clone();
        int p = (int) ((seed >>> 33) % data.length);
        m[p] ^= (byte) (1 << ((seed >>> 8) & 7));
      }
      Path jpg = tmp.resolve(name + "." + v + ".jpg");
      Path ppm = tmp.resolve(name + "." + v + ".ppm");
      Files.write(jpg, m);
      // every other variant at a reduced size: the reduced IDCTs on damaged data too
      int shrink = SHRINKS[v % SHRINKS.length];
      Djpeg.Run run = Djpeg.run(jpg, ppm, shrink);
      if (run.exitCode() < 0) {
        continue;
      }
      String messages = run.messages();
      int rc = run.exitCode();
      if (rc == 1 || !Files.exists(ppm) || Files.size(ppm) == 0) {
        MutationTest.check(name + " variant " + v, m); // djpeg gave up: only the contract
        continue;
      }
      DecodedImage d;
      try {
        d = JpegDecoder.decode(m, DecodeOptions.DEFAULT.withJpegShrink(shrink));
      } catch (TegulaException e) {
        // djpeg makes a grey image of a file whose first scan header is cut short; we refuse.
        if (e.getMessage().contains("SOS segment")) {
          continue;
        }
        fail(name + " variant " + v + ": djpeg decoded it (" + messages.trim() + ") but we threw "
            + e.getMessage());
        return;
      }
      int[] size = new int[2];
      int[] ref = Pnm.read(ppm, size);
      assertEquals(size[0], d.image().width());
      assertEquals(size[1], d.image().height());
      int[] diff = Diff.maxDiff(d.image().rgba(), ref);
      assertEquals(0, diff[0], name + " variant " + v + " at 1/" + shrink + " (djpeg: "
          + messages.trim() + "): " + Diff.describe(diff));
      compared++;
    }
    System.out.println(name + ": " + compared + " damaged variants identical to djpeg");
  }
}
