package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tiles coded and decoded one by one from their own pixels (as the browser's workers do) give
 * the same file and the same pixels as the whole-image encoder and decoder.
 */
class StandaloneTilesTest {
  private static final Metadata META =
      new Metadata(null, new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0}, null, Map.of("comment", "hi"));

  @Test
  void tilesCodedApartMakeTheSameFile() {
    check(TestImages.rgb(150, 97, 3, false), TglEncodeOptions.lossy(60).withTileSize(64), false, false);
    check(TestImages.rgb(100, 70, 4, true), TglEncodeOptions.lossless().withTileSize(32), false, true);
    check(TestImages.grey(90, 50, 5), TglEncodeOptions.lossy(30).withTileSize(48), true, false);
  }

  private static void check(Image image, TglEncodeOptions options, boolean grey, boolean alpha) {
    byte[] whole = TglEncoder.encode(image, META, options);
    TglHeader h = StandaloneTileEncoder.header(image.width(), image.height(), grey, alpha, options);
    byte[][] tiles = new byte[(int) h.tileCount()][];
    for (int t = 0; t < tiles.length; t++) {
      tiles[t] = StandaloneTileEncoder.encodeTile(h, t, cut(image, h.tile(t)), options);
    }
    assertArrayEquals(whole, StandaloneTileEncoder.assemble(h, META, tiles));

    TglFile file = TglDecoder.open(whole, Limits.DEFAULT);
    DecodedImage reference = TglDecoder.decode(whole, Limits.DEFAULT);
    for (int t = 0; t < file.tileCount(); t++) {
      TileEntry e = file.tile(t);
      byte[] chunk = java.util.Arrays.copyOfRange(whole, e.offset(), e.offset() + e.size());
      StandaloneTileDecoder.Tile tile = StandaloneTileDecoder.decodeTile(file.header(), t, chunk,
          e.offset());
      assertNull(tile.problem());
      assertArrayEquals(cut(reference.image(), e.rect()), tile.rgba(), "tile " + t);
      assertArrayEquals(tile.rgba(), into(file.header(), t, chunk, e.offset(), null),
          "tile " + t + " into a target");
    }
  }

  /** decodeTileInto's pixels, after checking that it names the same problem as decodeTile. */
  private static byte[] into(TglHeader h, int index, byte[] chunk, int offset, String problem) {
    BufferTarget target = new BufferTarget();
    assertEquals(problem, StandaloneTileDecoder.decodeTileInto(h, index, chunk, offset, target));
    byte[] rgba = new byte[target.width() * target.height() * 4];
    target.buffer().get(0, rgba);
    return rgba;
  }

  @Test
  void sixteenBitTilesGoIntoATargetAsTheir8BitRgba() {
    Image image = TestImages.sixteen(70, 40, 9, false, true);
    TglEncodeOptions options = TglEncodeOptions.lossless().withTileSize(32);
    byte[] tgl = TglEncoder.encode(image, null, options);
    TglFile file = TglDecoder.open(tgl, Limits.DEFAULT);
    for (int t = 0; t < file.tileCount(); t++) {
      TileEntry e = file.tile(t);
      byte[] chunk = java.util.Arrays.copyOfRange(tgl, e.offset(), e.offset() + e.size());
      StandaloneTileDecoder.Tile tile = StandaloneTileDecoder.decodeTile(file.header(), t, chunk,
          e.offset());
      assertArrayEquals(tile.rgba(), into(file.header(), t, chunk, e.offset(), null), "tile " + t);
    }
  }

  @Test
  void aDamagedChunkGivesAGreyTileAndItsProblem() {
    TglEncodeOptions options = TglEncodeOptions.lossy(50).withTileSize(32);
    byte[] tgl = TglEncoder.encode(TestImages.rgb(64, 32, 7, false), null, options);
    TglFile file = TglDecoder.open(tgl, Limits.DEFAULT);
    TileEntry e = file.tile(1);
    byte[] chunk = java.util.Arrays.copyOfRange(tgl, e.offset(), e.offset() + e.size());
    chunk[20] ^= 1;
    StandaloneTileDecoder.Tile tile = StandaloneTileDecoder.decodeTile(file.header(), 1, chunk,
        e.offset());
    assertNotNull(tile.problem());
    assertEquals("checksum mismatch (CRC-32 of its TILE chunk at byte " + e.offset() + ")",
        tile.problem());
    assertArrayEquals(tile.rgba(), into(file.header(), 1, chunk, e.offset(), tile.problem()));
    for (int i = 0; i < tile.rgba().length; i += 4) {
      assertEquals((byte) 128, tile.rgba()[i]);
      assertEquals((byte) 255, tile.rgba()[i + 3]);
    }
    // the chunk of another tile is named as such
    StandaloneTileDecoder.Tile other = StandaloneTileDecoder.decodeTile(file.header(), 0,
        java.util.Arrays.copyOfRange(tgl, e.offset(), e.offset() + e.size()), e.offset());
    assertEquals("its chunk at byte " + e.offset() + " holds tile 1", other.problem());
  }

  @Test
  void misuseIsAnIllegalArgument() {
    TglEncodeOptions options = TglEncodeOptions.lossy(50).withTileSize(32);
    TglHeader h = StandaloneTileEncoder.header(64, 32, false, false, options);
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileEncoder.encodeTile(h, 2, new byte[32 * 32 * 4], options));
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileEncoder.encodeTile(h, 0, new byte[5], options));
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileEncoder.assemble(h, null, new byte[1][]));
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileDecoder.decodeTile(h, 0, new byte[3], 0));
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileDecoder.decodeTileInto(h, 0, new byte[3], 0, new BufferTarget()));
    assertThrows(IllegalArgumentException.class,
        () -> StandaloneTileDecoder.decodeTileInto(h, 0, new byte[40], 0, null));
  }

  static byte[] cut(Image image, TileRect r) {
    byte[] out = new byte[r.width() * r.height() * 4];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(image.rgba(), ((r.y() + y) * image.width() + r.x()) * 4, out,
          y * r.width() * 4, r.width() * 4);
    }
    return out;
  }
}
