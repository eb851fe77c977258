package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The container on its own: every plane is stored or constant (codecs 0 and 1), so these tests do
 * not depend on the pixel codecs.
 */
class ContainerRoundTripTest {
  static final TglEncodeOptions LOSSLESS = TglEncodeOptions.lossless().withContainerCodecsOnly();

  static DecodedImage roundTrip(Image image, Metadata metadata, TglEncodeOptions options) {
    byte[] file = TglEncoder.encode(image, metadata, options);
    return TglDecoder.decode(file, Limits.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource({"1,1,16", "16,16,16", "17,33,16", "300,200,64", "255,257,256", "40,24,4096"})
  void rgbSurvivesExactlyAtEverySizeAndTiling(int w, int h, int tile) {
    Image image = TestImages.rgb(w, h, w * 31 + h, false);
    byte[] file = TglEncoder.encode(image, null, LOSSLESS.withTileSize(tile));
    TglFile parsed = TglDecoder.open(file, Limits.DEFAULT);
    assertEquals(((w + tile - 1) / tile) * ((h + tile - 1) / tile), parsed.tileCount());
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertTrue(d.complete(), d.warning());
    assertNull(d.warning());
    assertArrayEquals(image.rgba(), d.image().rgba());
    assertEquals(new ImageInfo("tgl", w, h, 3, 8, "RGB", "lossless", null, false, false, 1, 0),
        d.info());
  }

  @Test
  void writesTheSignatureAndVersionOne() {
    byte[] file = TglEncoder.encode(TestImages.rgb(20, 20, 1, false), null, LOSSLESS);
    assertArrayEquals(new byte[] {(byte) 0x89, 'T', 'G', 'L', 13, 10, 26, 10, 0, 1},
        java.util.Arrays.copyOf(file, 10));
    assertTrue(TglDecoder.looksLikeTgl(file));
    assertFalse(TglDecoder.looksLikeTgl(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    List<String> types = TglBytes.chunks(file).stream().map(TglBytes.Chunk::type).toList();
    assertEquals(List.of("THDR", "TIDX", "TILE", "TEND"), types);
  }

  @Test
  void greyImagesAreStoredWithOneChannel() {
    Image image = TestImages.grey(70, 50, 5);
    byte[] file = TglEncoder.encode(image, null, LOSSLESS.withTileSize(32));
    TglHeader h = TglDecoder.open(file, Limits.DEFAULT).header();
    assertEquals(1, h.colour());
    assertFalse(h.alpha());
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertEquals("grayscale", d.info().colorSpace());
    assertArrayEquals(image.rgba(), d.image().rgba());
    // a third of the RGB file: one stored sample per pixel
    byte[] rgbFile = TglEncoder.encode(TestImages.rgb(70, 50, 5, false), null,
        LOSSLESS.withTileSize(32));
    assertTrue(file.length * 2 < rgbFile.length, file.length + " vs " + rgbFile.length);
  }

  @Test
  void alphaIsItsOwnExactPlaneAndConstantTilesCostAlmostNothing() {
    Image image = TestImages.rgb(96, 40, 9, true);
    byte[] file = TglEncoder.encode(image, null, LOSSLESS.withTileSize(16));
    TglFile parsed = TglDecoder.open(file, Limits.DEFAULT);
    assertTrue(parsed.header().alpha());
    assertEquals("RGBA", parsed.info().colorSpace());
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertArrayEquals(image.rgba(), d.image().rgba());
    // tile 0 lies in the clear third: its alpha plane is constant 0 (codec 1, content 1)
    byte[] tile0 = tileData(file, 0);
    assertEquals(2, tile0[4]);
    int alphaPlane = 5 + 6 + (int) Bytes.u32(tile0, 5 + 2);
    assertEquals(TglFormat.CODEC_CONSTANT, tile0[alphaPlane]);
    assertEquals(TglFormat.CONTENT_ALPHA, tile0[alphaPlane + 1]);
    assertEquals(1, Bytes.u32(tile0, alphaPlane + 2));
    assertEquals(0, tile0[alphaPlane + 6]);
  }

  @Test
  void aFlatImageIsConstantEverywhere() {
    Image image = TestImages.flat(600, 300, 10, 20, 30, 255);
    byte[] file = TglEncoder.encode(image, null, LOSSLESS);
    // constant tiles of 12 + 5 + 6 + 3 bytes, index, header, end
    assertTrue(file.length < 300, "size " + file.length);
    assertArrayEquals(image.rgba(), TglDecoder.decode(file, Limits.DEFAULT).image().rgba());
  }

  @ParameterizedTest
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void sixteenBitSamplesStaySixteenBitInLosslessMode(boolean grey, boolean alpha) {
    Image image = TestImages.sixteen(45, 37, 3, grey, alpha);
    byte[] file = TglEncoder.encode(image, null, LOSSLESS.withTileSize(16));
    TglHeader h = TglDecoder.open(file, Limits.DEFAULT).header();
    assertEquals(16, h.bitDepth());
    assertEquals(grey ? 1 : 3, h.colour());
    assertEquals(alpha, h.alpha());
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertTrue(d.image().has16BitSamples());
    assertArrayEquals(image.rgba16(), d.image().rgba16());
    // the 8-bit view follows format.md §10: floor(v/257) colour, ceil(a/257) alpha
    assertArrayEquals(image.rgba(), d.image().rgba());
  }

  @Test
  void lossyModeWritesEightBitSamplesAndKeepsAlphaExact() {
    Image image = TestImages.sixteen(40, 30, 11, false, true);
    byte[] file = TglEncoder.encode(image, null,
        TglEncodeOptions.lossy(80).withContainerCodecsOnly().withTileSize(16));
    TglHeader h = TglDecoder.open(file, Limits.DEFAULT).header();
    assertTrue(h.lossy());
    assertEquals(8, h.bitDepth());
    assertEquals(80, h.quality());
    DecodedImage d = TglDecoder.decode(file, Limits.DEFAULT);
    assertEquals("lossy", d.info().variant());
    assertFalse(d.image().has16BitSamples());
    // stored colour planes are exact too, so the whole 8-bit image comes back
    assertArrayEquals(image.rgba(), d.image().rgba());
  }

  @Test
  void metadataIsKeptByteForByte() {
    byte[] exif = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0};
    byte[] icc = new byte[3000];
    for (int i = 0; i < icc.length; i++) {
      icc[i] = (byte) (i * 7);
    }
    byte[] xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>ü</x:xmpmeta>".getBytes(StandardCharsets.UTF_8);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("comment", "made by a test");
    text.put("Title", "Grüße, 世界");
    text.put("Empty", "");
    Metadata metadata = new Metadata(icc, exif, xmp, text);
    DecodedImage d = roundTrip(TestImages.rgb(20, 20, 2, false), metadata, LOSSLESS);
    assertArrayEquals(exif, d.metadata().exif());
    assertArrayEquals(icc, d.metadata().icc());
    assertArrayEquals(xmp, d.metadata().xmp());
    assertEquals(List.copyOf(text.entrySet()), List.copyOf(d.metadata().text().entrySet()));
    assertTrue(d.complete());
  }

  @Test
  void tilesCanBeCodedInAnyOrderOnManyThreadsWithTheSameBytes() throws Exception {
    Image image = TestImages.rgb(333, 222, 4, true);
    TglEncodeOptions options = LOSSLESS.withTileSize(32);
    byte[] serial = TglEncoder.encode(image, null, options);
    TglEncoding job = TglEncoder.start(image, null, options);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = job.tileCount() - 1; t >= 0; t--) {
        int tile = t;
        futures.add(pool.submit(() -> job.runTile(tile)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertArrayEquals(serial, job.finish());

      TglDecoding decoding = TglDecoder.start(TglDecoder.open(serial, Limits.DEFAULT));
      futures.clear();
      for (int t = 0; t < decoding.tileCount(); t++) {
        int tile = t;
        futures.add(pool.submit(() -> decoding.runTile(tile)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertArrayEquals(image.rgba(), decoding.finish().image().rgba());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void finishingBeforeEveryTileRanIsAnError() {
    TglEncoding job = TglEncoder.start(TestImages.rgb(40, 40, 1, false), null,
        LOSSLESS.withTileSize(16));
    job.runTile(0);
    assertThrows(IllegalStateException.class, job::finish);
  }

  @Test
  void tooManyTilesForDefaultDecodersIsRefusedAtEncode() {
    Image image = new Image(4100, 4100, new byte[4100 * 4100 * 4]);
    assertThrows(IllegalArgumentException.class,
        () -> TglEncoder.start(image, null, LOSSLESS.withTileSize(16)));
  }

  @Test
  void optionsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> TglEncodeOptions.lossy(101));
    assertThrows(IllegalArgumentException.class, () -> TglEncodeOptions.lossy(-1));
    assertThrows(IllegalArgumentException.class, () -> TglEncodeOptions.lossyHundredths(10001));
    assertThrows(IllegalArgumentException.class, () -> TglEncodeOptions.lossyHundredths(-1));
    assertEquals(75, TglEncodeOptions.lossyHundredths(7550).quality());
    assertEquals(7550, TglEncodeOptions.lossyHundredths(7550).qualityHundredths());
    assertThrows(IllegalArgumentException.class, () -> TglEncodeOptions.lossless().withTileSize(8));
    assertThrows(IllegalArgumentException.class,
        () -> TglEncodeOptions.lossless().withTileSize(4097));
    assertThrows(IllegalArgumentException.class,
        () -> TglEncoder.encode(null, null, TglEncodeOptions.lossless()));
    assertThrows(IllegalArgumentException.class, () -> TglDecoder.decode(null, Limits.DEFAULT));
  }

  static byte[] tileData(byte[] file, int index) {
    TglBytes.Chunk c = TglBytes.all(file, "TILE").get(index);
    return TglBytes.data(file, c);
  }
}
