package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
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
    assertEquals(703, d.length);
    assertEquals("52ec266f4ec00a34701d7f8316e0415ccbfe3a5dd5e796cbf7979c6cf4e0fb0d",
        hex.toString());
  }

  /** §5.2: the Annex K tables LayoutTables holds are those of T.81 (first and last entries). */
  @Test
  void theAnnexKTablesAreT81s() {
    assertEquals(12, LayoutTables.HUFFMAN[0].length - 16);
    assertEquals(162, LayoutTables.HUFFMAN[1].length - 16);
    assertEquals(12, LayoutTables.HUFFMAN[2].length - 16);
    assertEquals(162, LayoutTables.HUFFMAN[3].length - 16);
    assertEquals(0x01, LayoutTables.HUFFMAN[1][16]);
    assertEquals((byte) 0xFA, LayoutTables.HUFFMAN[3][16 + 161]);
    // libjpeg's quality 50 is scale 100: the tables themselves; quality 75 is scale 50
    assertEquals(16, LayoutTables.quant(0, 0, 100, 0));
    assertEquals(99, LayoutTables.quant(1, 63, 100, 0));
    assertEquals(8, LayoutTables.quant(0, 0, 50, 0));
    assertEquals(255, LayoutTables.quant(1, 63, 5000, 0));
    assertEquals(4950, LayoutTables.quant(1, 63, 5000, 1));
  }

  /**
   * §5.1: cjpeg's marker segments cost a few bytes each: the typical tables by number, the
   * quantization tables by their scale factor, optimized Huffman tables by their code lengths.
   */
  @Test
  void libjpegSegmentsAreCodedByWhatTheyAre() {
    for (String name : new String[] {"baseline_420_std_huffman.jpg", "size_1x1_420.jpg",
        "progressive_420.jpg", "baseline_420.jpg", "progressive_gray.jpg"}) {
      JpegLayout layout = JpegModel.parse(jpeg(name), Limits.DEFAULT).layout;
      int raw = layout.tail().length;
      for (byte[] p : layout.pieces()) {
        raw += p.length;
      }
      byte[] coded = LayoutCodec.write(layout);
      assertTrue(coded.length < raw, name + ": " + coded.length + " of " + raw);
      assertLayoutsEqual(layout, LayoutCodec.read(coded, Limits.DEFAULT, 0), name);
    }
    JpegLayout std = JpegModel.parse(jpeg("baseline_420_std_huffman.jpg"), Limits.DEFAULT).layout;
    assertTrue(LayoutCodec.write(std).length < 100); // of 625 bytes
  }

  /**
   * Pieces that are no clean marker segments, or tables that are almost but not quite what an
   * item names, are stored as they are: the writer keeps any bytes it cannot name exactly.
   */
  @Test
  void unusualPiecesAreStoredExactly() {
    byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0};
    byte[] dqt = new byte[5 + 64];
    dqt[0] = (byte) 0xFF;
    dqt[1] = (byte) 0xDB;
    dqt[3] = 67;
    for (int k = 0; k < 64; k++) {
      dqt[5 + k] = (byte) LayoutTables.quant(0, k, 50, 0);
    }
    byte[] dqtOff = dqt.clone();
    dqtOff[5 + 63]++;
    byte[] dht = new byte[5 + 16 + 3];
    dht[0] = (byte) 0xFF;
    dht[1] = (byte) 0xC4;
    dht[3] = (byte) (dht.length - 2);
    dht[4] = 0x10;
    dht[5 + 1] = 3; // three codes of length 2
    dht[21] = 0x21;
    dht[22] = 0x01;
    dht[23] = (byte) 0xF0; // not ascending: kept as bytes
    byte[] dhtSorted = dht.clone();
    dhtSorted[21] = 0x01;
    dhtSorted[22] = 0x21;
    byte[] dhtOutside = dhtSorted.clone();
    dhtOutside[23] = 0x0C; // size 12: outside the lengths alphabet
    byte[][] odd = {
      {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 0, 3, 'x'},
      {1, 2, 3, (byte) 0xFF},
      {(byte) 0xFF, (byte) 0xE1, 0, 100, 1, 2},
      {(byte) 0xFF, (byte) 0xDB, 0, 2},
      {(byte) 0xFF, (byte) 0xC4, 0, 19, 0x00, 1},
      {(byte) 0xFF, (byte) 0xD9, (byte) 0xFF, (byte) 0xD0, (byte) 0xFF, 0x00, (byte) 0xFF, 0x01},
      dqt, dqtOff, dht, dhtSorted, dhtOutside,
    };
    for (byte[] head : odd) {
      byte[] piece = Arrays.copyOf(head, head.length + sos.length);
      System.arraycopy(sos, 0, piece, head.length, sos.length);
      JpegLayout layout = new JpegLayout(new byte[][] {piece, head},
          new ScanRecord[] {new ScanRecord(new int[0], new int[0]),
            new ScanRecord(new int[] {3, 5}, new int[] {7, 7, 9})}, head);
      assertLayoutsEqual(layout, LayoutCodec.read(LayoutCodec.write(layout), Limits.DEFAULT, 0),
          Arrays.toString(head));
    }
  }

  /** Every byte changed and every cut of a coded layout reads back or throws a clear error. */
  @Test
  void aDamagedLayoutFailsClearly() {
    for (String name : new String[] {"progressive_420.jpg", "baseline_420_std_huffman.jpg",
        "baseline_420.jpg"}) {
      byte[] coded = LayoutCodec.write(JpegModel.parse(jpeg(name), Limits.DEFAULT).layout);
      for (int i = 0; i <= coded.length; i++) {
        damaged(Arrays.copyOf(coded, i));
        if (i < coded.length) {
          for (int bit : new int[] {0x01, 0x02, 0x10, 0x80}) {
            byte[] bad = coded.clone();
            bad[i] ^= (byte) bit;
            damaged(bad);
          }
        }
      }
    }
  }

  /** §5.1: items may not expand a layout beyond 16 times its size plus 1 MiB. */
  @Test
  void expansionIsBounded() {
    ByteSinkOut out = new ByteSinkOut(1 << 16);
    out.write(1); // one scan
    for (int item = 0; item < 100; item++) {
      out.write(LayoutPieces.DHT);
      LayoutCodec.number(out, 300);
      for (int t = 0; t < 300; t++) {
        out.write(0x10);
        out.write(2); // Annex K table K.5: 179 bytes
      }
    }
    out.write(LayoutPieces.END);
    out.write(0);
    out.write(0);
    out.write(0); // an empty tail
    byte[] coded = out.toByteArray();
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> LayoutCodec.read(coded, Limits.DEFAULT, 0));
    assertTrue(e.getMessage().contains("more than 16 times"), e.getMessage());
    // a fifth of it (1.07 MB of tables from 12 KB) is within the bound
    assertEquals(1, LayoutCodec.read(cut(coded, 20), Limits.DEFAULT, 0).scans());
  }

  /** The first {@code items} DHT items of {@link #expansionIsBounded}'s layout, then its end. */
  private static byte[] cut(byte[] coded, int items) {
    int itemLength = 1 + 2 + 600;
    byte[] c = Arrays.copyOf(coded, 1 + items * itemLength + 4);
    System.arraycopy(coded, coded.length - 4, c, c.length - 4, 4);
    return c;
  }

  private static void damaged(byte[] coded) {
    try {
      LayoutCodec.read(coded, Limits.DEFAULT, 0);
    } catch (MalformedInputException e) {
      assertTrue(e.getMessage().contains("layout"), e.getMessage());
    } catch (LimitExceededException e) {
      assertTrue(e.getMessage().contains("scans"), e.getMessage());
    }
  }

  private static void assertLayoutsEqual(JpegLayout a, JpegLayout b, String what) {
    assertEquals(a.scans(), b.scans(), what);
    for (int k = 0; k < a.scans(); k++) {
      assertArrayEquals(a.pieces()[k], b.pieces()[k], what + " piece " + k);
      assertArrayEquals(a.records()[k].pads(), b.records()[k].pads(), what);
      assertArrayEquals(a.records()[k].toggles(), b.records()[k].toggles(), what);
    }
    assertArrayEquals(a.tail(), b.tail(), what);
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
