package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TileJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** .tgl through the facade: detection, info with orientation, decode, restore, compress. */
class TglFacadeTest {
  static Path testdata(String relative) {
    String property = System.getProperty("tegula.testdata");
    Path dir = property != null ? Path.of(property) : null;
    for (Path d = Path.of("").toAbsolutePath(); dir == null && d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("testdata/README.md"))) {
        dir = d.resolve("testdata");
      }
    }
    return dir.resolve(relative);
  }

  static byte[] corpus(String name) throws IOException {
    return Files.readAllBytes(testdata("tgl/v1/" + name));
  }

  @Test
  void detectsTgl() throws IOException {
    assertEquals(ImageFormat.TGL, Tegula.detect(corpus("rgb8-stored.tgl")));
    assertEquals("image/x-tegula", ImageFormat.TGL.mimeType());
    assertEquals("tgl", ImageFormat.TGL.extension());
  }

  @Test
  void readInfoReportsTheExifOrientation() throws IOException {
    ImageInfo info = Tegula.readInfo(corpus("grey16-alpha-metadata.tgl"));
    assertEquals(new ImageInfo("tgl", 33, 20, 2, 16, "grayscale+alpha", "lossless", null, false,
        true, 6, 0), info);
  }

  @Test
  void decodeHandlesTglAndAppliesTheOrientationOnRequest() throws IOException {
    byte[] file = corpus("grey16-alpha-metadata.tgl");
    DecodedImage stored = Tegula.decode(file);
    assertEquals(33, stored.image().width());
    assertEquals(6, stored.info().orientation());
    assertTrue(stored.complete());
    DecodedImage upright = Tegula.decode(file, DecodeOptions.DEFAULT.withAutoOrient(true));
    assertEquals(20, upright.image().width());
    assertEquals(33, upright.image().height());
    // orientation 6: the stored bottom-left pixel shows at the top left
    int stored0 = ((20 - 1) * 33) * 4;
    assertEquals(stored.image().rgba()[stored0], upright.image().rgba()[0]);
  }

  @Test
  void restoreIsDecodeForTglOnly() throws IOException {
    byte[] file = corpus("rgba8-lossy-mode.tgl");
    assertArrayEquals(Tegula.decode(file).image().rgba(),
        Tegula.restore(file, DecodeOptions.DEFAULT).image().rgba());
    byte[] png = Files.readAllBytes(testdata("png/gray16.png"));
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> Tegula.restore(png, DecodeOptions.DEFAULT));
    assertTrue(e.getMessage().startsWith("not a .tgl file"), e.getMessage());
  }

  /**
   * A file that starts like a PNG but whose signature is damaged or cut off gets the PNG
   * decoder's account (which byte, where it ends), not "not a JPEG, PNG or .tgl file".
   */
  @Test
  void aDamagedPngSignatureIsNamed() throws IOException {
    byte[] bad = Files.readAllBytes(testdata("invalid/png_bad_signature.png"));
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> Tegula.decode(bad));
    assertEquals("not a PNG file: its signature has 0x0b where PNG's has 0x0a (at byte 7)",
        e.getMessage());
    assertEquals(7, e.offset());
    byte[] cut = Arrays.copyOf(Files.readAllBytes(testdata("png/gray16.png")), 6);
    assertThrows(TruncatedInputException.class, () -> Tegula.readInfo(cut, Limits.DEFAULT));
    // three bytes are too few to tell: the generic account
    MalformedInputException three = assertThrows(MalformedInputException.class,
        () -> Tegula.decode(Arrays.copyOf(bad, 3)));
    assertTrue(three.getMessage().startsWith("not a JPEG, PNG or .tgl file"), three.getMessage());
  }

  @Test
  void restoreRunsAsATileJob() throws IOException {
    byte[] file = corpus("rgb8-stored.tgl");
    TileJob<DecodedImage> job = Tegula.startRestore(file, DecodeOptions.DEFAULT);
    assertEquals(6, job.tileCount());
    for (int t = job.tileCount() - 1; t >= 0; t--) {
      job.runTile(t);
    }
    assertArrayEquals(Tegula.decode(file).image().rgba(), job.finish().image().rgba());
  }

  @Test
  void limitsApplyToTgl() throws IOException {
    byte[] file = corpus("grey8-constant.tgl");
    assertThrows(LimitExceededException.class,
        () -> Tegula.readInfo(file, Limits.DEFAULT.withMaxPixels(100)));
    assertThrows(LimitExceededException.class,
        () -> Tegula.decode(file, DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxTiles(1))));
  }

  @Test
  void inspectShowsTheStructure() throws IOException {
    TglFile f = Tegula.inspectTgl(corpus("rgb8-unknown-optional-chunks.tgl"), Limits.DEFAULT);
    assertEquals(1, f.version());
    assertEquals(4, f.tileCount());
    for (int t = 0; t < 4; t++) {
      assertEquals(null, f.verifyTile(t));
    }
    assertEquals(2, f.chunks().stream().filter(c -> !c.known()).count());
  }

  @Test
  void losslessCompressRoundTripsWithMetadata() {
    byte[] rgba = new byte[64 * 48 * 4];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = (byte) (i % 4 == 3 ? 255 : (i * 7) ^ (i >> 6));
    }
    Image image = new Image(64, 48, rgba);
    Metadata metadata = new Metadata(null, null, null, Map.of("comment", "x"));
    byte[] tgl = Tegula.compress(image, metadata, CompressOptions.lossless().withTileSize(32));
    assertEquals(ImageFormat.TGL, Tegula.detect(tgl));
    DecodedImage d = Tegula.restore(tgl, DecodeOptions.DEFAULT);
    assertArrayEquals(rgba, d.image().rgba());
    assertEquals("x", d.metadata().text().get("comment"));
  }

  @Test
  void compressOptionsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(101));
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.DEFAULT.withTileSize(15));
    assertEquals(75, CompressOptions.DEFAULT.quality());
    assertThrows(IllegalArgumentException.class,
        () -> Tegula.compress(null, null, CompressOptions.DEFAULT));
  }
}
