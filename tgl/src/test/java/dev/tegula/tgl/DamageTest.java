package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** format.md §11: damage stays local, truncation is named, limits hold before allocation. */
class DamageTest {
  /** 3 x 2 tiles of 16, the right column and bottom row partial, with alpha and metadata. */
  static final Image IMAGE = TestImages.rgb(40, 24, 77, true);
  static final Metadata METADATA = new Metadata(null, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0},
      null, Map.of("comment", "hi"));
  static final byte[] FILE = TglEncoder.encode(IMAGE, METADATA,
      ContainerRoundTripTest.LOSSLESS.withTileSize(16));

  @Test
  void aFlippedBitInATileIsCaughtAndOnlyThatTileIsLost() {
    for (int t = 0; t < 6; t++) {
      TglBytes.Chunk c = TglBytes.all(FILE, "TILE").get(t);
      for (int at : new int[] {c.dataOffset(), c.dataOffset() + c.length() / 2, c.end() - 1}) {
        byte[] damaged = FILE.clone();
        damaged[at] ^= 0x10;
        DecodedImage d = TglDecoder.decode(damaged, Limits.DEFAULT);
        assertFalse(d.complete());
        TileRect r = new TglHeader(40, 24, 3, true, 8, false, 0, 16, 16).tile(t);
        assertTrue(d.warning().startsWith("1 of 6 tiles damaged"), d.warning());
        assertTrue(d.warning().contains(r.describe() + ": checksum mismatch"), d.warning());
        assertTilesEqualExcept(IMAGE, d.image(), t);
        assertGrey(d.image(), r);
      }
    }
  }

  @Test
  void aFlippedBitInTheHeaderIsMalformed() {
    TglBytes.Chunk head = TglBytes.first(FILE, "THDR");
    byte[] damaged = FILE.clone();
    damaged[head.dataOffset() + 3] ^= 1;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> TglDecoder.decode(damaged, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("THDR"), e.getMessage());
    assertEquals(head.offset(), e.offset());
  }

  @Test
  void aDamagedIndexIsReportedAndTheTilesAreFoundByTheirNumbers() {
    TglBytes.Chunk index = TglBytes.first(FILE, "TIDX");
    byte[] damaged = FILE.clone();
    damaged[index.dataOffset() + 9] ^= 0x55;
    DecodedImage d = TglDecoder.decode(damaged, Limits.DEFAULT);
    assertFalse(d.complete());
    assertTrue(d.warning().contains("tile index"), d.warning());
    assertArrayEquals(IMAGE.rgba(), d.image().rgba());
  }

  @Test
  void aDamagedIndexAndADamagedTileStillLoseOnlyThatTile() {
    byte[] damaged = FILE.clone();
    damaged[TglBytes.first(FILE, "TIDX").dataOffset() + 5] ^= 1;
    TglBytes.Chunk tile = TglBytes.all(FILE, "TILE").get(4);
    damaged[tile.dataOffset() + 20] ^= 1;
    DecodedImage d = TglDecoder.decode(damaged, Limits.DEFAULT);
    assertTrue(d.warning().contains("tile 4 "), d.warning());
    assertTilesEqualExcept(IMAGE, d.image(), 4);
  }

  @Test
  void aDamagedMetadataChunkIsDroppedWithAWarning() {
    TglBytes.Chunk exif = TglBytes.first(FILE, "exif");
    byte[] damaged = FILE.clone();
    damaged[exif.dataOffset()] ^= 1;
    DecodedImage d = TglDecoder.decode(damaged, Limits.DEFAULT);
    assertFalse(d.complete());
    assertTrue(d.warning().contains("exif"), d.warning());
    assertEquals(null, d.metadata().exif());
    assertEquals("hi", d.metadata().text().get("comment"));
    assertArrayEquals(IMAGE.rgba(), d.image().rgba());
  }

  @Test
  void aTileChunkInTheWrongPlaceIsDamaged() {
    // swap the data of tiles 1 and 2 (same size: both full 16x16 tiles) and fix the CRCs
    TglBytes.Chunk a = TglBytes.all(FILE, "TILE").get(0);
    TglBytes.Chunk b = TglBytes.all(FILE, "TILE").get(1);
    assertEquals(a.length(), b.length());
    byte[] swapped = FILE.clone();
    System.arraycopy(FILE, a.offset(), swapped, b.offset(), a.end() - a.offset());
    System.arraycopy(FILE, b.offset(), swapped, a.offset(), b.end() - b.offset());
    DecodedImage d = TglDecoder.decode(swapped, Limits.DEFAULT);
    assertTrue(d.warning().startsWith("2 of 6 tiles damaged"), d.warning());
    assertTrue(d.warning().contains("holds tile 1"), d.warning());
  }

  @Test
  void everyTruncationIsATruncatedErrorOrAPartialImageNamingTheMissingTiles() {
    int tilesStart = TglBytes.all(FILE, "TILE").get(0).offset();
    int firstTileEnd = TglBytes.all(FILE, "TILE").get(0).end();
    int lastTileEnd = TglBytes.all(FILE, "TILE").get(5).end();
    for (int n = 0; n < FILE.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(FILE, n);
      try {
        DecodedImage d = TglDecoder.decode(cut, Limits.DEFAULT);
        assertTrue(n > tilesStart, "decoded a file cut at " + n + " before the tiles");
        assertFalse(d.complete(), "cut at " + n);
        assertNotNull(d.warning());
        if (n < lastTileEnd) {
          assertTrue(d.warning().contains("the file ends"), n + ": " + d.warning());
        } else {
          assertTrue(d.warning().contains("no TEND"), n + ": " + d.warning());
          assertArrayEquals(IMAGE.rgba(), d.image().rgba());
        }
      } catch (TruncatedInputException e) {
        assertTrue(n < firstTileEnd, "truncated error for a cut at " + n
            + " after the first tile: " + e.getMessage());
      } catch (TegulaException e) {
        fail("cut at " + n + ": " + e.code() + " " + e.getMessage());
      }
    }
  }

  @Test
  void theIntactTilesOfACutFileDecode() {
    TglBytes.Chunk third = TglBytes.all(FILE, "TILE").get(3);
    byte[] cut = java.util.Arrays.copyOf(FILE, third.offset() + 30);
    DecodedImage d = TglDecoder.decode(cut, Limits.DEFAULT);
    assertTrue(d.warning().startsWith("3 of 6 tiles damaged"), d.warning());
    assertTrue(d.warning().contains("tile 3 (column 0, row 1; x 0-15, y 16-23): the file ends "
        + "inside this tile"), d.warning());
    assertTrue(d.warning().contains("; tiles 4-5 (from tile 4 (column 1, row 1; x 16-31, y 16-23)"
        + " to tile 5 (column 2, row 1; x 32-39, y 16-23)): the file ends before this tile"),
        d.warning());
    for (int t = 0; t < 3; t++) {
      assertTileEquals(IMAGE, d.image(), t);
    }
  }

  @Test
  void aHeaderClaimingAHugeImageFailsTheLimitBeforeAllocating() {
    TglBytes.Chunk head = TglBytes.first(FILE, "THDR");
    byte[] huge = FILE.clone();
    Bytes.putU32(huge, head.dataOffset(), 0x7FFF_FFFFL);
    Bytes.putU32(huge, head.dataOffset() + 4, 0x7FFF_FFFFL);
    TglBytes.fixCrc(huge, head);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> TglDecoder.decode(huge, Limits.DEFAULT));
    assertEquals(head.dataOffset(), e.offset());
    // within the side limit but over the pixel limit
    Bytes.putU32(huge, head.dataOffset(), 60_000);
    Bytes.putU32(huge, head.dataOffset() + 4, 60_000);
    TglBytes.fixCrc(huge, head);
    assertThrows(LimitExceededException.class, () -> TglDecoder.open(huge, Limits.DEFAULT));
    // allowed by generous limits, the structure is then wrong, still without allocating pixels
    Limits generous = Limits.DEFAULT.withMaxPixels(4_000_000_000L).withMaxTiles(20_000_000);
    assertThrows(MalformedInputException.class, () -> TglDecoder.open(huge, generous));
  }

  @Test
  void theTileCountIsCheckedAgainstTheLimit() {
    assertThrows(LimitExceededException.class,
        () -> TglDecoder.decode(FILE, Limits.DEFAULT.withMaxTiles(5)));
    TglDecoder.decode(FILE, Limits.DEFAULT.withMaxTiles(6));
  }

  @Test
  void metadataAndChunkCountsAreChecked() {
    assertThrows(LimitExceededException.class,
        () -> TglDecoder.decode(FILE, Limits.DEFAULT.withMaxMetadataBytes(4)));
    assertThrows(LimitExceededException.class,
        () -> TglDecoder.decode(FILE, Limits.DEFAULT.withMaxSegments(2)));
  }

  @Test
  void unknownOptionalChunksAreSkippedAnywhereOutsideTheTiles() {
    byte[] extra = TglBytes.chunk("zzZz", "future stuff".getBytes(StandardCharsets.US_ASCII));
    byte[] withBefore = TglBytes.insert(FILE, TglBytes.first(FILE, "TIDX").offset(), extra);
    byte[] withBoth = TglBytes.insert(withBefore, TglBytes.first(withBefore, "TEND").offset(), extra);
    DecodedImage d = TglDecoder.decode(withBoth, Limits.DEFAULT);
    assertTrue(d.complete(), d.warning());
    assertArrayEquals(IMAGE.rgba(), d.image().rgba());
    TglFile f = TglDecoder.open(withBoth, Limits.DEFAULT);
    assertEquals(2, f.chunks().stream().filter(c -> c.type().equals("zzZz") && !c.known()).count());
  }

  @Test
  void unknownRequiredThingsAreUnsupported() {
    byte[] required = TglBytes.chunk("NEWS", new byte[3]);
    byte[] withChunk = TglBytes.insert(FILE, TglBytes.first(FILE, "TIDX").offset(), required);
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> TglDecoder.decode(withChunk, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("NEWS"), e.getMessage());

    byte[] afterTiles = TglBytes.insert(FILE, TglBytes.first(FILE, "TEND").offset(), required);
    assertThrows(UnsupportedFeatureException.class,
        () -> TglDecoder.decode(afterTiles, Limits.DEFAULT));

    byte[] feature = FILE.clone();
    TglBytes.Chunk head = TglBytes.first(FILE, "THDR");
    feature[head.dataOffset() + 19] = 4;
    TglBytes.fixCrc(feature, head);
    assertThrows(UnsupportedFeatureException.class, () -> TglDecoder.decode(feature, Limits.DEFAULT));
  }

  @Test
  void versionsAreChecked() {
    byte[] v2 = FILE.clone();
    v2[9] = 2;
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> TglDecoder.decode(v2, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    byte[] v0 = FILE.clone();
    v0[9] = 0;
    assertThrows(MalformedInputException.class, () -> TglDecoder.decode(v0, Limits.DEFAULT));
  }

  @Test
  void badSignaturesAndEmptyInput() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0};
    assertThrows(MalformedInputException.class, () -> TglDecoder.decode(png, Limits.DEFAULT));
    assertThrows(TruncatedInputException.class, () -> TglDecoder.decode(new byte[0], Limits.DEFAULT));
  }

  @Test
  void badHeaderValuesAreMalformed() {
    TglBytes.Chunk head = TglBytes.first(FILE, "THDR");
    int[][] edits = {{8, 2}, {9, 2}, {10, 12}, {11, 2}, {12, 101}, {13, 1}, {15, 8}};
    for (int[] edit : edits) {
      byte[] bad = FILE.clone();
      bad[head.dataOffset() + edit[0]] = (byte) edit[1];
      TglBytes.fixCrc(bad, head);
      assertThrows(MalformedInputException.class, () -> TglDecoder.decode(bad, Limits.DEFAULT),
          "THDR byte " + edit[0] + " = " + edit[1]);
    }
  }

  @Test
  void badPlaneLayoutsAreDamagedTiles() {
    TglBytes.Chunk tile = TglBytes.all(FILE, "TILE").get(2);
    int[][] edits = {{4, 3}, {5, 9}, {6, 1}, {6, 2}, {5, 3}};
    for (int[] edit : edits) {
      byte[] bad = FILE.clone();
      bad[tile.dataOffset() + edit[0]] = (byte) edit[1];
      TglBytes.fixCrc(bad, tile);
      DecodedImage d = TglDecoder.decode(bad, Limits.DEFAULT);
      assertTrue(d.warning().contains("tile 2 ") && d.warning().contains("does not decode"),
          d.warning());
      assertTilesEqualExcept(IMAGE, d.image(), 2);
    }
  }

  @Test
  void aSingleTileFileWithItsTileDamagedIsAnError() {
    byte[] one = TglEncoder.encode(TestImages.rgb(20, 20, 3, false), null,
        ContainerRoundTripTest.LOSSLESS);
    TglBytes.Chunk tile = TglBytes.first(one, "TILE");
    one[tile.dataOffset() + 40] ^= 8;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> TglDecoder.decode(one, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  /** Random damage anywhere: only the declared exception family, never a hang. */
  @Test
  void randomDamageNeverEscapesTheExceptionFamily() {
    int[] seed = {2024};
    for (int round = 0; round < 3000; round++) {
      byte[] bad = FILE.clone();
      int edits = 1 + (TestImages.next(seed) & 3);
      for (int i = 0; i < edits; i++) {
        int at = (TestImages.next(seed) >>> 1) % bad.length;
        bad[at] = (byte) TestImages.next(seed);
      }
      if ((round & 7) == 0) {
        // and fix the CRC of the chunk that was hit, so the structure checks see the damage
        for (TglBytes.Chunk c : TglBytes.chunks(bad)) {
          if (c.end() <= bad.length && c.length() >= 0) {
            TglBytes.fixCrc(bad, c);
          }
        }
      }
      try {
        TglDecoder.decode(bad, Limits.DEFAULT);
      } catch (TegulaException expected) {
        // fine: reported as bad input
      }
    }
  }

  static void assertTilesEqualExcept(Image expected, Image actual, int skip) {
    TglHeader h = new TglHeader(expected.width(), expected.height(), 3, true, 8, false, 0, 16, 16);
    for (int t = 0; t < h.tileCount(); t++) {
      if (t != skip) {
        assertTileEquals(expected, actual, t);
      }
    }
  }

  static void assertTileEquals(Image expected, Image actual, int t) {
    TglHeader h = new TglHeader(expected.width(), expected.height(), 3, true, 8, false, 0, 16, 16);
    TileRect r = h.tile(t);
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      int from = (y * expected.width() + r.x()) * 4;
      assertArrayEquals(java.util.Arrays.copyOfRange(expected.rgba(), from, from + r.width() * 4),
          java.util.Arrays.copyOfRange(actual.rgba(), from, from + r.width() * 4),
          "tile " + t + " row " + y);
    }
  }

  static void assertGrey(Image image, TileRect r) {
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        int p = (y * image.width() + x) * 4;
        assertEquals(128, image.rgba()[p] & 0xFF);
        assertEquals(255, image.rgba()[p + 3] & 0xFF);
      }
    }
  }
}
