package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JpegDecoder#decodeCoefficients}: the first scans given as coefficients (decoded here
 * with {@link JpegSegmentReader}, their entropy-coded data skipped by resumeAt), the rest read
 * from the file, must decode to what {@link JpegDecoder#decode} gives for the whole file: pixels,
 * info, warnings, completeness. Every Huffman-coded conformance file with every number of given
 * scans, and cut progressive files (their last scans, cut, decoded on top of the given ones).
 */
class DecodeCoefficientsTest {
  @Test
  void givenScansDecodeAsTheFile() {
    int files = 0;
    for (String name : TestFiles.conformanceFiles()) {
      byte[] data = TestFiles.read(TestFiles.jpeg(name));
      int scans = intactScans(data);
      for (int given = 1; given <= scans; given++) {
        assertSame(data, given, name + " with " + given + " scans given");
      }
      files += scans > 0 ? 1 : 0;
    }
    assertTrue(files >= 40, "files compared: " + files);
  }

  @Test
  void cutFilesDecodeTheRestOnTopOfTheGivenScans() {
    int compared = 0;
    for (String name : new String[] {"progressive_420.jpg", "progressive_custom_scans.jpg",
        "restart_progressive_420.jpg", "baseline_420.jpg"}) {
      byte[] whole = TestFiles.read(TestFiles.jpeg(name));
      for (int cut = whole.length - 1; cut > 300; cut -= Math.max(1, whole.length / 17)) {
        byte[] data = Arrays.copyOf(whole, cut);
        int scans = intactScans(data);
        for (int given = 1; given <= scans; given++) {
          assertSame(data, given, name + " cut at " + cut + " with " + given + " scans given");
          compared++;
        }
      }
    }
    assertTrue(compared > 20, "compared: " + compared);
  }

  /**
   * A one-component frame with sampling factors 3x3: its scans cover 26 blocks a row, the
   * decoder's store whole MCUs (27): given arrays of the scan's width are copied into the store.
   */
  @Test
  void oneComponentWithSamplingFactorsAbove1() {
    byte[] data = TestFiles.read(TestFiles.jpeg("gray_odd_203x157.jpg")).clone();
    int sof = 0;
    while (!((data[sof] & 0xFF) == 0xFF && (data[sof + 1] & 0xFF) == 0xC0)) {
      sof++;
    }
    assertEquals(0x11, data[sof + 11]);
    data[sof + 11] = 0x33;
    assertEquals(1, intactScans(data));
    assertSame(data, 1, "gray 3x3");
  }

  @Test
  void refusesCoefficientsThatDoNotFitTheFrame() {
    byte[] data = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    short[][] tooFew = {new short[64]};
    assertThrows(IllegalArgumentException.class, () -> JpegDecoder.decodeCoefficients(data,
        new int[] {data.length - 2}, tooFew, new int[] {1}, DecodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> JpegDecoder.decodeCoefficients(data,
        new int[0], tooFew, new int[] {1}, DecodeOptions.DEFAULT));
  }

  /** How many scans from the first decode intact with the recompression reader (0: none). */
  private static int intactScans(byte[] data) {
    int n = 0;
    try {
      JpegSegmentReader r = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
      Given g = Given.of(data, r);
      while (r.nextScan()) {
        r.resumeAt(r.decodeScan(g.coefficients, g.blocksWide, null));
        if (r.scanDamage() != null) {
          break;
        }
        n++;
      }
    } catch (TegulaException | IllegalStateException e) {
      // arithmetic coding, tables the decoder adds, a damaged header: the scans before it
    }
    return n;
  }

  private static void assertSame(byte[] data, int given, String what) {
    DecodedImage want = JpegDecoder.decode(data, DecodeOptions.DEFAULT);
    JpegSegmentReader r = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
    Given g = Given.of(data, r);
    List<Integer> resume = new ArrayList<>();
    for (int k = 0; k < given; k++) {
      assertTrue(r.nextScan(), what);
      int end = r.decodeScan(g.coefficients, g.blocksWide, null);
      resume.add(end);
      r.resumeAt(end);
    }
    int[] resumeAt = resume.stream().mapToInt(Integer::intValue).toArray();
    DecodedImage got = JpegDecoder.decodeCoefficients(data, resumeAt, g.coefficients,
        g.blocksWide, DecodeOptions.DEFAULT);
    assertEquals(want.info(), got.info(), what);
    assertEquals(want.complete(), got.complete(), what);
    assertEquals(want.warning(), got.warning(), what);
    assertArrayEquals(want.image().rgba(), got.image().rgba(), what);
  }

  /** Zeroed coefficient arrays in the decoder's layout, for the reader at its first scan. */
  private record Given(short[][] coefficients, int[] blocksWide) {
    static Given of(byte[] data, JpegSegmentReader r) {
      JpegSegmentReader probe = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
      if (!probe.nextScan() || probe.arithmetic()) {
        throw new IllegalStateException("no Huffman-coded scan");
      }
      int n = probe.components();
      short[][] coef = new short[n][];
      int[] wide = new int[n];
      for (int c = 0; c < n; c++) {
        wide[c] = n == 1 ? probe.blocksWide(c) : probe.mcusAcross() * probe.h(c);
        int high = n == 1 ? probe.blocksHigh(c) : probe.mcusDown() * probe.v(c);
        coef[c] = new short[wide[c] * high * 64];
      }
      return new Given(coef, wide);
    }
  }
}
