package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LossyCodecTest {
  /** A small xorshift generator: java.util.Random differs under TeaVM. */
  private static int next(int[] state) {
    int x = state[0];
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[0] = x;
    return x;
  }

  /** Smooth gradients, a sharp edge and some noise: something like a photo, in every channel. */
  static byte[] synthetic(int w, int h, int channels, int seed) {
    int[] s = {seed | 1};
    byte[] px = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          int v = (x * (60 + 40 * c)) / Math.max(1, w) + (y * (120 - 30 * c)) / Math.max(1, h)
              + ((x / 9 + y / 7) % 2 == 0 && x > w / 2 ? 60 : 0) + (next(s) & 15);
          px[(y * w + x) * channels + c] = (byte) Math.min(255, Math.max(0, v));
        }
      }
    }
    return px;
  }

  static Path testdata() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/ not found");
    }
    return p.resolve("testdata");
  }

  static byte[] photoCrop(int x0, int y0, int w, int h) throws IOException {
    File f = testdata().resolve("photos/astronaut.png").toFile();
    BufferedImage img = ImageIO.read(f);
    return LossyHarness.samples(img, x0, y0, w, h, 3);
  }

  static double psnr(byte[] a, byte[] b) {
    double se = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 255) - (b[i] & 255);
      se += d * d;
    }
    return se == 0 ? 99 : 10 * Math.log10(255.0 * 255 * a.length / se);
  }

  static byte[] roundTrip(byte[] px, int w, int h, int channels, int quality) {
    byte[] coded = LossyCodec.encode(px, w, h, channels, quality);
    byte[] out = new byte[w * h * channels];
    LossyCodec.decode(coded, 0, coded.length, w, h, channels, out);
    return out;
  }

  @Test
  void photoRoundTripKeepsQualityThatRisesWithTheSetting() throws IOException {
    byte[] px = photoCrop(128, 64, 256, 256);
    double low = psnr(px, roundTrip(px, 256, 256, 3, 30));
    double mid = psnr(px, roundTrip(px, 256, 256, 3, 75));
    double high = psnr(px, roundTrip(px, 256, 256, 3, 95));
    assertTrue(low > 26, "q30 PSNR " + low);
    assertTrue(mid > low + 2 && mid > 30, "q75 PSNR " + mid);
    assertTrue(high > mid + 3 && high > 37, "q95 PSNR " + high);
  }

  @Test
  void sizeAndFidelityAreMonotoneInQuality() throws IOException {
    byte[] px = photoCrop(200, 200, 96, 80);
    int previousSize = -1;
    double previousPsnr = 0;
    for (int q = 0; q <= 100; q++) {
      byte[] coded = LossyCodec.encode(px, 96, 80, 3, q);
      byte[] out = new byte[px.length];
      LossyCodec.decode(coded, 0, coded.length, 96, 80, 3, out);
      double p = psnr(px, out);
      assertTrue(coded.length >= previousSize, "size fell from " + previousSize + " to "
          + coded.length + " at quality " + q);
      // Rounding of the dequantization bias may cost a hair of PSNR between neighbouring
      // qualities; over the whole range fidelity must climb.
      assertTrue(p >= previousPsnr - 0.1, "PSNR fell from " + previousPsnr + " to " + p
          + " at quality " + q);
      previousSize = coded.length;
      previousPsnr = Math.max(previousPsnr, p);
    }
    assertTrue(previousPsnr > 40, "q100 PSNR " + previousPsnr);
  }

  @ParameterizedTest
  @CsvSource({"1,1,3", "1,1,1", "7,13,3", "17,9,1", "203,157,3", "256,256,1", "300,40,3"})
  void oddSizesAndGreyRoundTrip(int w, int h, int channels) {
    byte[] px = synthetic(w, h, channels, w * 31 + h);
    byte[] out = roundTrip(px, w, h, channels, 90);
    assertEquals(w * h * channels, out.length);
    assertTrue(psnr(px, out) > 28, w + "x" + h + "x" + channels + ": " + psnr(px, out));
  }

  @Test
  void flatImageIsNearlyExactAndTiny() {
    byte[] px = new byte[64 * 48 * 3];
    for (int i = 0; i < px.length; i += 3) {
      px[i] = (byte) 200;
      px[i + 1] = 100;
      px[i + 2] = 30;
    }
    byte[] coded = LossyCodec.encode(px, 64, 48, 3, 75);
    assertTrue(coded.length < 64, "flat 64x48 took " + coded.length + " bytes");
    byte[] out = new byte[px.length];
    LossyCodec.decode(coded, 0, coded.length, 64, 48, 3, out);
    for (int i = 0; i < px.length; i++) {
      assertTrue(Math.abs((px[i] & 255) - (out[i] & 255)) <= 2, "sample " + i);
    }
  }

  @Test
  void encodingAndDecodingAreDeterministic() throws IOException {
    byte[] px = photoCrop(0, 300, 200, 120);
    byte[] a = LossyCodec.encode(px, 200, 120, 3, 60);
    byte[] b = LossyCodec.encode(px.clone(), 200, 120, 3, 60);
    assertArrayEquals(a, b);
    byte[] outA = new byte[px.length];
    byte[] outB = new byte[px.length];
    // Decoding from an offset inside a larger array must give the same picture.
    byte[] shifted = new byte[a.length + 7];
    System.arraycopy(a, 0, shifted, 5, a.length);
    LossyCodec.decode(a, 0, a.length, 200, 120, 3, outA);
    LossyCodec.decode(shifted, 5, a.length, 200, 120, 3, outB);
    assertArrayEquals(outA, outB);
  }

  @Test
  void everyTruncationFailsCleanly() {
    byte[] px = synthetic(48, 40, 3, 7);
    byte[] coded = LossyCodec.encode(px, 48, 40, 3, 80);
    byte[] out = new byte[px.length];
    for (int len = 0; len < coded.length; len++) {
      try {
        LossyCodec.decode(coded, 0, len, 48, 40, 3, out);
      } catch (TruncatedInputException expected) {
        // The range coder reads zeros past the end; a short stream is reported, not guessed.
      } catch (TegulaException other) {
        // Acceptable too: a cut header can look like a malformed one.
      }
    }
    assertThrows(TruncatedInputException.class,
        () -> LossyCodec.decode(coded, 0, 4, 48, 40, 3, out));
    assertThrows(TruncatedInputException.class,
        () -> LossyCodec.decode(coded, 0, coded.length / 2, 48, 40, 3, out));
  }

  @Test
  void garbageAndFlippedBitsNeverEscapeTheExceptionFamily() {
    byte[] px = synthetic(64, 64, 3, 11);
    byte[] coded = LossyCodec.encode(px, 64, 64, 3, 70);
    byte[] out = new byte[px.length];
    int[] seed = {99};
    long start = System.nanoTime();
    for (int trial = 0; trial < 400; trial++) {
      byte[] bad = coded.clone();
      if (trial % 2 == 0) {
        for (int i = LossyCodec.HEADER_SIZE; i < bad.length; i++) {
          bad[i] = (byte) next(seed);
        }
      } else {
        int bit = (next(seed) >>> 1) % (bad.length * 8);
        bad[bit >> 3] ^= (byte) (1 << (bit & 7));
      }
      try {
        LossyCodec.decode(bad, 0, bad.length, 64, 64, 3, out);
      } catch (TegulaException expected) {
        // Fine: the family is all a caller has to handle.
      } catch (RuntimeException e) {
        fail("trial " + trial + " escaped with " + e);
      }
    }
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "damaged data decoded too slowly");
  }

  @Test
  void headerProblemsAreNamed() {
    byte[] px = synthetic(16, 16, 3, 3);
    byte[] coded = LossyCodec.encode(px, 16, 16, 3, 50);
    byte[] out = new byte[px.length];
    byte[] version = coded.clone();
    version[0] = 9;
    assertThrows(UnsupportedFeatureException.class,
        () -> LossyCodec.decode(version, 0, version.length, 16, 16, 3, out));
    byte[] flags = coded.clone();
    flags[1] |= (byte) 0x80;
    assertThrows(UnsupportedFeatureException.class,
        () -> LossyCodec.decode(flags, 0, flags.length, 16, 16, 3, out));
    byte[] quality = coded.clone();
    quality[2] = (byte) (10001 >> 8);
    quality[3] = (byte) 10001;
    assertThrows(MalformedInputException.class,
        () -> LossyCodec.decode(quality, 0, quality.length, 16, 16, 3, out));
  }

  @Test
  void misuseIsIllegalArgument() {
    byte[] px = synthetic(8, 8, 3, 1);
    assertThrows(IllegalArgumentException.class, () -> LossyCodec.encode(null, 8, 8, 3, 50));
    assertThrows(IllegalArgumentException.class, () -> LossyCodec.encode(px, 8, 8, 2, 50));
    assertThrows(IllegalArgumentException.class, () -> LossyCodec.encode(px, 8, 8, 3, 101));
    assertThrows(IllegalArgumentException.class, () -> LossyCodec.encode(px, 0, 8, 3, 50));
    assertThrows(IllegalArgumentException.class, () -> LossyCodec.encode(px, 9, 8, 3, 50));
    byte[] coded = LossyCodec.encode(px, 8, 8, 3, 50);
    assertThrows(IllegalArgumentException.class,
        () -> LossyCodec.decode(coded, 0, coded.length, 8, 8, 3, new byte[10]));
    assertThrows(IllegalArgumentException.class,
        () -> LossyCodec.decode(coded, 3, coded.length, 8, 8, 3, new byte[192]));
  }

  @Test
  void inverseDctOfDcOnlyBlockMatchesTheFullTransform() {
    for (int dc = -1100; dc <= 1100; dc += 7) {
      int[] coef = new int[64];
      coef[0] = dc;
      int[] full = new int[64];
      int[] fast = new int[64];
      Dct.inverse(coef, full, 0, 8);
      Dct.inverseDc(dc, fast, 0, 8);
      assertArrayEquals(full, fast, "dc " + dc);
    }
  }

  @Test
  void inverseDctOfTopLeftBlockMatchesTheFullTransform() {
    int[] seed = {11};
    for (int n = 0; n < 20000; n++) {
      int[] coef = new int[64];
      // Sparse top-left 4x4 content, magnitudes from small to the largest a stream allows.
      int range = (n & 3) == 0 ? 2047 : (n & 3) == 1 ? 200 : 20;
      for (int k = 0; k < 10; k++) {
        if ((next(seed) & 3) != 0) {
          coef[Quantizer.ZIGZAG[k]] = Math.floorMod(next(seed), 2 * range + 1) - range;
        }
      }
      int[] copy = coef.clone();
      int[] full = new int[64];
      int[] fast = new int[64];
      Dct.inverse(coef, full, 0, 8);
      Dct.inverse4x4(copy, fast, 0, 8);
      assertArrayEquals(full, fast, "block " + n);
    }
  }

  @Test
  void edgeWeightsOfTheDcPredictionFollowTheirFormula() {
    // format-lossy.md §7.3: 4096 * 8 * a(0) * a(v) * (1.5 cos(v pi/16) - 0.5 cos(3 v pi/16)).
    for (int v = 1; v < 8; v++) {
      double w = 4096 * 8 * Math.sqrt(0.125) * 0.5
          * (1.5 * Math.cos(v * Math.PI / 16) - 0.5 * Math.cos(3 * v * Math.PI / 16));
      assertEquals(Math.round(w), DcPredictor.edgeWeights()[v], "v " + v);
    }
  }

  @Test
  void dcPredictionIsExactForAVerticalRamp() {
    // Rows rising 4 per row: the block below continues the ramp, so its DC is predicted from
    // the block above plus its own AC values alone (F(v, 0) of the ramp, v odd).
    int[] above = new int[64];
    int[] below = new int[64];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        above[y * 8 + x] = 4 * y - 16;
        below[y * 8 + x] = 4 * (y + 8) - 16;
      }
    }
    Dct.forward(above);
    Dct.forward(below);
    int[] fa = new int[64];
    int[] fb = new int[64];
    for (int i = 0; i < 64; i++) {
      // forward gives 8x the orthonormal coefficients.
      fa[i] = Math.round(above[i] / 8f);
      fb[i] = Math.round(below[i] / 8f);
    }
    int edgeB = (fa[0] << 12) + DcPredictor.far(fa, 8);
    int a = edgeB - DcPredictor.near(fb, 8);
    int predicted = DcPredictor.predict(a, true, 0, false);
    assertTrue(Math.abs(predicted - fb[0]) <= 2, "predicted " + predicted + ", actual " + fb[0]);
  }

  @Test
  void forwardAndInverseDctRoundTrip() {
    int[] seed = {5};
    int[] block = new int[64];
    int[] orig = new int[64];
    for (int i = 0; i < 64; i++) {
      orig[i] = (next(seed) & 255);
      block[i] = orig[i] - 128;
    }
    Dct.forward(block);
    // forward gives 8x the orthonormal coefficients; inverse takes them unscaled.
    for (int i = 0; i < 64; i++) {
      block[i] = (block[i] + (block[i] < 0 ? -4 : 4)) / 8;
    }
    int[] back = new int[64];
    Dct.inverse(block, back, 0, 8);
    for (int i = 0; i < 64; i++) {
      assertTrue(Math.abs(back[i] - orig[i]) <= 1, "sample " + i);
    }
  }
  /** The container's path: straight into RGBA at an offset equals the interleaved decode. */
  @ParameterizedTest
  @CsvSource({"3, true", "3, false", "1, true", "1, false"})
  void rgbaDecodeMatchesTheInterleavedSamples(int channels, boolean opaque) {
    int w = 45;
    int h = 37;
    byte[] coded = LossyCodec.encode(synthetic(w, h, channels, 7), w, h, channels, 75);
    byte[] samples = new byte[w * h * channels];
    LossyCodec.decode(coded, 0, coded.length, w, h, channels, samples);
    int imageW = 60;
    int x0 = 11;
    int y0 = 5;
    byte[] rgba = new byte[imageW * (y0 + h + 2) * 4];
    java.util.Arrays.fill(rgba, (byte) 7);
    LossyCodec.decodeRgba(coded, 0, coded.length, w, h, channels, rgba, imageW, x0, y0, opaque);
    for (int y = 0; y < y0 + h + 2; y++) {
      for (int x = 0; x < imageW; x++) {
        int p = (y * imageW + x) * 4;
        boolean inside = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
        for (int c = 0; c < 4; c++) {
          int expected = 7;
          if (inside && c < 3) {
            expected = samples[((y - y0) * w + x - x0) * channels + (channels == 3 ? c : 0)];
          } else if (inside && opaque) {
            expected = -1;
          }
          assertEquals((byte) expected, rgba[p + c], "pixel " + x + "," + y + " channel " + c);
        }
      }
    }
  }

  /**
   * A scratch reused across tiles (the container's way) holds the planes of a bigger tile, and
   * of an RGB one before a grey one: the smaller tiles decode as with fresh memory.
   */
  @Test
  void reusedScratchDecodesLikeAFreshOne() {
    LossyScratch scratch = new LossyScratch();
    int[][] sizes = {{70, 53, 3}, {45, 37, 3}, {19, 66, 1}, {33, 9, 3}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      int channels = size[2];
      byte[] coded = LossyCodec.encode(synthetic(w, h, channels, w), w, h, channels, 60);
      byte[] fresh = new byte[w * h * 4];
      byte[] reused = new byte[w * h * 4];
      LossyCodec.decodeRgba(coded, 0, coded.length, w, h, channels, fresh, w, 0, 0, true);
      LossyCodec.decodeRgba(coded, 0, coded.length, w, h, channels, reused, w, 0, 0, true,
          scratch);
      assertArrayEquals(fresh, reused, w + "x" + h + "x" + channels);
    }
  }

  /** The decoder's row-parallel lapping equals §8.2's 3x3 formula, edges repeated. */
  @Test
  void lappedRowsFollowTheFormula() {
    int[] seed = {17};
    int[][] sizes = {{8, 8}, {16, 24}, {40, 8}, {2, 3}, {1, 5}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      int[] plane = new int[w * h];
      for (int i = 0; i < plane.length; i++) {
        plane[i] = next(seed) & 255;
      }
      LappingFilter.Rows rows = new LappingFilter.Rows(w);
      int[] out = new int[w];
      for (int y = 0; y < h; y++) {
        LappingFilter.lappedRow(plane, w, h, y, out, rows);
        for (int x = 0; x < w; x++) {
          int edges = 0;
          int corners = 0;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int yy = Math.max(0, Math.min(h - 1, y + dy));
              int xx = Math.max(0, Math.min(w - 1, x + dx));
              int v = plane[yy * w + xx];
              if (dx != 0 && dy != 0) {
                corners += v;
              } else if (dx != 0 || dy != 0) {
                edges += v;
              }
            }
          }
          int expected = (600 * plane[y * w + x] + 69 * edges + 37 * corners + 512) >> 10;
          assertEquals(expected, out[x], w + "x" + h + " at " + x + "," + y);
        }
      }
    }
  }

  /**
   * The encoder's inverse lapping, done with the decoder's row-parallel blur, gives every sample
   * as the 3x3 formula per sample with clamped neighbours did (the encoder's bytes must not move).
   */
  @Test
  void inverseLappingFollowsThePerSampleIteration() {
    int[] seed = {29};
    int[][] sizes = {{8, 8}, {16, 24}, {40, 8}, {2, 3}, {1, 5}, {5, 1}, {1, 1}, {37, 13}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      short[] plane = new short[w * h];
      for (int i = 0; i < plane.length; i++) {
        // colour planes are 0..255; smooth runs and noise both
        plane[i] = (short) (i % 3 == 0 ? (i * 7) & 255 : next(seed) & 255);
      }
      short[] expected = plane.clone();
      invertPerSample(expected, w, h);
      LappingFilter.invert(plane, w, h);
      assertArrayEquals(expected, plane, w + "x" + h);
    }
  }

  /** LappingFilter.invert as it was to session 19: the blur per sample, neighbours clamped. */
  private static void invertPerSample(short[] x, int w, int h) {
    int n = w * h;
    int[] y = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i] << 4;
    }
    for (int it = 0; it < 3; it++) {
      for (int yy = 0; yy < h; yy++) {
        int up = (yy > 0 ? yy - 1 : 0) * w;
        int mid = yy * w;
        int down = (yy + 1 < h ? yy + 1 : yy) * w;
        for (int xx = 0; xx < w; xx++) {
          int l = xx > 0 ? xx - 1 : 0;
          int r = xx + 1 < w ? xx + 1 : xx;
          int edges = y[up + xx] + y[down + xx] + y[mid + l] + y[mid + r];
          int corners = y[up + l] + y[up + r] + y[down + l] + y[down + r];
          b[mid + xx] = (600 * y[mid + xx] + 69 * edges + 37 * corners + 512) >> 10;
        }
      }
      for (int i = 0; i < n; i++) {
        y[i] += (x[i] << 4) - b[i];
      }
    }
    for (int i = 0; i < n; i++) {
      int v = (y[i] + 8) >> 4;
      x[i] = (short) (v < -256 ? -256 : v > 511 ? 511 : v);
    }
  }

  /** Encoder choice (format-lossy.md §9): deblocking strength 18 below quality 75, 0 from 75. */
  @Test
  void deblockingIsWrittenOffFromQuality75() {
    byte[] px = synthetic(32, 32, 3, 3);
    for (int q : new int[] {10, 50, 74, 75, 90, 100}) {
      byte[] coded = LossyCodec.encode(px, 32, 32, 3, q);
      int expected = q < 75 ? 18 : 0;
      assertEquals(expected, coded[4] & 0xFF, "luma strength at q" + q);
      assertEquals(expected, coded[5] & 0xFF, "chroma strength at q" + q);
    }
    byte[] fine = LossyCodec.encodeHundredths(px, 32, 32, 3, 7499);
    assertEquals(18, fine[4] & 0xFF, "q74.99");
  }

  /**
   * Saturated colour gradients with independent noise in each channel: where 4:2:0 loses most
   * (chroma detail at pixel scale).
   */
  static byte[] saturatedNoise(int w, int h, int seed) {
    int[] s = {seed | 1};
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = x * 255 / Math.max(1, w - 1);
        int[] v = {r, 255 - r, y * 255 / Math.max(1, h - 1)};
        for (int c = 0; c < 3; c++) {
          int n = v[c] + (next(s) & 63) - 32;
          px[(y * w + x) * 3 + c] = (byte) Math.min(255, Math.max(0, n));
        }
      }
    }
    return px;
  }

  private static byte[] decode(byte[] coded, int w, int h, int channels) {
    byte[] out = new byte[w * h * channels];
    LossyCodec.decode(coded, 0, coded.length, w, h, channels, out);
    return out;
  }

  private static EncoderSettings fullChroma() {
    EncoderSettings full = new EncoderSettings();
    full.chroma444 = true;
    return full;
  }

  private static EncoderSettings subsampled() {
    EncoderSettings sub = new EncoderSettings();
    sub.chroma444From = 101;
    return sub;
  }

  /**
   * FULL_CHROMA (format-lossy.md §2-§3, which the encoder does not write by default) lifts the
   * 4:2:0 ceiling on saturated colour noise: measured at quality 100, 25.2 dB RGB PSNR with 4:2:0
   * and 44.7 dB with full chroma.
   */
  @Test
  void fullChromaLiftsTheCeilingOnSaturatedColour() {
    byte[] px = saturatedNoise(40, 48, 7);
    byte[] coded = TileEncoder.encode(px, 40, 48, 3, 10000, fullChroma());
    assertEquals(LossyCodec.FLAG_444, coded[1] & LossyCodec.FLAG_444);
    double full = psnr(px, decode(coded, 40, 48, 3));
    double sub = psnr(px, decode(TileEncoder.encode(px, 40, 48, 3, 10000, subsampled()), 40, 48,
        3));
    assertTrue(sub < 32, "4:2:0 at q100 " + sub);
    assertTrue(full > 42 && full > sub + 15, "full chroma at q100 " + full + ", 4:2:0 " + sub);
  }

  /** FULL_CHROMA files of odd sizes and partial macroblocks round-trip (§3, §4). */
  @ParameterizedTest
  @CsvSource({"1, 1, 10000", "7, 5, 10000", "17, 33, 10000", "300, 9, 10000", "523, 517, 10000",
      "33, 17, 5000", "64, 64, 9700"})
  void fullChromaRoundTripsAtOddSizes(int w, int h, int hundredths) {
    byte[] px = saturatedNoise(w, h, w * 31 + h);
    byte[] coded = TileEncoder.encode(px, w, h, 3, hundredths, fullChroma());
    assertEquals(LossyCodec.FLAG_444, coded[1] & LossyCodec.FLAG_444);
    double p = psnr(px, decode(coded, w, h, 3));
    double sub = psnr(px, decode(TileEncoder.encode(px, w, h, 3, hundredths, subsampled()), w, h,
        3));
    assertTrue(p >= sub && (hundredths < 9000 || p > 42),
        w + "x" + h + " q" + hundredths + " PSNR " + p + ", 4:2:0 " + sub);
    assertArrayEquals(coded, TileEncoder.encode(px, w, h, 3, hundredths, fullChroma()));
  }
}
