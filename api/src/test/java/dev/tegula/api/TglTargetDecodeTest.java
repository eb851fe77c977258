package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A .tgl decoded into a target (tile by tile, each tile's packed pixels handed on row by row)
 * gives exactly {@link Tegula#decode}'s pixels and report: every frozen corpus file, every plane
 * layout (lossy colour with a lossless alpha plane, lossless colour and alpha in one plane, grey,
 * constant, stored), every EXIF orientation, damaged and cut files (damaged tiles grey, the same
 * warning or the same exception), into a reused buffer full of other pixels.
 */
class TglTargetDecodeTest {
  /** One buffer for every decode, as the Wasm build reuses its linear memory. */
  private static final ByteBuffer DIRTY = ByteBuffer.allocate(4 << 20);

  private static BufferTarget dirtyTarget() {
    for (int i = 0; i < DIRTY.capacity(); i++) {
      DIRTY.put(i, (byte) (i * 37 + 11));
    }
    return new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        return bytes <= DIRTY.capacity() ? DIRTY : ByteBuffer.allocate(bytes);
      }
    };
  }

  /** Both routes, the same outcome: pixels and report, or the same failure. */
  static void assertSame(String name, byte[] data, DecodeOptions options) {
    DecodedImage image;
    try {
      image = Tegula.decode(data, options);
    } catch (RuntimeException e) {
      RuntimeException into = null;
      try {
        Tegula.decodeInto(data, options, dirtyTarget());
      } catch (RuntimeException f) {
        into = f;
      }
      assertTrue(into != null, name + ": decode failed (" + e + "), decodeInto did not");
      assertEquals(e.getClass(), into.getClass(), name);
      assertEquals(e.getMessage(), into.getMessage(), name);
      return;
    }
    BufferTarget target = dirtyTarget();
    DecodeReport report = Tegula.decodeInto(data, options, target);
    assertEquals(image.image().width(), report.width(), name);
    assertEquals(image.image().height(), report.height(), name);
    assertEquals(image.info(), report.info(), name);
    assertEquals(image.complete(), report.complete(), name);
    assertEquals(image.warning(), report.warning(), name);
    assertArrayEquals(image.metadata().exif(), report.metadata().exif(), name);
    byte[] pixels = new byte[report.width() * report.height() * 4];
    target.buffer().get(0, pixels);
    assertArrayEquals(image.image().rgba(), pixels, name);
  }

  @Test
  void everyCorpusFileBothWays() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(TglFacadeTest.testdata("tgl/v1"))) {
      files = s.filter(p -> p.toString().endsWith(".tgl")).sorted().toList();
    }
    assertTrue(files.size() >= 20, files.toString());
    for (Path p : files) {
      byte[] data = Files.readAllBytes(p);
      for (boolean orient : new boolean[] {false, true}) {
        assertSame(p.getFileName() + " orient " + orient, data,
            DecodeOptions.DEFAULT.withAutoOrient(orient));
      }
    }
  }

  /** A 150 x 110 photo crop with a gradient alpha, in tiles of 32 (20 tiles, edge tiles narrow). */
  private static Image photoWithAlpha(boolean grey) throws IOException {
    Image photo = Tegula.decode(Files.readAllBytes(TglFacadeTest.testdata("photos/astronaut.png")))
        .image();
    int w = 150;
    int h = 110;
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 4;
        int s = ((y + 200) * photo.width() + x + 180) * 4;
        rgba[o] = photo.rgba()[s];
        rgba[o + 1] = grey ? photo.rgba()[s] : photo.rgba()[s + 1];
        rgba[o + 2] = grey ? photo.rgba()[s] : photo.rgba()[s + 2];
        rgba[o + 3] = (byte) (x * 255 / (w - 1));
      }
    }
    return new Image(w, h, rgba);
  }

  private static List<byte[]> layouts() throws IOException {
    List<byte[]> files = new ArrayList<>();
    for (boolean grey : new boolean[] {false, true}) {
      Image image = photoWithAlpha(grey);
      files.add(Tegula.compress(image, null, CompressOptions.lossy(60).withTileSize(32)));
      files.add(Tegula.compress(image, null, CompressOptions.lossless().withTileSize(32)));
    }
    return files;
  }

  @Test
  void everyPlaneLayoutAndEveryOrientation() throws IOException {
    List<byte[]> files = layouts();
    for (int i = 0; i < files.size(); i++) {
      assertSame("layout " + i, files.get(i), DecodeOptions.DEFAULT);
    }
    Image image = photoWithAlpha(false);
    for (int orientation = 1; orientation <= 8; orientation++) {
      byte[] exif = Files.readAllBytes(TglFacadeTest.testdata(
          "jpeg/exif_orientation_" + orientation + ".jpg"));
      Metadata metadata = Tegula.decode(exif).metadata();
      byte[] tgl = Tegula.compress(image, metadata, CompressOptions.lossy(50).withTileSize(32));
      for (boolean orient : new boolean[] {false, true}) {
        assertSame("orientation " + orientation + " applied " + orient, tgl,
            DecodeOptions.DEFAULT.withAutoOrient(orient));
      }
    }
  }

  @Test
  void damagedAndCutFilesGiveTheSameGreyTilesWarningsAndFailures() throws IOException {
    int cases = 0;
    for (byte[] file : layouts()) {
      for (int at = 40; at < file.length; at += Math.max(1, file.length / 23)) {
        byte[] damaged = file.clone();
        damaged[at] ^= 0x5A;
        assertSame("byte " + at + " changed", damaged, DecodeOptions.DEFAULT);
        assertSame("cut at " + at, java.util.Arrays.copyOf(file, at), DecodeOptions.DEFAULT);
        cases += 2;
      }
    }
    assertTrue(cases > 150, "cases: " + cases);
  }
}
