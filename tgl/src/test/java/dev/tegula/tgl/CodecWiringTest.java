package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.tgl.lossy.LossyCodec;
import org.junit.jupiter.api.Test;

/**
 * The container hands each codec the right tile geometry and puts its output in the right place:
 * checked against the codecs called directly, so nothing here depends on how good a codec is.
 */
class CodecWiringTest {
  @Test
  void lossyTilesAreTheLossyCodecsOutputPutInPlace() {
    Image image = TestImages.rgb(100, 70, 21, false);
    byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossy(75).withTileSize(32));
    assertArrayEquals(file, TglEncoder.encode(image, null, TglEncodeOptions.lossy(75)
        .withTileSize(32)), "encoding is deterministic");
    TglFile f = TglDecoder.open(file, Limits.DEFAULT);
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertTrue(d.complete(), d.warning());
    int lossyTiles = 0;
    for (int t = 0; t < f.tileCount(); t++) {
      TileRect r = f.tile(t).rect();
      byte[] tile = ContainerRoundTripTest.tileData(file, t);
      assertEquals(1, tile[4], "one plane");
      int codec = tile[5];
      int length = (int) Bytes.u32(tile, 7);
      byte[] expected = new byte[r.width() * r.height() * 3];
      if (codec == TglFormat.CODEC_LOSSY) {
        lossyTiles++;
        LossyCodec.decode(tile, 11, length, r.width(), r.height(), 3, expected);
      } else {
        PixelPacking.extractBytes(image, r, 3, expected);
      }
      byte[] actual = new byte[expected.length];
      PixelPacking.extractBytes(d.image(), r, 3, actual);
      assertArrayEquals(expected, actual, r.describe());
    }
    assertTrue(lossyTiles > 0);
    for (int p = 3; p < d.image().rgba().length; p += 4) {
      assertEquals((byte) 0xFF, d.image().rgba()[p]);
    }
  }

  /**
   * Whether every lossy tile of {@code file} has the FULL_CHROMA flag (format-lossy.md §2: bit 0
   * of the tile header's flags byte) set; fails when none is lossy.
   */
  private static boolean everyLossyTileFullChroma(byte[] file, boolean full) {
    TglFile f = TglDecoder.open(file, Limits.DEFAULT);
    int lossy = 0;
    for (int t = 0; t < f.tileCount(); t++) {
      byte[] tile = ContainerRoundTripTest.tileData(file, t);
      if (tile[5] == TglFormat.CODEC_LOSSY) {
        lossy++;
        if (((tile[11 + 1] & 1) != 0) != full) {
          return false;
        }
      }
    }
    assertTrue(lossy > 0, "no lossy tile");
    return true;
  }

  @Test
  void theChromaResolutionReachesEveryLossyTile() {
    Image image = TestImages.rgb(100, 70, 21, false);
    TglEncodeOptions q60 = TglEncodeOptions.lossy(60).withTileSize(32);
    TglEncodeOptions q100 = TglEncodeOptions.lossy(100).withTileSize(32);
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null, q60), false));
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null,
        q60.withChroma(TglEncodeOptions.Chroma.FULL)), true));
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null, q100), true));
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null,
        q100.withChroma(TglEncodeOptions.Chroma.HALF)), false));
    // the encoder's own choice switches at 97, as JPEG's
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null,
        TglEncodeOptions.lossyHundredths(9699).withTileSize(32)), false));
    assertTrue(everyLossyTileFullChroma(TglEncoder.encode(image, null,
        TglEncodeOptions.lossy(97).withTileSize(32)), true));
    assertEquals(TglEncodeOptions.Chroma.HALF, TglEncodeOptions.lossyHundredths(9699).chromaUsed());
    assertEquals(TglEncodeOptions.Chroma.FULL, TglEncodeOptions.lossy(97).chromaUsed());
    assertEquals(TglEncodeOptions.Chroma.FULL, q60.withChroma(TglEncodeOptions.Chroma.FULL)
        .withTileSize(64).chromaUsed());
    assertEquals("4:2:0", TglEncodeOptions.Chroma.HALF.label());
  }

  @Test
  void greyStaysGreyThroughTheLossyCodec() {
    Image image = TestImages.grey(80, 50, 3);
    byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossy(50).withTileSize(64));
    assertEquals(1, TglDecoder.open(file, Limits.DEFAULT).header().colour());
    byte[] rgba = TglDecoder.decode(file, Limits.DEFAULT).image().rgba();
    for (int p = 0; p < rgba.length; p += 4) {
      assertEquals(rgba[p], rgba[p + 1]);
      assertEquals(rgba[p], rgba[p + 2]);
    }
  }

  @Test
  void aLossyFileIsSmallerThanItsSamples() {
    Image image = TestImages.rgb(256, 256, 8, false);
    byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossy(30));
    assertTrue(file.length < 256 * 256 * 3, "size " + file.length);
  }

  @Test
  void losslessTilesRestoreExactlyWithAlphaAsItsOwnPlane() {
    Image image = TestImages.rgb(150, 90, 33, true);
    byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossless().withTileSize(64));
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertTrue(d.complete(), d.warning());
    assertArrayEquals(image.rgba(), d.image().rgba());
    int losslessPlanes = 0;
    for (int t = 0; t < TglDecoder.open(file, Limits.DEFAULT).tileCount(); t++) {
      byte[] tile = ContainerRoundTripTest.tileData(file, t);
      assertEquals(2, tile[4], "colour and alpha planes");
      int colourLength = (int) Bytes.u32(tile, 7);
      int alpha = 5 + 6 + colourLength;
      assertEquals(TglFormat.CONTENT_COLOUR, tile[6]);
      assertEquals(TglFormat.CONTENT_ALPHA, tile[alpha + 1]);
      losslessPlanes += (tile[5] == TglFormat.CODEC_LOSSLESS ? 1 : 0)
          + (tile[alpha] == TglFormat.CODEC_LOSSLESS ? 1 : 0);
    }
    assertTrue(losslessPlanes > 0);
  }

  @Test
  void losslessKeepsSixteenBitGreyAndColour() {
    for (boolean grey : new boolean[] {true, false}) {
      Image image = TestImages.sixteen(70, 45, 5, grey, true);
      byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossless().withTileSize(32));
      DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
      assertArrayEquals(image.rgba16(), d.image().rgba16());
      assertArrayEquals(image.rgba(), d.image().rgba());
    }
  }

  @Test
  void lossyColourKeepsAlphaExact() {
    Image image = TestImages.rgb(130, 70, 12, true);
    byte[] file = TglEncoder.encode(image, null, TglEncodeOptions.lossy(40).withTileSize(64));
    byte[] rgba = TglDecoder.decode(file, Limits.DEFAULT).image().rgba();
    for (int p = 3; p < rgba.length; p += 4) {
      assertEquals(image.rgba()[p], rgba[p], "alpha at " + p / 4);
    }
  }
}
