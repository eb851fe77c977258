package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes at 1/2, 1/4 and 1/8 ({@link DecodeOptions#jpegShrink()}) give djpeg {@code -scale 1/n}'s
 * pixels exactly (libjpeg-turbo 2.1.5, its C code path: JSIMD_FORCENONE=1), on every conformance
 * file: 4:2:0, 4:2:2, 4:4:0, 4:1:1, 4:4:4, grey, CMYK, progressive with block smoothing,
 * arithmetic, restart intervals, odd sizes. The SHA-256 of each of djpeg's outputs (as this
 * decoder's RGBA without alpha, or grey) is kept in {@code testdata/jpeg/shrunk.sha256}, so the
 * check runs without djpeg; with djpeg installed, each is compared with a fresh djpeg run too
 * ({@code -Dshrunk.write=true} rewrites the file from djpeg).
 */
class ShrunkDecodeTest {
  private static final int[] SHRINKS = {2, 4, 8};
  @TempDir static Path tmp;

  static List<String> files() {
    return TestFiles.conformanceFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void equalsDjpegScaled(String name) throws Exception {
    byte[] data = TestFiles.read(TestFiles.jpeg(name));
    Map<String, String> kept = kept();
    boolean djpeg = Djpeg.available();
    int checked = 0;
    DecodedImage full = JpegDecoder.decode(data, DecodeOptions.DEFAULT);
    for (int n : SHRINKS) {
      DecodedImage d = JpegDecoder.decode(data, DecodeOptions.DEFAULT.withJpegShrink(n));
      Image im = d.image();
      assertEquals((full.image().width() + n - 1) / n, im.width(), name + " 1/" + n);
      assertEquals((full.image().height() + n - 1) / n, im.height(), name + " 1/" + n);
      String key = name + " 1/" + n;
      String ours = sha256(samples(im));
      String want = kept.get(key);
      if ("none".equals(want)) {
        continue; // djpeg writes no PNM of it (CMYK)
      }
      if (djpeg) {
        int[] size = new int[2];
        int[] ref = djpeg(data, n, size);
        assertNotNull(ref, key + ": djpeg wrote nothing");
        assertEquals(size[0], im.width(), key);
        assertEquals(size[1], im.height(), key);
        int[] diff = Diff.maxDiff(im.rgba(), ref);
        assertEquals(0, diff[0], key + ": " + Diff.describe(diff));
        checked++;
      }
      if (!Boolean.getBoolean("shrunk.write")) {
        assertNotNull(want, key + " has no kept hash (run with -Dshrunk.write=true and djpeg)");
        assertEquals(want, ours, key);
        checked++;
      }
    }
    assertTrue(checked > 0);
  }

  /** Writes testdata/jpeg/shrunk.sha256 from djpeg, when asked to. */
  @Test
  void writeKeptHashes() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("shrunk.write") && Djpeg.available());
    StringBuilder sb = new StringBuilder();
    sb.append("# SHA-256 of djpeg -scale 1/n (libjpeg-turbo 2.1.5, JSIMD_FORCENONE=1) of each\n")
        .append("# conformance file, its samples as RGB or grey: ShrunkDecodeTest\n");
    for (String name : files()) {
      byte[] data = TestFiles.read(TestFiles.jpeg(name));
      for (int n : SHRINKS) {
        int[] size = new int[2];
        int[] ref = djpeg(data, n, size);
        if (ref == null) {
          sb.append("none").append(" ".repeat(62)).append("  ").append(name).append(" 1/")
              .append(n).append('\n');
          continue;
        }
        byte[] rgba = new byte[ref.length];
        for (int i = 0; i < ref.length; i++) {
          rgba[i] = (byte) ref[i];
        }
        sb.append(sha256(samples(new Image(size[0], size[1], rgba)))).append("  ").append(name)
            .append(" 1/").append(n).append('\n');
      }
    }
    Files.writeString(TestFiles.root().resolve("jpeg/shrunk.sha256"), sb.toString());
  }

  @Test
  void refusesOtherShrinks() {
    for (int n : new int[] {0, 3, 16, -2}) {
      assertThrows(IllegalArgumentException.class,
          () -> new DecodeOptions(Limits.DEFAULT, false, n));
    }
  }

  private static Map<String, String> kept() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    Path p = TestFiles.root().resolve("jpeg/shrunk.sha256");
    if (!Files.exists(p)) {
      return m;
    }
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      m.put(line.substring(66), line.substring(0, 64).trim());
    }
    return m;
  }

  /** The image's samples as djpeg writes them: grey when R = G = B everywhere, else RGB. */
  private static byte[] samples(Image im) {
    byte[] rgba = im.rgba();
    boolean grey = true;
    for (int i = 0; i < rgba.length && grey; i += 4) {
      grey = rgba[i] == rgba[i + 1] && rgba[i] == rgba[i + 2];
    }
    int per = grey ? 1 : 3;
    byte[] out = new byte[rgba.length / 4 * per];
    for (int i = 0, o = 0; i < rgba.length; i += 4) {
      for (int c = 0; c < per; c++) {
        out[o++] = rgba[i + c];
      }
    }
    return out;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static int[] djpeg(byte[] data, int n, int[] size) throws Exception {
    Path jpg = Files.createTempFile(tmp, "in", ".jpg");
    Path ppm = Files.createTempFile(tmp, "out", ".pnm");
    Files.write(jpg, data);
    Djpeg.Run run = Djpeg.run(jpg, ppm, n);
    assertTrue(run.exitCode() >= 0, "djpeg hung");
    return run.exitCode() == 0 && Files.size(ppm) > 0 ? Pnm.read(ppm, size) : null;
  }
}
