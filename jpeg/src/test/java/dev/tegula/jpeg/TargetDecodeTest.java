package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A decode into a caller's target ({@link JpegDecoder#decode(byte[], DecodeOptions,
 * dev.tegula.core.RgbaTarget)}, what the WebAssembly build does into linear memory) gives the
 * pixels and report of a decode to an image: every conformance file whole and shrunk, turned
 * upright by each EXIF orientation, and cut short.
 */
class TargetDecodeTest {
  private static byte[] pixels(BufferTarget t) {
    ByteBuffer b = t.buffer();
    byte[] out = new byte[t.width() * t.height() * 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  private static void assertSame(byte[] jpeg, DecodeOptions options, String what) {
    DecodedImage image = JpegDecoder.decode(jpeg, options);
    BufferTarget target = new BufferTarget();
    DecodeReport report = JpegDecoder.decode(jpeg, options, target);
    assertEquals(image.image().width(), report.width(), what);
    assertEquals(image.image().height(), report.height(), what);
    assertEquals(report.width(), target.width(), what);
    assertEquals(report.height(), target.height(), what);
    assertArrayEquals(image.image().rgba(), pixels(target), what);
    assertEquals(image.info(), report.info(), what);
    assertEquals(image.complete(), report.complete(), what);
    assertEquals(image.warning(), report.warning(), what);
  }

  @Test
  void everyConformanceFileWholeAndShrunk() {
    for (String name : TestFiles.conformanceFiles()) {
      byte[] jpeg = TestFiles.read(TestFiles.jpeg(name));
      for (int shrink : new int[] {1, 4}) {
        assertSame(jpeg, DecodeOptions.DEFAULT.withJpegShrink(shrink), name + " 1/" + shrink);
      }
    }
  }

  @Test
  void everyOrientationUpright() {
    for (int n = 1; n <= 8; n++) {
      byte[] jpeg = TestFiles.read(TestFiles.jpeg("exif_orientation_" + n + ".jpg"));
      assertSame(jpeg, DecodeOptions.DEFAULT.withAutoOrient(true), "orientation " + n);
      assertSame(jpeg, DecodeOptions.DEFAULT.withAutoOrient(true).withJpegShrink(2),
          "orientation " + n + " at 1/2");
    }
  }

  @Test
  void aCutFileGivesTheSamePartialImage() {
    byte[] jpeg = TestFiles.read(TestFiles.jpeg("size_1023x769_420.jpg"));
    for (int cut : new int[] {jpeg.length / 3, jpeg.length / 2, jpeg.length - 3}) {
      assertSame(Arrays.copyOf(jpeg, cut), DecodeOptions.DEFAULT, "cut at " + cut);
    }
    byte[] progressive = TestFiles.read(TestFiles.jpeg("progressive_420.jpg"));
    assertSame(Arrays.copyOf(progressive, progressive.length / 2),
        DecodeOptions.DEFAULT.withAutoOrient(true), "progressive cut in half");
  }

  /**
   * A single-pass image is rendered as its scan decodes, so an EXIF orientation that only comes
   * after the scan cannot turn it any more: it is reported instead of silently ignored.
   */
  @Test
  void anOrientationAfterTheImageDataIsReported() {
    byte[] jpeg = TestFiles.read(TestFiles.jpeg("exif_orientation_6.jpg"));
    int app1 = -1;
    int app1Length = 0;
    for (int i = 2; i + 3 < jpeg.length; ) {
      int marker = jpeg[i + 1] & 0xFF;
      int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
      if (marker == 0xE1) {
        app1 = i;
        app1Length = length + 2;
        break;
      }
      i += length + 2;
    }
    assertTrue(app1 > 0, "the file has an APP1 segment");
    ByteArrayOutputStream moved = new ByteArrayOutputStream();
    moved.write(jpeg, 0, app1);
    moved.write(jpeg, app1 + app1Length, jpeg.length - 2 - app1 - app1Length);
    moved.write(jpeg, app1, app1Length);
    moved.write(0xFF);
    moved.write(0xD9);
    byte[] late = moved.toByteArray();
    DecodedImage stored = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
    DecodedImage decoded = JpegDecoder.decode(late, DecodeOptions.DEFAULT.withAutoOrient(true));
    assertEquals(6, decoded.info().orientation(), "read, after the scan");
    assertArrayEquals(stored.image().rgba(), decoded.image().rgba(), "not turned");
    assertTrue(decoded.warning() != null
        && decoded.warning().contains("EXIF orientation 6 after the image data: not applied"),
        String.valueOf(decoded.warning()));
    assertTrue(decoded.complete());
    assertNull(JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT.withAutoOrient(true)).warning());
  }
}
