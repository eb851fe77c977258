package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder's parser and scan decoder as JPEG recompression uses them. */
class JpegSegmentReaderTest {
  /** Every marker is reported once, in order, with offsets that tile the bytes outside scans. */
  @Test
  void reportsEverySegmentWithItsBytes() {
    byte[] data = TestFiles.read(TestFiles.jpeg("markers_com_app15_fill.jpg"));
    List<int[]> seen = new ArrayList<>();
    JpegSegmentReader r = new JpegSegmentReader(data, 0, Limits.DEFAULT,
        (marker, offset, start, end) -> seen.add(new int[] {marker, offset, start, end}));
    assertTrue(r.nextScan());
    int[] sos = seen.get(seen.size() - 1);
    assertEquals(0xDA, sos[0]);
    assertEquals(r.position(), sos[3]);
    int expect = 2;
    boolean fill = false;
    for (int[] s : seen) {
      assertEquals(expect, s[1], "segments follow each other");
      assertEquals(0xFF, data[s[1]] & 0xFF);
      assertEquals(s[0], data[s[2] - 1] & 0xFF);
      fill |= s[2] - s[1] > 2;
      assertEquals(s[2] + (((data[s[2]] & 0xFF) << 8) | (data[s[2] + 1] & 0xFF)), s[3]);
      expect = s[3];
    }
    assertTrue(fill, "the fill bytes before a marker belong to it");
    assertTrue(seen.stream().anyMatch(s -> s[0] == 0xFE), "COM reported");
    assertTrue(seen.stream().anyMatch(s -> s[0] == 0xEF), "APP15 reported");
    assertEquals(0, r.extraneousBytes());
  }

  /** decodeScan gives, scan by scan, the coefficients the decoder's own reading gives. */
  @Test
  void decodesTheSameCoefficientsAsTheDecoder() {
    int compared = 0;
    for (String name : TestFiles.conformanceFiles()) {
      byte[] data = TestFiles.read(TestFiles.jpeg(name));
      CoefficientReader.Coefficients want;
      try {
        want = CoefficientReader.read(data, Limits.DEFAULT);
      } catch (TegulaException e) {
        continue; // 12-bit, lossless: not for the reader either
      }
      JpegSegmentReader r = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
      if (!r.nextScan() || r.arithmetic() || !hasTables(r)) {
        continue; // arithmetic coding, or the Annex K tables the decoder adds to a bare file
      }
      short[][] got = new short[want.coefficients.length][];
      for (int c = 0; c < got.length; c++) {
        got[c] = new short[want.coefficients[c].length];
      }
      Events events = new Events();
      do {
        r.resumeAt(r.decodeScan(got, want.blocksWide, events));
        assertEquals(null, r.scanDamage(), name);
      } while (r.nextScan());
      assertTrue(r.sawEoi(), name);
      for (int c = 0; c < got.length; c++) {
        assertArrayEquals(want.coefficients[c], got[c], name + " component " + c);
      }
      // libjpeg (and most encoders) pad with one bits
      assertEquals(0, events.padsNotOnes, name);
      assertTrue(events.segments > 0, name);
      compared++;
    }
    System.out.println("JpegSegmentReaderTest: " + compared + " files compared");
    assertTrue(compared >= 40, "files compared: " + compared);
  }

  /** Restart intervals end segments; progressive AC scans report their end-of-band runs. */
  @Test
  void reportsSegmentEndsAndEndOfBandRuns() {
    byte[] data = TestFiles.read(TestFiles.jpeg("restart_progressive_420.jpg"));
    CoefficientReader.Coefficients want = CoefficientReader.read(data, Limits.DEFAULT);
    JpegSegmentReader r = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
    short[][] got = new short[want.coefficients.length][];
    for (int c = 0; c < got.length; c++) {
      got[c] = new short[want.coefficients[c].length];
    }
    int scans = 0;
    Events events = new Events();
    while (r.nextScan()) {
      int before = events.segments;
      int end = r.decodeScan(got, want.blocksWide, events);
      assertEquals(end, events.lastEnd, "the last segment ends where the scan does");
      int c = r.scanComponent(0);
      int mcus = r.scanComponents() > 1 ? r.mcusAcross() * r.mcusDown()
          : r.blocksWide(c) * r.blocksHigh(c);
      int ri = r.restartInterval();
      assertEquals(ri == 0 ? 1 : (mcus + ri - 1) / ri, events.segments - before);
      r.resumeAt(end);
      scans++;
    }
    assertTrue(scans > 2);
    assertTrue(events.runs > 0, "end-of-band runs reported");
  }

  @Test
  void bytesBeforeSoiAndBetweenSegments() {
    byte[] data = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    byte[] prefixed = new byte[data.length + 5];
    System.arraycopy(data, 0, prefixed, 5, data.length);
    JpegSegmentReader r = new JpegSegmentReader(prefixed, 5, Limits.DEFAULT, null);
    assertTrue(r.nextScan());
    JpegSegmentReader plain = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
    assertTrue(plain.nextScan());
    assertEquals(plain.position() + 5, r.position());
    assertEquals(plain.width(), r.width());
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> new JpegSegmentReader(prefixed, 4, Limits.DEFAULT, null));
    assertEquals(4, e.offset());

    // three bytes where the second marker should be: read past, as libjpeg does, and counted
    byte[] junk = new byte[data.length + 3];
    System.arraycopy(data, 0, junk, 0, 2);
    junk[2] = 1;
    junk[3] = 2;
    junk[4] = 3;
    System.arraycopy(data, 2, junk, 5, data.length - 2);
    JpegSegmentReader j = new JpegSegmentReader(junk, 0, Limits.DEFAULT, null);
    assertTrue(j.nextScan());
    assertEquals(3, j.extraneousBytes());
  }

  @Test
  void errorsAreTegulaExceptionsWithOffsets() {
    byte[] data = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    JpegSegmentReader r = new JpegSegmentReader(Arrays.copyOf(data, 30), 0, Limits.DEFAULT, null);
    TruncatedInputException e = assertThrows(TruncatedInputException.class, r::nextScan);
    assertTrue(e.offset() > 0 && e.offset() < 30, e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new JpegSegmentReader(null, 0, Limits.DEFAULT, null));
    JpegSegmentReader ok = new JpegSegmentReader(data, 0, Limits.DEFAULT, null);
    assertThrows(IllegalStateException.class, ok::ss);
    assertTrue(ok.nextScan());
    assertFalse(ok.progressive());
    assertThrows(IllegalArgumentException.class, () -> ok.decodeScan(
        new short[][] {new short[64], new short[64], new short[64]}, new int[] {1, 1, 1}, null));
  }

  /** Whether the tables the scan just read names are defined (else the decoder adds K.3-K.6). */
  private static boolean hasTables(JpegSegmentReader r) {
    for (int i = 0; i < r.scanComponents(); i++) {
      if (r.huffmanTable(true, r.scanDcTable(i) & 3) == null
          || r.huffmanTable(false, r.scanAcTable(i) & 3) == null) {
        return false;
      }
    }
    return true;
  }

  private static final class Events implements JpegSegmentReader.ScanEvents {
    int segments;
    int padsNotOnes;
    int runs;
    int lastEnd = -1;

    @Override
    public void endOfBand(int blockOffset, int k, int run) {
      assertTrue(run >= 1 && k >= 1 && k <= 63 && (blockOffset & 63) == 0);
      runs++;
    }

    @Override
    public void segmentEnd(long bits, int bitsLeft, int end) {
      assertTrue(end >= 0 && bitsLeft >= 0 && bitsLeft < 8, "clean segment end");
      if (bitsLeft > 0 && (bits >>> (64 - bitsLeft)) != (1L << bitsLeft) - 1) {
        padsNotOnes++;
      }
      segments++;
      lastEnd = end;
    }
  }
}
