package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CoefficientCoder (content 0): lossless round trips, band independence and damaged data. Every
 * coefficient coding must pass these: {@link FastCoefficientCoderTest} runs them for content 2.
 */
class CoefficientCoderTest {
  /** The coding under test. */
  RowCoder coder() {
    return JpegRecompression.MODEL;
  }

  static Stream<Path> testJpegs() throws Exception {
    return CoefficientFixtures.testJpegs().stream();
  }

  @ParameterizedTest
  @MethodSource("testJpegs")
  void everyTestJpegRoundTripsWholeAndInBands(Path file) throws Exception {
    CoefficientImage img = CoefficientFixtures.read(Files.readAllBytes(file));
    assertRoundTrip(img, img.mcuRows());
    assertRoundTrip(img, 1);
    assertRoundTrip(img, 3);
  }

  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(new int[] {2, 1, 1}, new int[] {2, 1, 1}, 77, 45),
        Arguments.of(new int[] {1, 1, 1}, new int[] {1, 1, 1}, 40, 24),
        Arguments.of(new int[] {1, 2, 2}, new int[] {1, 2, 2}, 50, 33),
        Arguments.of(new int[] {4, 1, 1}, new int[] {1, 1, 1}, 65, 17),
        Arguments.of(new int[] {2, 2, 1}, new int[] {2, 1, 2}, 48, 48),
        Arguments.of(new int[] {2}, new int[] {2}, 30, 41),
        Arguments.of(new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, 24, 24),
        Arguments.of(new int[] {3, 1}, new int[] {3, 1}, 50, 50));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void randomAndExtremeValuesRoundTrip(int[] h, int[] v, int width, int height) {
    Random random = new Random(width * 31L + height);
    for (int mode = 0; mode < 4; mode++) {
      int[][] quant = new int[h.length][64];
      for (int[] q : quant) {
        for (int i = 0; i < 64; i++) {
          // Zero (an undefined table), one, 16-bit maxima and ordinary steps.
          q[i] = switch (mode) {
            case 0 -> 0;
            case 1 -> 65535;
            case 2 -> 1;
            default -> 1 + random.nextInt(255);
          };
        }
      }
      CoefficientImage img = new CoefficientImage(width, height, h, v, quant);
      for (short[] co : img.coefficients) {
        for (int i = 0; i < co.length; i++) {
          int kind = random.nextInt(8);
          co[i] = (short) switch (kind) {
            case 0 -> Short.MIN_VALUE;
            case 1 -> Short.MAX_VALUE;
            case 2 -> random.nextInt(65536) - 32768;
            case 3 -> random.nextInt(5) - 2;
            default -> (random.nextInt(4) == 0 ? random.nextInt(2047) - 1023 : 0);
          };
        }
      }
      assertRoundTrip(img, img.mcuRows());
      assertRoundTrip(img, 2);
    }
  }

  @Test
  void allZeroAndAllExtremeImagesRoundTrip() {
    int[][] quant = {new int[64], new int[64], new int[64]};
    Arrays.fill(quant[0], 16);
    CoefficientImage img =
        new CoefficientImage(100, 70, new int[] {2, 1, 1}, new int[] {2, 1, 1}, quant);
    assertRoundTrip(img, img.mcuRows());
    for (short value : new short[] {Short.MIN_VALUE, Short.MAX_VALUE, -1}) {
      for (short[] co : img.coefficients) {
        Arrays.fill(co, value);
      }
      assertRoundTrip(img, img.mcuRows());
    }
  }

  @Test
  void emptyBandRoundTrips() {
    CoefficientImage img = sample();
    byte[] coded = coder().encode(img, 2, 2);
    coder().decode(coded, 0, coded.length, CoefficientFixtures.emptyLike(img), 2, 2);
  }

  @Test
  void bandDecodedAloneEqualsTheSameRowsOfAFullDecode() {
    CoefficientImage img = sample();
    int rows = img.mcuRows();
    int band = 3;
    List<byte[]> coded = new ArrayList<>();
    for (int r = 0; r < rows; r += band) {
      coded.add(coder().encode(img, r, Math.min(rows, r + band)));
    }
    for (int k = coded.size() - 1; k >= 0; k--) {
      int start = k * band;
      int end = Math.min(rows, start + band);
      // Garbage outside the band must not matter: the coder may look at no other row. The
      // band itself is zero, as RowCoder.decode requires.
      CoefficientImage alone = CoefficientFixtures.emptyLike(img);
      Random random = new Random(k);
      for (int c = 0; c < img.components; c++) {
        short[] co = alone.coefficients[c];
        int from = img.blockOffset(c, 0, Math.min(img.blocksHigh[c], start * img.v[c]));
        int to = img.blockOffset(c, 0, Math.min(img.blocksHigh[c], end * img.v[c]));
        for (int i = 0; i < co.length; i++) {
          co[i] = i >= from && i < to ? 0 : (short) random.nextInt();
        }
      }
      byte[] b = coded.get(k);
      coder().decode(b, 0, b.length, alone, start, end);
      for (int c = 0; c < img.components; c++) {
        int from = img.blockOffset(c, 0, Math.min(img.blocksHigh[c], start * img.v[c]));
        int to = img.blockOffset(c, 0, Math.min(img.blocksHigh[c], end * img.v[c]));
        assertArrayEquals(Arrays.copyOfRange(img.coefficients[c], from, to),
            Arrays.copyOfRange(alone.coefficients[c], from, to), "band " + k + " component " + c);
      }
    }
  }

  @Test
  void decodeReadsOnlyItsSliceOfTheArray() {
    CoefficientImage img = sample();
    byte[] coded = coder().encode(img, 0, img.mcuRows());
    byte[] padded = new byte[coded.length + 20];
    Arrays.fill(padded, (byte) 0x5A);
    System.arraycopy(coded, 0, padded, 7, coded.length);
    CoefficientImage back = CoefficientFixtures.emptyLike(img);
    coder().decode(padded, 7, coded.length, back, 0, img.mcuRows());
    assertEqualImages(img, back);
  }

  @Test
  void everyCutIsDeclaredOrHarmless() {
    CoefficientImage img = sample();
    byte[] coded = coder().encode(img, 0, img.mcuRows());
    int truncated = 0;
    int harmless = 0;
    for (int len = 0; len < coded.length; len += len < coded.length - 40 ? 7 : 1) {
      CoefficientImage back = CoefficientFixtures.emptyLike(img);
      try {
        coder().decode(coded, 0, len, back, 0, img.mcuRows());
        // The coder's final flush bytes are not all needed: losing them changes nothing.
        assertEqualImages(img, back);
        harmless++;
      } catch (TruncatedInputException e) {
        assertEquals(len, e.offset());
        truncated++;
      } catch (MalformedInputException e) {
        assertEquals(0, e.offset());
      }
    }
    assertTrue(harmless <= 4, harmless + " cuts decoded");
    assertTrue(truncated > coded.length / 14, truncated + " cuts reported as truncation");
  }

  @Test
  void everyByteFlipIsDeclaredOrHarmless() {
    CoefficientImage img = small();
    byte[] coded = coder().encode(img, 0, img.mcuRows());
    int declared = 0;
    for (int i = 0; i < coded.length; i++) {
      for (int bit : new int[] {0x01, 0x80, 0xFF}) {
        byte[] damaged = coded.clone();
        damaged[i] ^= (byte) bit;
        CoefficientImage back = CoefficientFixtures.emptyLike(img);
        try {
          coder().decode(damaged, 0, damaged.length, back, 0, img.mcuRows());
          // Only bytes the decoder never needed can change without notice.
          assertEqualImages(img, back);
        } catch (TegulaException e) {
          assertTrue(e.offset() >= 0, e.getMessage());
          declared++;
        }
      }
    }
    assertTrue(declared > coded.length, "most flips are caught: " + declared);
  }

  @Test
  void randomBytesAreDeclared() {
    CoefficientImage img = sample();
    Random random = new Random(7);
    for (int t = 0; t < 200; t++) {
      byte[] junk = new byte[random.nextInt(3000)];
      random.nextBytes(junk);
      assertThrows(TegulaException.class, () -> decodeInto(junk, 0, junk.length, img));
    }
  }

  @Test
  void misuseIsIllegalArgument() {
    CoefficientImage img = sample();
    assertThrows(IllegalArgumentException.class, () -> coder().encode(null, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> coder().encode(img, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> coder().encode(img, 2, 1));
    assertThrows(IllegalArgumentException.class,
        () -> coder().encode(img, 0, img.mcuRows() + 1));
    assertThrows(IllegalArgumentException.class,
        () -> coder().decode(null, 0, 0, img, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> coder().decode(new byte[4], 2, 3, img, 0, 1));
  }

  private void decodeInto(byte[] data, int offset, int length, CoefficientImage img) {
    coder().decode(data, offset, length, CoefficientFixtures.emptyLike(img), 0,
        img.mcuRows());
  }

  /** A real photo's coefficients (4:2:0). */
  private static CoefficientImage sample() {
    try {
      Path p = CoefficientFixtures.testdata().resolve("jpeg/baseline_odd_203x157_420.jpg");
      return CoefficientFixtures.read(Files.readAllBytes(p));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CoefficientImage small() {
    try {
      Path p = CoefficientFixtures.testdata().resolve("jpeg/size_7x13_420.jpg");
      return CoefficientFixtures.read(Files.readAllBytes(p));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertRoundTrip(CoefficientImage img, int band) {
    int rows = img.mcuRows();
    CoefficientImage back = CoefficientFixtures.emptyLike(img);
    for (int r = 0; r < rows; r += band) {
      int end = Math.min(rows, r + band);
      byte[] coded = coder().encode(img, r, end);
      byte[] again = coder().encode(img, r, end);
      assertArrayEquals(coded, again, "deterministic");
      coder().decode(coded, 0, coded.length, back, r, end);
    }
    assertEqualImages(img, back);
  }

  private static void assertEqualImages(CoefficientImage expected, CoefficientImage actual) {
    assertEquals(expected.components, actual.components);
    for (int c = 0; c < expected.components; c++) {
      if (!Arrays.equals(expected.coefficients[c], actual.coefficients[c])) {
        short[] e = expected.coefficients[c];
        short[] a = actual.coefficients[c];
        int i = Arrays.mismatch(e, a);
        fail("component " + c + " block " + (i >> 6) + " coefficient " + (i & 63) + ": expected "
            + e[i] + ", got " + a[i]);
      }
    }
  }
}
