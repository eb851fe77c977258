package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.TegulaException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@link Tegula#decodeInto} gives {@link Tegula#decode}'s 8-bit pixels and report in a caller's
 * target, for every format: a JPEG and a PNG decoded into it, a .tgl copied in.
 */
class DecodeIntoTest {
  private static void assertSameAsDecode(String relative, DecodeOptions options) throws Exception {
    byte[] data = Files.readAllBytes(TglFacadeTest.testdata(relative));
    DecodedImage image = Tegula.decode(data, options);
    BufferTarget target = new BufferTarget();
    DecodeReport report = Tegula.decodeInto(data, options, target);
    assertEquals(image.image().width(), report.width(), relative);
    assertEquals(image.image().height(), report.height(), relative);
    assertEquals(image.info(), report.info(), relative);
    assertEquals(image.complete(), report.complete(), relative);
    assertEquals(image.warning(), report.warning(), relative);
    assertArrayEquals(image.metadata().exif(), report.metadata().exif(), relative);
    assertArrayEquals(image.metadata().icc(), report.metadata().icc(), relative);
    assertEquals(image.metadata().text(), report.metadata().text(), relative);
    ByteBuffer b = target.buffer();
    byte[] pixels = new byte[report.width() * report.height() * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = b.get(i);
    }
    assertArrayEquals(image.image().rgba(), pixels, relative);
  }

  @Test
  void everyFormatGivesTheDecodedPixels() throws Exception {
    DecodeOptions upright = DecodeOptions.DEFAULT.withAutoOrient(true);
    assertSameAsDecode("jpeg/exif_orientation_6.jpg", upright);
    assertSameAsDecode("jpeg/progressive_420.jpg", upright.withJpegShrink(2));
    assertSameAsDecode("png/graya16_adam7.png", upright);
    assertSameAsDecode("png/pal4_trns_full_adam7.png", upright);
    assertSameAsDecode("tgl/v1/alpha-lossy-q50.tgl", upright);
    assertSameAsDecode("tgl/v1/alpha16-lossless.tgl", upright);
  }

  @Test
  void badInputIsTheDeclaredFailure() {
    assertThrows(TegulaException.class, () -> Tegula.decodeInto(
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}, DecodeOptions.DEFAULT,
        new BufferTarget()));
    assertThrows(IllegalArgumentException.class,
        () -> Tegula.decodeInto(new byte[8], DecodeOptions.DEFAULT, null));
  }
}
