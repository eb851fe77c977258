package dev.tegula.tgl.lossless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The inputs behind the committed coded payloads in {@code golden/} (test resources): the
 * pixels are rebuilt here from the repository's test data and a fixed pattern generator, so a
 * decoder change that alters any sample shows up as a failing comparison.
 *
 * <p>Each case has two payloads: {@code name.bin} by the strongest method (method 1, effort 4)
 * and {@code name.fast.bin} by the fast method (method 2, effort 1: the default effort would
 * give method 1 to the few-colour cases).
 * {@code main} rewrites the payloads; run it only when the format changes on purpose (and say so
 * in format-lossless.md).
 */
final class GoldenCases {
  private GoldenCases() {}

  record Case(String name, int[] samples, int width, int height, int channels, int depth) {}

  static List<Case> all() throws IOException {
    Path photos = TestImages.testdata().resolve("photos");
    TestImages.Samples astronaut = TestImages.read(photos.resolve("astronaut.png"));
    TestImages.Samples flower = TestImages.read(photos.resolve("flower.png"));
    int[] grey = new int[96 * 64];
    int[] rgb = TestImages.crop(flower, 500, 300, 96, 64);
    for (int i = 0; i < grey.length; i++) {
      grey[i] = (rgb[3 * i] * 77 + rgb[3 * i + 1] * 150 + rgb[3 * i + 2] * 29) >> 8;
    }
    int[] wide = TestImages.crop(astronaut, 300, 260, 40, 30);
    for (int i = 0; i < wide.length; i++) {
      wide[i] *= 257;
    }
    int[] seed = {2024};
    return List.of(
        new Case("astronaut_rgb8", TestImages.crop(astronaut, 180, 120, 80, 72), 80, 72, 3, 8),
        new Case("flower_grey8", grey, 96, 64, 1, 8),
        new Case("mixed_rgba16", LosslessCodecTest.pattern(5, 37, 29, 4, 16, seed), 37, 29, 4, 16),
        new Case("noise_greyalpha8", LosslessCodecTest.pattern(0, 19, 23, 2, 8, seed), 19, 23, 2,
            8),
        new Case("gradient_rgb16", LosslessCodecTest.pattern(4, 50, 40, 3, 16, seed), 50, 40, 3,
            16),
        new Case("checker_rgb8", LosslessCodecTest.pattern(3, 33, 17, 3, 8, seed), 33, 17, 3, 8),
        new Case("scaled_rgb16", wide, 40, 30, 3, 16));
  }

  static Path dir() {
    return Path.of("src", "test", "resources", "dev", "tegula", "tgl", "lossless", "golden");
  }

  /** Rewrites the golden payloads (run from the tgl module directory). */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(dir());
    for (Case c : all()) {
      byte[] coded = LosslessCodec.encode(c.samples(), c.width(), c.height(), c.channels(),
          c.depth(), LosslessCodec.MAX_EFFORT);
      Files.write(dir().resolve(c.name() + ".bin"), coded);
      byte[] fast = LosslessCodec.encode(c.samples(), c.width(), c.height(), c.channels(),
          c.depth(), 1);
      Files.write(dir().resolve(c.name() + ".fast.bin"), fast);
      System.out.println(c.name() + ": " + coded.length + " bytes, fast " + fast.length);
    }
  }
}
