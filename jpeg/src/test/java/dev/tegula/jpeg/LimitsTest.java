package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import org.junit.jupiter.api.Test;

/** Sizes and scan counts are checked before anything proportional to them is allocated. */
class LimitsTest {

  @Test
  void hugeFrameIsRejectedBeforeAllocation() {
    byte[] huge = SyntheticJpeg.build(60000, 60000, 1);
    // readInfo reports the size without allocating anything for it.
    assertEquals(60000, JpegDecoder.readInfo(huge, Limits.DEFAULT).width());
    long before = usedMemory();
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> JpegDecoder.decode(huge,
            DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxPixels(50_000_000))));
    assertTrue(e.getMessage().contains("60000x60000") || e.getMessage().contains("pixels"),
        e.getMessage());
    assertTrue(usedMemory() - before < 64L << 20, "no large allocation");
    // The default limit of 100 megapixels refuses it too.
    assertThrows(LimitExceededException.class,
        () -> JpegDecoder.decode(huge, DecodeOptions.DEFAULT));
    assertThrows(LimitExceededException.class, () -> JpegDecoder.decode(huge,
        DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxDimensions(4096, 4096))));
  }

  @Test
  void largeDeclaredSizeWithLittleDataDecodesPartially() {
    byte[] d = SyntheticJpeg.build(2000, 1000, 1);
    DecodedImage img = JpegDecoder.decode(d, DecodeOptions.DEFAULT);
    assertEquals(2000, img.image().width());
    assertTrue(!img.complete(), "the data covers one block only");
  }

  @Test
  void tooManyScans() {
    byte[] prog = TestFiles.read(TestFiles.jpeg("progressive_420.jpg"));
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> JpegDecoder.decode(prog,
            DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxScans(9))));
    assertTrue(e.getMessage().contains("scans"), e.getMessage());
    assertEquals(10, JpegDecoder.decode(prog,
        DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxScans(10))).info().scans());
  }

  @Test
  void tooManySegments() {
    byte[] d = TestFiles.read(TestFiles.jpeg("markers_com_app15_fill.jpg"));
    assertThrows(LimitExceededException.class,
        () -> JpegDecoder.readInfo(d, Limits.DEFAULT.withMaxSegments(2)));
  }

  private static long usedMemory() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
