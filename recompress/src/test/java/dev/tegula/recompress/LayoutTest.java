package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegDecoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The side information: files from libjpeg need none; files whose end-of-band runs or padding
 * differ from libjpeg's are modelled all the same, the differences recorded.
 */
class LayoutTest {
  private static byte[] jpeg(String name) {
    return TestFiles.read(TestFiles.testdata().resolve("jpeg").resolve(name));
  }

  @Test
  void libjpegFilesNeedNoSideInformation() {
    for (String name : new String[] {"progressive_420.jpg", "restart_progressive_420.jpg",
        "progressive_gray.jpg", "size_1023x769_progressive_444.jpg", "baseline_420.jpg",
        "restart_5blocks_444.jpg"}) {
      JpegLayout layout = JpegModel.parse(jpeg(name), Limits.DEFAULT).layout;
      for (ScanRecord r : layout.records()) {
        assertEquals(0, r.pads().length, name);
        assertEquals(0, r.toggles().length, name);
      }
    }
  }

  /** format-jpeg.md §4.1 names the dictionary by its SHA-256. */
  @Test
  void thePresetDictionaryIsTheDocumentedOne() {
    byte[] d = LayoutDictionary.BYTES;
    StringBuilder hex = new StringBuilder();
    for (byte b : Sha256.digest(d, d.length)) {
      hex.append(String.format("%02x", b & 0xFF));
    }
    assertEquals(450, d.length);
    assertEquals("b2e200e8faafeeef54ab05597313c0ea618311bd13ffc42a9cce86bea4c94366",
        hex.toString());
  }

  /** A file with the typical tables has its layout packed against the dictionary (method 2). */
  @Test
  void typicalTablesUseThePresetDictionary() {
    byte[] tgl = JpegRecompression.compressDetailed(jpeg("baseline_420_std_huffman.jpg"),
        Limits.DEFAULT, true, JpegRecompression.MODEL).tgl();
    int jrec = 10 + 12 + 20; // signature and version, THDR
    assertEquals("JREC", new String(tgl, jrec + 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(JpegContainer.METHOD_ZLIB_DICTIONARY, tgl[jrec + 8 + 1]);
  }

  /** Bytes before SOI (a wrapper or garbage) stay in the first piece; the scans are modelled. */
  @Test
  void bytesBeforeSoiAreKept() {
    byte[] original = jpeg("baseline_420.jpg");
    byte[] wrapped = new byte[original.length + 37];
    for (int i = 0; i < 37; i++) {
      wrapped[i] = (byte) (i * 7 + 0xD8);
    }
    System.arraycopy(original, 0, wrapped, 37, original.length);
    JpegCompression c = JpegRecompression.compressDetailed(wrapped, Limits.DEFAULT, true,
        JpegRecompression.MODEL);
    assertTrue(c.modelled());
    assertNull(c.reason());
    assertArrayEquals(wrapped, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT));
  }

  /**
   * A progressive file re-encoded with runs split after every other block and zero padding: a
   * valid JPEG (same pixels) that libjpeg would not write. It is modelled, the toggles and pads
   * recorded, and restored byte for byte.
   */
  @Test
  void splitRunsAndZeroPaddingAreRecorded() {
    for (String name : new String[] {"progressive_420.jpg", "restart_progressive_420.jpg"}) {
      splitRunsAndZeroPadding(jpeg(name));
    }
  }

  private static void splitRunsAndZeroPadding(byte[] original) {
    JpegModel m = JpegModel.parse(original, Limits.DEFAULT);
    ScanRecord[] odd = new ScanRecord[m.layout.scans()];
    for (int k = 0; k < odd.length; k++) {
      int[] every = new int[4000];
      for (int i = 0; i < every.length; i++) {
        every[i] = 2 * i;
      }
      odd[k] = new ScanRecord(new int[] {0, 0, 2, 0}, every);
    }
    JpegLayout layout = new JpegLayout(m.layout.pieces(), odd, m.layout.tail());
    byte[] unusual = JpegRewriter.rewrite(layout, m.image, original.length, Limits.DEFAULT);
    assertFalse(Arrays.equals(unusual, original));
    assertArrayEquals(JpegDecoder.decode(original, DecodeOptions.DEFAULT).image().rgba(),
        JpegDecoder.decode(unusual, DecodeOptions.DEFAULT).image().rgba());

    JpegLayout recorded = JpegModel.parse(unusual, Limits.DEFAULT).layout;
    int toggles = 0;
    int pads = 0;
    for (ScanRecord r : recorded.records()) {
      toggles += r.toggles().length;
      pads += r.pads().length / 2;
    }
    assertTrue(toggles > 10, "toggles " + toggles);
    assertTrue(pads > 0, "pads " + pads);
    JpegCompression c = JpegRecompression.compressDetailed(unusual, Limits.DEFAULT, true,
        JpegRecompression.MODEL);
    assertTrue(c.modelled());
    assertNull(c.reason());
    assertArrayEquals(unusual, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT));
  }
}
