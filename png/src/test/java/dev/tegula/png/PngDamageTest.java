package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damaged and invalid files: each decodes (perhaps partially) or throws a TegulaException. */
class PngDamageTest {

  private static byte[] png(String name) {
    return TestData.bytes(TestData.png(name));
  }

  private static DecodedImage decode(byte[] data) {
    return PngDecoder.decode(data, DecodeOptions.DEFAULT);
  }

  @Test
  void badIdatCrcIsMalformedNamingTheChunk() {
    byte[] data = TestData.bytes(TestData.invalid("png_bad_idat_crc.png"));
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> decode(data));
    assertTrue(e.getMessage().contains("IDAT"), e.getMessage());
    assertEquals(33, e.offset());
  }

  @Test
  void badSignatureAndEmptyInputAreNotPng() {
    byte[] bad = TestData.bytes(TestData.invalid("png_bad_signature.png"));
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> decode(bad));
    assertTrue(e.getMessage().startsWith("not a PNG file"), e.getMessage());
    assertEquals(7, e.offset());
    MalformedInputException empty =
        assertThrows(MalformedInputException.class, () -> decode(new byte[0]));
    assertTrue(empty.getMessage().startsWith("not a PNG file"));
    // A correct signature prefix is a PNG cut short, not something else.
    assertThrows(TruncatedInputException.class,
        () -> PngDecoder.readInfo(Arrays.copyOf(ChunkReader.SIGNATURE, 5), Limits.DEFAULT));
  }

  @Test
  void missingIendGivesTheCompleteImageWithAWarning() {
    DecodedImage d = decode(TestData.bytes(TestData.invalid("png_no_iend.png")));
    assertTrue(d.complete());
    assertTrue(d.warning().contains("IEND"), d.warning());
    assertArrayEquals(decode(png("rgb8.png")).image().rgba(), d.image().rgba());
  }

  @Test
  void truncatedIdatGivesThePartialImage() {
    DecodedImage d = decode(TestData.bytes(TestData.invalid("png_truncated_idat.png")));
    assertFalse(d.complete());
    assertNotNull(d.warning());
    assertTrue(d.warning().contains("ends"), d.warning());
    byte[] full = decode(png("rgb8.png")).image().rgba();
    byte[] part = d.image().rgba();
    int rowBytes = 45 * 4;
    int goodRows = 0;
    while (goodRows < 37 && Arrays.equals(full, goodRows * rowBytes, (goodRows + 1) * rowBytes,
        part, goodRows * rowBytes, (goodRows + 1) * rowBytes)) {
      goodRows++;
    }
    // About half of the compressed data is there, so about half of the rows.
    assertTrue(goodRows > 10 && goodRows < 37, "rows decoded: " + goodRows);
    for (int i = goodRows * rowBytes + rowBytes; i < part.length; i++) {
      assertEquals(0, part[i], "rows past the damage stay empty");
    }
  }

  @Test
  void crcErrorInACriticalChunkNamesChunkAndOffset() {
    byte[] ihdr = png("pal8.png");
    ihdr[20] ^= 1; // height, inside IHDR data
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> decode(ihdr));
    assertTrue(e.getMessage().contains("CRC") && e.getMessage().contains("IHDR"), e.getMessage());
    assertEquals(8, e.offset());

    byte[] pal = png("pal8.png");
    PngBuilder.Part plte = PngBuilder.parts(pal).stream()
        .filter(p -> p.type().equals("PLTE")).findFirst().orElseThrow();
    pal[plte.offset() + 8 + 5] ^= (byte) 0x80;
    e = assertThrows(MalformedInputException.class, () -> decode(pal));
    assertTrue(e.getMessage().contains("PLTE"), e.getMessage());
    assertEquals(plte.offset(), e.offset());
    assertThrows(MalformedInputException.class, () -> PngDecoder.readInfo(pal, Limits.DEFAULT));
  }

  @Test
  void ancillaryChunkWithBadCrcIsSkippedWithAWarning() {
    byte[] data = png("gray8_ancillary.png");
    PngBuilder.Part text = PngBuilder.parts(data).stream()
        .filter(p -> p.type().equals("tEXt")).findFirst().orElseThrow();
    data[text.offset() + 10] ^= 1;
    DecodedImage d = decode(data);
    assertTrue(d.complete());
    assertTrue(d.warning().contains("tEXt"), d.warning());
    assertNull(d.metadata().text().get("Comment"));
    assertArrayEquals(decode(png("gray8_ancillary.png")).image().rgba(), d.image().rgba());
  }

  @Test
  void paletteLongerThanTheIndexDepthIsRejected() {
    // CVE-2015-8126: five entries for 2-bit indices.
    byte[] data = new PngBuilder()
        .ihdr(4, 1, 2, 3, 0)
        .chunk("PLTE", new byte[15])
        .idat(new byte[] {0, 0})
        .iend()
        .build();
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> decode(data));
    assertTrue(e.getMessage().contains("PLTE"), e.getMessage());
    assertEquals(33, e.offset());
    // Exactly 2^depth entries are fine.
    byte[] ok = new PngBuilder()
        .ihdr(4, 1, 2, 3, 0)
        .chunk("PLTE", new byte[12])
        .idat(new byte[] {0, 0})
        .iend()
        .build();
    assertTrue(decode(ok).complete());
  }

  @Test
  void invalidHeadersAreRejected() {
    int[][] bad = {
        {16, 3}, {2, 2}, {4, 6}, {1, 4}, {8, 1}, {8, 5}, {8, 7}, {3, 0}, {0, 0}, {32, 0}};
    for (int[] b : bad) {
      byte[] data = new PngBuilder().ihdr(1, 1, b[0], b[1], 0).idat(new byte[8]).iend().build();
      assertThrows(MalformedInputException.class, () -> decode(data),
          "depth " + b[0] + " colour type " + b[1]);
    }
    byte[] interlace = new PngBuilder().ihdr(1, 1, 8, 0, 2).idat(new byte[2]).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(interlace));
    byte[] zero = new PngBuilder().ihdr(0, 1, 8, 0, 0).idat(new byte[2]).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(zero));
    byte[] huge = new PngBuilder().ihdr(-1, 1, 8, 0, 0).idat(new byte[2]).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(huge));
    byte[] shortIhdr = new PngBuilder().chunk("IHDR", new byte[12]).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(shortIhdr));
    byte[] notFirst = new PngBuilder().chunk("tEXt", PngBuilder.latin1("a\0b"))
        .ihdr(1, 1, 8, 0, 0).idat(new byte[2]).iend().build();
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> decode(notFirst));
    assertTrue(e.getMessage().contains("IHDR"), e.getMessage());
  }

  @Test
  void chunkStructureErrors() {
    byte[] rgb8 = png("rgb8.png");
    byte[] longChunk = rgb8.clone();
    PngBuilder.putInt(longChunk, 33, 0x8000_0000);
    MalformedInputException e =
        assertThrows(MalformedInputException.class, () -> decode(longChunk));
    assertTrue(e.getMessage().contains("2^31-1"), e.getMessage());
    assertEquals(33, e.offset());

    // A metadata chunk running past the end of the file, before any image data.
    byte[] beyond = new PngBuilder().ihdr(1, 1, 8, 0, 0).build();
    beyond = PngBuilder.concat(beyond, new byte[] {0, 0, 1, 0, 't', 'E', 'X', 't', 'a', 0});
    byte[] cut = beyond;
    assertThrows(TruncatedInputException.class, () -> decode(cut));
    assertEquals(1, PngDecoder.readInfo(cut, Limits.DEFAULT).width(), "the header is intact");

    byte[] noPalette = new PngBuilder().ihdr(1, 1, 8, 3, 0).idat(new byte[2]).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(noPalette));
    byte[] noIdat = new PngBuilder().ihdr(1, 1, 8, 0, 0).iend().build();
    assertThrows(MalformedInputException.class, () -> decode(noIdat));
    byte[] unknownCritical = new PngBuilder().ihdr(1, 1, 8, 0, 0).chunk("CRIT", new byte[1])
        .idat(new byte[2]).iend().build();
    assertThrows(UnsupportedFeatureException.class, () -> decode(unknownCritical));
    byte[] badType = rgb8.clone();
    badType[37] = '1';
    assertThrows(MalformedInputException.class, () -> decode(badType));
  }

  @Test
  void badFilterTypeOrZlibDataGivesRowsBeforeTheDamage() {
    byte[] raw = new byte[4 * 3];
    raw[0] = 0;
    raw[1] = 7;
    raw[4] = 2; // Up
    raw[8] = 9; // no such filter
    byte[] data = new PngBuilder().ihdr(3, 3, 8, 0, 0).idat(raw).iend().build();
    DecodedImage d = decode(data);
    assertFalse(d.complete());
    assertTrue(d.warning().contains("filter type 9"), d.warning());
    assertEquals(7, d.image().rgba()[3 * 4], "row 1 = row 0 through Up");

    byte[] garbage = new PngBuilder().ihdr(3, 3, 8, 0, 0)
        .chunk("IDAT", new byte[] {0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, 1, 2, 3})
        .iend().build();
    assertThrows(MalformedInputException.class, () -> decode(garbage), "nothing decodable");

    byte[] shortStream = new PngBuilder().ihdr(3, 3, 8, 0, 0).idat(new byte[8]).iend().build();
    DecodedImage s = decode(shortStream);
    assertFalse(s.complete());
    assertTrue(s.warning().contains("zlib stream ended"), s.warning());
  }

  @Test
  void oneByteIdatChunksAreValid() {
    byte[] original = png("rgb8.png");
    List<PngBuilder.Part> parts = PngBuilder.parts(original);
    byte[] zlib = parts.get(1).data();
    PngBuilder b = new PngBuilder().chunk("IHDR", parts.get(0).data());
    for (byte z : zlib) {
      b.chunk("IDAT", new byte[] {z});
    }
    DecodedImage d = decode(b.iend().build());
    assertTrue(d.complete());
    assertNull(d.warning());
    assertArrayEquals(decode(original).image().rgba(), d.image().rgba());
  }

  @Test
  void extraImageDataIsIgnoredWithAWarning() {
    byte[] data = new PngBuilder().ihdr(2, 2, 8, 0, 0).idat(new byte[1000]).iend().build();
    DecodedImage d = decode(data);
    assertTrue(d.complete());
    assertTrue(d.warning().contains("extra"), d.warning());
  }

  /** Cut at every offset: decodes (partially once the image data began) or throws cleanly. */
  @Test
  void cutAtEveryOffset() {
    for (String name : List.of("gray1_adam7.png", "pal1_7x13_adam7.png", "rgba8_7x13_adam7.png",
        "gray8_ancillary.png", "pngsuite_exif2c08.png", "pngsuite_ctzn0g04.png",
        "rgb16_trns_adam7.png", "pal4_trns_full_adam7.png", "rgb8_1x1_adam7.png")) {
      byte[] full = png(name);
      int firstIdat = PngBuilder.parts(full).stream()
          .filter(p -> p.type().equals("IDAT")).findFirst().orElseThrow().offset();
      for (int n = 0; n < full.length; n++) {
        byte[] cut = Arrays.copyOf(full, n);
        DecodedImage d = decodeOrNull(cut, name + " cut at " + n);
        if (n > firstIdat + 8) {
          assertNotNull(d, name + " cut at " + n + " inside or after the image data");
          assertNotNull(d.warning(), name + " cut at " + n);
        }
      }
    }
  }

  /** Every byte flipped in turn: the CRCs catch nearly all of it; nothing else escapes. */
  @Test
  void flipEveryByte() {
    for (String name : List.of("gray2_3x1.png", "pal1_7x13_adam7.png", "gray8_ancillary.png",
        "pngsuite_ctjn0g04.png", "graya16_adam7.png")) {
      byte[] full = png(name);
      for (int i = 0; i < full.length; i++) {
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
          byte[] damaged = full.clone();
          damaged[i] ^= (byte) mask;
          decodeOrNull(damaged, name + " byte " + i + " ^ " + mask);
        }
      }
    }
  }

  /**
   * Damage behind valid CRCs, so that it reaches IHDR validation, the inflater, the unfilter and
   * the metadata parsers: deterministic pseudo-random byte changes inside chunk data.
   */
  @Test
  void damageBehindValidCrcs() {
    long seed = 12345;
    for (String name : TestData.conformanceFiles()) {
      byte[] original = png(name);
      List<PngBuilder.Part> parts = PngBuilder.parts(original);
      for (int round = 0; round < 60; round++) {
        List<PngBuilder.Part> damaged = new ArrayList<>();
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int target = (int) ((seed >>> 33) % parts.size());
        for (int c = 0; c < parts.size(); c++) {
          PngBuilder.Part part = parts.get(c);
          byte[] body = part.data().clone();
          if (c == target && body.length > 0) {
            for (int k = 0; k < 1 + round % 4; k++) {
              seed = seed * 6364136223846793005L + 1442695040888963407L;
              int at = (int) ((seed >>> 33) % body.length);
              body[at] = (byte) (seed >>> 20);
            }
          }
          damaged.add(new PngBuilder.Part(part.type(), part.offset(), body));
        }
        decodeOrNull(PngBuilder.rebuild(damaged), name + " round " + round);
      }
    }
  }

  /** Decodes; a TegulaException gives null, anything else fails the test. */
  private static DecodedImage decodeOrNull(byte[] data, String what) {
    try {
      DecodedImage d = decode(data);
      assertNotNull(d.image(), what);
      assertEquals(d.image().width() * d.image().height() * 4, d.image().rgba().length, what);
      try {
        PngDecoder.readInfo(data, Limits.DEFAULT);
      } catch (TegulaException e) {
        // readInfo may reject what decode accepted only for reasons in the header chunks
        throw new AssertionError(what + ": decode worked but readInfo threw " + e, e);
      }
      return d;
    } catch (TegulaException e) {
      assertNotNull(e.getMessage(), what);
      return null;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }
}
