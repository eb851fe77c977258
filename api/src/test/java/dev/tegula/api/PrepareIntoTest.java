package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Tegula#prepareInto} gives in a caller's target the pixels and metadata that {@link
 * Tegula#prepare} of {@link Tegula#decodeForCompress} gives (the browser's tiled compress takes
 * either route), for every EXIF orientation, each format and the metadata options; and declines,
 * decoding nothing, where the options change pixels or the samples have 16 bits.
 */
class PrepareIntoTest {
  private static final List<CompressOptions> OPTIONS = List.of(
      CompressOptions.lossy(75),
      CompressOptions.lossy(75).withKeepOrientation(true),
      CompressOptions.lossy(75).withStripMetadata(true),
      CompressOptions.lossy(75).withStripGps(true),
      CompressOptions.lossless());

  private static void assertSameAsPrepare(String relative) throws Exception {
    assertSameAsPrepare(relative, Files.readAllBytes(TglFacadeTest.testdata(relative)));
  }

  private static void assertSameAsPrepare(String relative, byte[] data) {
    for (CompressOptions o : OPTIONS) {
      String what = relative + " " + o;
      DecodedImage prepared = Tegula.prepare(Tegula.decodeForCompress(data, o, Limits.DEFAULT), o);
      BufferTarget target = new BufferTarget();
      DecodeReport report = Tegula.prepareInto(data, o, Limits.DEFAULT, target);
      if (report == null) {
        continue; // declined after decoding: the caller goes the other way
      }
      assertEquals(prepared.image().width(), report.width(), what);
      assertEquals(prepared.image().height(), report.height(), what);
      assertEquals(prepared.complete(), report.complete(), what);
      assertArrayEquals(prepared.metadata().exif(), report.metadata().exif(), what);
      assertArrayEquals(prepared.metadata().icc(), report.metadata().icc(), what);
      assertArrayEquals(prepared.metadata().xmp(), report.metadata().xmp(), what);
      assertEquals(prepared.metadata().text(), report.metadata().text(), what);
      ByteBuffer b = target.buffer();
      byte[] pixels = new byte[report.width() * report.height() * 4];
      b.duplicate().get(pixels);
      assertArrayEquals(prepared.image().rgba(), pixels, what);
    }
  }

  @Test
  void givesPreparesPixelsAndMetadata() throws Exception {
    for (int orientation = 1; orientation <= 8; orientation++) {
      assertSameAsPrepare("jpeg/exif_orientation_" + orientation + ".jpg");
    }
    assertSameAsPrepare("jpeg/progressive_420.jpg");
    assertSameAsPrepare("jpeg/cmyk_adobe.jpg");
    assertSameAsPrepare("png/pngsuite_exif2c08.png");
    assertSameAsPrepare("png/pal4_trns_full_adam7.png");
    assertSameAsPrepare("tgl/v1/alpha-lossy-q50.tgl");
    assertSameAsPrepare("tgl/v1/photo-lossless.tgl");
  }

  /**
   * An EXIF segment after a single-pass JPEG's scan comes too late to turn the image as it is
   * rendered, where {@link Tegula#prepare} turns it: prepareInto declines that file (after
   * decoding it), and declines it only where it would turn it.
   */
  @Test
  void anOrientationAfterTheImageDataIsLeftToPrepare() throws Exception {
    byte[] late;
    try (java.io.InputStream in = PrepareIntoTest.class.getResourceAsStream(
        "exif_orientation_6_exif_after_scan.jpg")) {
      late = in.readAllBytes();
    }
    assertSameAsPrepare("exif_orientation_6.jpg with its EXIF after the scan", late);
    assertNull(Tegula.prepareInto(late, CompressOptions.lossy(75), Limits.DEFAULT,
        new BufferTarget()));
    assertEquals(123, Tegula.prepareInto(late, CompressOptions.lossy(75).withKeepOrientation(true),
        Limits.DEFAULT, new BufferTarget()).width(), "kept as stored: nothing to turn");
  }

  @Test
  void declinesWhereThePixelsWouldChangeOrHaveSixteenBits() throws Exception {
    byte[] jpeg = Files.readAllBytes(TglFacadeTest.testdata("jpeg/exif_orientation_6.jpg"));
    BufferTarget target = new BufferTarget();
    assertNull(Tegula.prepareInto(jpeg, CompressOptions.lossy(75).withMaxDimension(100),
        Limits.DEFAULT, target));
    assertNull(Tegula.prepareInto(jpeg, CompressOptions.lossy(75).withGrayscale(true),
        Limits.DEFAULT, target));
    byte[] sixteen = Files.readAllBytes(TglFacadeTest.testdata("png/graya16_adam7.png"));
    assertNull(Tegula.prepareInto(sixteen, CompressOptions.lossless(), Limits.DEFAULT, target));
    assertEquals(0, target.width(), "nothing was decoded");
  }

  @Test
  void badInputIsTheDeclaredFailure() {
    assertThrows(TegulaException.class, () -> Tegula.prepareInto(
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}, CompressOptions.lossy(75),
        Limits.DEFAULT, new BufferTarget()));
    assertThrows(IllegalArgumentException.class, () -> Tegula.prepareInto(new byte[8],
        CompressOptions.lossy(75), Limits.DEFAULT, null));
  }
}
