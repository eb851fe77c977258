package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A decode into a caller's target ({@link PngDecoder#decode(byte[], DecodeOptions,
 * dev.tegula.core.RgbaTarget)}, what the WebAssembly build does into linear memory) gives the
 * 8-bit pixels and report of a decode to an image: every conformance file (interlaced, 16-bit,
 * palette, tRNS), turned upright by each EXIF orientation, and cut short into a buffer that held
 * other pixels before, whose rows the data never reached must come out transparent black.
 */
class PngTargetDecodeTest {
  /** A target over a buffer full of 0x5A, as a reused one may be. */
  private static BufferTarget dirty() {
    return new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        byte[] old = new byte[bytes + 64];
        Arrays.fill(old, (byte) 0x5A);
        ByteBuffer b = ByteBuffer.wrap(old);
        b.position(17); // left anywhere by its last user
        return b;
      }
    };
  }

  private static byte[] pixels(BufferTarget t) {
    byte[] out = new byte[t.width() * t.height() * 4];
    t.buffer().get(0, out);
    return out;
  }

  private static void assertSame(byte[] png, DecodeOptions options, String what) {
    DecodedImage image = PngDecoder.decode(png, options);
    BufferTarget target = dirty();
    DecodeReport report = PngDecoder.decode(png, options, target);
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
  void everyConformanceFile() {
    for (String name : TestData.conformanceFiles()) {
      byte[] png = TestData.bytes(TestData.png(name));
      assertSame(png, DecodeOptions.DEFAULT, name);
    }
  }

  @Test
  void everyOrientationUpright() {
    Image stored = PngDecoder.decode(TestData.bytes(TestData.png("pal4_trns_full_adam7.png")),
        DecodeOptions.DEFAULT).image();
    for (int n = 1; n <= 8; n++) {
      byte[] png = PngEncoder.encode(stored, new Metadata(null, exif(n), null, null),
          PngEncodeOptions.DEFAULT);
      assertSame(png, DecodeOptions.DEFAULT.withAutoOrient(true), "orientation " + n);
    }
  }

  @Test
  void aCutFileLeavesTheRestTransparentBlack() {
    int cuts = 0;
    for (String name : new String[] {"rgb16_adam7.png", "rgba8.png", "pal4_adam7.png",
        "gray8_adam7.png", "rgb8.png"}) {
      byte[] png = TestData.bytes(TestData.png(name));
      for (int cut = png.length / 4; cut < png.length - 12; cut += png.length / 7) {
        byte[] part = Arrays.copyOf(png, cut);
        try {
          DecodedImage image = PngDecoder.decode(part, DecodeOptions.DEFAULT);
          assertFalse(image.complete(), name + " cut at " + cut);
        } catch (TegulaException refused) {
          continue; // cut before any pixel: the target path refuses it as well (assertSame)
        }
        assertSame(part, DecodeOptions.DEFAULT, name + " cut at " + cut);
        cuts++;
      }
    }
    assertTrue(cuts >= 10, cuts + " cut files decoded");
  }

  /** A big-endian TIFF block holding only the orientation tag. */
  private static byte[] exif(int orientation) {
    return new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
        (byte) orientation, 0, 0, 0, 0, 0, 0};
  }
}
