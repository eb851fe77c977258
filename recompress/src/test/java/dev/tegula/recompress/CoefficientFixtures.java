package dev.tegula.recompress;

import dev.tegula.core.Limits;
import dev.tegula.jpeg.CoefficientReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Coefficient images for the coder's tests: the repository's JPEGs decoded to coefficients. */
final class CoefficientFixtures {
  private CoefficientFixtures() {}

  static Path testdata() {
    String property = System.getProperty("tegula.testdata");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }

  /** Every .jpg of testdata/jpeg, sorted by name. */
  static List<Path> testJpegs() throws IOException {
    try (Stream<Path> s = Files.list(testdata().resolve("jpeg"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted()
          .collect(Collectors.toList());
    }
  }

  /** The JPEG's coefficients in the recompression interface's layout. */
  static CoefficientImage read(byte[] jpeg) {
    CoefficientReader.Coefficients k = CoefficientReader.read(jpeg, Limits.DEFAULT);
    CoefficientImage img = new CoefficientImage(k.width, k.height, k.h, k.v, k.quant);
    for (int c = 0; c < img.components; c++) {
      int bw = Math.min(img.blocksWide[c], k.blocksWide[c]);
      int bh = Math.min(img.blocksHigh[c], k.blocksHigh[c]);
      for (int by = 0; by < bh; by++) {
        System.arraycopy(k.coefficients[c], (by * k.blocksWide[c]) << 6, img.coefficients[c],
            img.blockOffset(c, 0, by), bw << 6);
      }
    }
    return img;
  }

  /** An image of the same geometry with zeroed coefficients. */
  static CoefficientImage emptyLike(CoefficientImage img) {
    return new CoefficientImage(img.width, img.height, img.h, img.v, img.quant);
  }

  /** Bytes of entropy-coded data in a JPEG file (scan data after each SOS, RSTn included). */
  static int entropyCodedBytes(byte[] d) {
    int i = 2;
    int total = 0;
    while (i < d.length - 3) {
      if ((d[i] & 0xFF) != 0xFF) {
        i++;
        continue;
      }
      int m = d[i + 1] & 0xFF;
      if (m == 0xFF) {
        i++;
        continue;
      }
      if (m == 0xD8 || m == 0xD9 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
        i += 2;
        continue;
      }
      int len = ((d[i + 2] & 0xFF) << 8) | (d[i + 3] & 0xFF);
      if (m != 0xDA) {
        i += 2 + len;
        continue;
      }
      int j = i + 2 + len;
      int s = j;
      while (j < d.length - 1) {
        int b = d[j + 1] & 0xFF;
        if ((d[j] & 0xFF) == 0xFF && b != 0 && !(b >= 0xD0 && b <= 0xD7)) {
          break;
        }
        j++;
      }
      total += Math.max(0, j - s);
      i = j;
    }
    return total;
  }

  /** Every band of {@code img} coded as content 2 (the default coding), in band order. */
  static byte[][] fastTiles(CoefficientImage img) {
    BandPlan plan = BandPlan.of(img);
    byte[][] tiles = new byte[plan.bands()][];
    for (int t = 0; t < plan.bands(); t++) {
      tiles[t] = FastCoefficientCoder.encode(img, plan.rowStart(t), plan.rowEnd(t));
    }
    return tiles;
  }
}
