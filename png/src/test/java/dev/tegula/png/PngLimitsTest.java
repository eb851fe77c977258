package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Limits are checked before anything image-sized is allocated; bombs stay small. */
class PngLimitsTest {

  @Test
  void hugeDeclaredSizeIsRejectedBeforeAllocation() {
    byte[] data = new PngBuilder().ihdr(100_000, 100_000, 8, 6, 0).idat(new byte[16]).iend()
        .build();
    // 4e10 bytes could not be allocated at all: the rejection must come from the header.
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT));
    assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    assertEquals(16, e.offset(), "points at the IHDR data");
    assertThrows(LimitExceededException.class, () -> PngDecoder.readInfo(data, Limits.DEFAULT));
  }

  @Test
  void pixelCountLimitIsHonoured() {
    byte[] data = TestData.bytes(TestData.png("rgb8.png"));
    Limits small = Limits.DEFAULT.withMaxPixels(45 * 37 - 1);
    assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(small)));
    Limits exact = Limits.DEFAULT.withMaxPixels(45 * 37);
    assertTrue(PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(exact)).complete());
  }

  @Test
  void sizesThatDoNotFitOneArrayAreLimitErrors() {
    // Within generous limits but 4 bytes per pixel would overflow an int-indexed array.
    Limits generous = Limits.DEFAULT.withMaxDimensions(Integer.MAX_VALUE, Integer.MAX_VALUE)
        .withMaxPixels(Long.MAX_VALUE);
    byte[] data = new PngBuilder().ihdr(40_000, 40_000, 8, 6, 0).idat(new byte[16]).iend()
        .build();
    assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(generous)));
  }

  @Test
  void chunkCountIsLimited() {
    byte[] data = TestData.bytes(TestData.png("rgb8_multi_idat.png"));
    Limits few = Limits.DEFAULT.withMaxSegments(5);
    assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(few)));
    assertTrue(PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(
        Limits.DEFAULT.withMaxSegments(11))).complete());
  }

  @Test
  void ztxtBombIsStoppedByTheMetadataLimit() {
    byte[] bomb = PngBuilder.zlib(new byte[64 << 20]); // 64 MiB of zeros in ~64 KiB
    byte[] data = new PngBuilder()
        .ihdr(1, 1, 8, 0, 0)
        .chunk("zTXt", PngBuilder.concat(PngBuilder.latin1("Comment\0\0"), bomb))
        .idat(new byte[] {0, 1})
        .iend()
        .build();
    Limits oneMiB = Limits.DEFAULT.withMaxMetadataBytes(1 << 20);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(oneMiB)));
    assertTrue(e.getMessage().contains("zTXt"), e.getMessage());
    assertEquals(33, e.offset());
    // The default limit (16 MiB) stops it too; readInfo does not inflate text at all.
    assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT));
    assertEquals(1, PngDecoder.readInfo(data, oneMiB).width());
  }

  @Test
  void metadataLimitCountsAllKinds() {
    byte[] data = TestData.bytes(TestData.png("pngsuite_ct1n0g04.png"));
    Limits tiny = Limits.DEFAULT.withMaxMetadataBytes(100);
    assertThrows(LimitExceededException.class,
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT.withLimits(tiny)));
  }

  @Test
  void idatBombInflatesOnlyWhatTheImageNeeds() {
    byte[] raw = new byte[256 << 20]; // 256 MiB of zeros behind a 1x1 image
    byte[] data = new PngBuilder().ihdr(1, 1, 8, 0, 0).idat(raw).iend().build();
    DecodedImage d = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> PngDecoder.decode(data, DecodeOptions.DEFAULT));
    assertTrue(d.complete());
    assertArrayEquals(new byte[] {0, 0, 0, (byte) 255}, d.image().rgba());
    assertTrue(d.warning().contains("extra compressed data"), d.warning());
  }
}
