package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.jpeg.JpegDecoder;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Damaged mode-2 files fail with a declared exception naming the part; never a wrong JPEG. */
class DamageTest {
  private static byte[] jpeg(String name) {
    return TestFiles.read(TestFiles.testdata().resolve("jpeg").resolve(name));
  }

  private static byte[] modelled(byte[] jpeg) {
    return modelled(jpeg, JpegRecompression.MODEL);
  }

  private static byte[] modelled(byte[] jpeg, RowCoder coder) {
    JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true, coder);
    assertTrue(c.modelled());
    return c.tgl();
  }

  /** Offset of the n-th chunk of the given type (its length field). */
  private static int chunk(byte[] tgl, String type, int n) {
    int at = 10;
    while (at + 12 <= tgl.length) {
      int length = (int) JpegContainer.u32(tgl, at);
      String t = new String(tgl, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (t.equals(type) && n-- == 0) {
        return at;
      }
      at += 12 + length;
    }
    throw new AssertionError("no " + type);
  }

  private static void fixCrc(byte[] tgl, int at) {
    int length = (int) JpegContainer.u32(tgl, at);
    CRC32 crc = new CRC32();
    crc.update(tgl, at + 4, 4 + length);
    JpegContainer.putU32(tgl, at + 8 + length, crc.getValue());
  }

  @Test
  void aDamagedTileIsNamed() {
    byte[] tgl = modelled(jpeg("size_1023x769_420.jpg"));
    int tile1 = chunk(tgl, "TILE", 1);
    tgl[tile1 + 20] ^= 0x10;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT));
    assertTrue(e.getMessage().startsWith("tile 1 (MCU rows 32-48, image rows 512-768) is damaged"),
        e.getMessage());
    // to pixels: the intact band as the JPEG decodes it, the damaged one grey, the damage named
    DecodedImage d = JpegRecompression.restore(tgl, DecodeOptions.DEFAULT);
    assertFalse(d.complete());
    assertTrue(d.warning().startsWith("1 band of the JPEG damaged, left grey; tile 1 "),
        d.warning());
    byte[] want = JpegDecoder.decode(jpeg("size_1023x769_420.jpg"), DecodeOptions.DEFAULT)
        .image().rgba();
    byte[] got = d.image().rgba();
    int rowBytes = 1023 * 4;
    assertArrayEquals(Arrays.copyOf(want, 500 * rowBytes), Arrays.copyOf(got, 500 * rowBytes));
    assertEquals(128, got[600 * rowBytes + 400 * 4] & 0xFF, "a grey pixel of the damaged band");
  }

  @Test
  void aDamagedFastTileIsNamed() {
    byte[] tgl = modelled(jpeg("size_1023x769_420.jpg"), TileContent.FAST_CODER);
    int tile1 = chunk(tgl, "TILE", 1);
    assertEquals(TileContent.FAST, tgl[tile1 + 12]);
    tgl[tile1 + 40] ^= 0x10;
    fixCrc(tgl, tile1);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT));
    assertTrue(e.getMessage().startsWith("tile 1 (MCU rows 32-48, image rows 512-768) does not "
        + "decode: fast coefficient data of MCU rows 32-48 damaged"), e.getMessage());
  }

  @Test
  void aTileOfAnUnknownContentIsNamed() {
    byte[] tgl = modelled(jpeg("baseline_420.jpg"), TileContent.FAST_CODER);
    int tile = chunk(tgl, "TILE", 0);
    tgl[tile + 12] = 3;
    fixCrc(tgl, tile);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("has content 3"), e.getMessage());
  }

  @Test
  void aDamagedRecordIsNamed() {
    byte[] tgl = modelled(jpeg("baseline_420.jpg"));
    int rec = chunk(tgl, "JREC", 0);
    tgl[rec + 8 + 50] ^= 1;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("JREC chunk at byte " + rec + " is damaged"),
        e.getMessage());
  }

  @Test
  void aCutFileIsTruncated() {
    byte[] tgl = modelled(jpeg("size_1023x769_420.jpg"));
    byte[] cut = Arrays.copyOf(tgl, chunk(tgl, "TILE", 1) + 100);
    TruncatedInputException e = assertThrows(TruncatedInputException.class,
        () -> JpegRecompression.restoreJpeg(cut, Limits.DEFAULT));
    assertTrue(e.getMessage().startsWith("tile 1 "), e.getMessage());
  }

  /** Damage behind a recomputed CRC still never yields a wrong JPEG: the SHA-256 catches it. */
  @Test
  void damageWithValidCrcsFailsTheChecksum() {
    byte[] tgl = modelled(jpeg("baseline_420.jpg"), StoredRows.INSTANCE);
    int tile = chunk(tgl, "TILE", 0);
    tgl[tile + 8 + 5 + 301] ^= 0x01;
    fixCrc(tgl, tile);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT, StoredRows.INSTANCE));
    assertTrue(e.getMessage().contains("does not match the SHA-256"), e.getMessage());
  }

  /** Every single-byte change and every cut of a small file: the original or an exception. */
  @Test
  void everyByteFlipAndCutIsCaught() {
    for (String name : new String[] {"size_7x13_progressive.jpg", "size_17x9_411.jpg"}) {
      byte[] original = jpeg(name);
      for (RowCoder coder : new RowCoder[] {JpegRecompression.MODEL, StoredRows.INSTANCE,
          TileContent.FAST_CODER}) {
        byte[] tgl = modelled(original, coder);
        for (int i = 0; i < tgl.length; i++) {
          for (int bit : new int[] {0x01, 0x80}) {
            byte[] bad = tgl.clone();
            bad[i] ^= (byte) bit;
            expectOriginalOrError(bad, original, coder, name + " flip at " + i);
            // the same damage with the chunk CRCs made to match again
            repairCrcs(bad);
            expectOriginalOrError(bad, original, coder, name + " flip+crc at " + i);
          }
        }
        for (int n = 0; n < tgl.length; n++) {
          expectOriginalOrError(Arrays.copyOf(tgl, n), original, coder, name + " cut at " + n);
        }
      }
    }
  }

  private static void repairCrcs(byte[] tgl) {
    int at = 10;
    while (at + 12 <= tgl.length) {
      long length = JpegContainer.u32(tgl, at);
      if (length > tgl.length - at - 12) {
        return;
      }
      fixCrc(tgl, at);
      at += 12 + (int) length;
    }
  }

  private static void expectOriginalOrError(byte[] tgl, byte[] original, RowCoder coder,
      String what) {
    byte[] back;
    try {
      back = JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT, coder);
    } catch (TegulaException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isEmpty(), what);
      return;
    } catch (RuntimeException e) {
      fail(what + ": " + e);
      return;
    }
    assertArrayEquals(original, back, what + " returned a different JPEG");
  }

  /** The .tgl pixel decoder does not guess at mode 2: it says where the file belongs. */
  @Test
  void thePixelDecoderRefusesModeTwo() {
    byte[] tgl = modelled(jpeg("baseline_420.jpg"));
    dev.tegula.core.UnsupportedFeatureException e = assertThrows(
        dev.tegula.core.UnsupportedFeatureException.class,
        () -> dev.tegula.tgl.TglDecoder.decode(tgl, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("mode 2, JPEG reconstruction"), e.getMessage());
    assertEquals("jpeg", dev.tegula.tgl.TglDecoder.readInfo(tgl, Limits.DEFAULT).variant());
  }

  @Test
  void aPixelFileIsNotAJpegOne() {
    byte[] tgl = modelled(jpeg("baseline_420.jpg"));
    tgl[10 + 8 + 11] = 0;
    fixCrc(tgl, 10);
    assertThrows(TegulaException.class, () -> JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT));
  }

  @Test
  void damagedJpegsAreStoredVerbatimNotRejected() {
    for (String name : new String[] {"jpeg_empty.jpg", "jpeg_not_a_jpeg.jpg",
        "jpeg_truncated_half.jpg", "jpeg_truncated_header.jpg"}) {
      byte[] jpeg = TestFiles.read(TestFiles.testdata().resolve("invalid").resolve(name));
      JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT);
      assertFalse(c.modelled(), name);
      assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT), name);
      assertEquals("stored verbatim", JpegRecompression.inspect(c.tgl(), Limits.DEFAULT).kind());
    }
  }

  /** A cut progressive file keeps its complete scans modelled and the rest verbatim. */
  @Test
  void aCutProgressiveFileIsModelledUpToTheCut() {
    byte[] jpeg = TestFiles.read(
        TestFiles.testdata().resolve("invalid").resolve("jpeg_truncated_progressive.jpg"));
    JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true,
        JpegRecompression.MODEL);
    assertTrue(c.modelled());
    assertTrue(c.reason().startsWith("scan "), c.reason());
    assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT));
  }
}
