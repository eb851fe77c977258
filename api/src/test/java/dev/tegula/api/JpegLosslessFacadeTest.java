package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.UnsupportedFeatureException;
import dev.tegula.recompress.JpegCompression;
import dev.tegula.recompress.JpegTglInfo;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** JPEG recompression through the facade: bytes back, pixels, info, refusals. */
class JpegLosslessFacadeTest {
  private static byte[] jpeg(String name) throws IOException {
    return Files.readAllBytes(TglFacadeTest.testdata("jpeg/" + name));
  }

  @Test
  void restoresTheOriginalAndItsPixels() throws IOException {
    for (String name : new String[] {"progressive_420.jpg", "exif_orientation_6.jpg"}) {
      byte[] jpeg = jpeg(name);
      JpegCompression c = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT);
      assertEquals(ImageFormat.TGL, Tegula.detect(c.tgl()));
      assertArrayEquals(jpeg, Tegula.restoreOriginal(c.tgl()));
      for (boolean orient : new boolean[] {false, true}) {
        DecodeOptions options = DecodeOptions.DEFAULT.withAutoOrient(orient);
        DecodedImage want = Tegula.decode(jpeg, options);
        DecodedImage got = Tegula.restore(c.tgl(), options);
        assertEquals(want.image().width(), got.image().width());
        assertArrayEquals(want.image().rgba(), got.image().rgba(), name);
        assertEquals(want.info().orientation(), got.info().orientation());
        assertArrayEquals(want.image().rgba(), Tegula.decode(c.tgl(), options).image().rgba());
      }
    }
  }

  @Test
  void theFastCodingIsTheDefaultAndTheAdaptiveOneRestoresTheSameFile() throws IOException {
    byte[] original = jpeg("size_1023x769_420.jpg");
    CompressOptions lossless = CompressOptions.DEFAULT.withJpegLossless(true);
    assertEquals(JpegCoding.FAST, lossless.jpegCoding());
    CompressResult r = Tegula.compressFile(original, lossless, Limits.DEFAULT);
    assertEquals("content 2 (fast rANS coding)",
        Tegula.inspectJpeg(r.bytes(), Limits.DEFAULT).coding());
    assertArrayEquals(r.bytes(), Tegula.compressJpegLossless(original, Limits.DEFAULT).tgl());
    assertArrayEquals(original, Tegula.restoreOriginal(r.bytes(), Limits.DEFAULT));

    CompressOptions adaptive = lossless.withJpegCoding(JpegCoding.ADAPTIVE);
    assertNull(adaptive.problem());
    CompressResult a = Tegula.compressFile(original, adaptive, Limits.DEFAULT);
    assertEquals("content 0 (adaptive binary coding)",
        Tegula.inspectJpeg(a.bytes(), Limits.DEFAULT).coding());
    assertArrayEquals(original, Tegula.restoreOriginal(a.bytes(), Limits.DEFAULT));
    assertArrayEquals(Tegula.decode(original).image().rgba(),
        Tegula.decode(a.bytes()).image().rgba());
    assertEquals("the JPEG coding is a choice of JPEG-lossless storage",
        CompressOptions.DEFAULT.withJpegCoding(JpegCoding.ADAPTIVE).problem());
    assertThrows(IllegalArgumentException.class, () -> lossless.withJpegCoding(null));
  }

  @Test
  void infoSaysWhatIsInside() throws IOException {
    byte[] jpeg = jpeg("baseline_420.jpg");
    byte[] tgl = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).tgl();
    assertEquals("jpeg", Tegula.readInfo(tgl).variant());
    assertEquals(256, Tegula.readInfo(tgl).width());
    JpegTglInfo info = Tegula.inspectJpeg(tgl, Limits.DEFAULT);
    assertEquals(jpeg.length, info.jpegLength());
    assertEquals(64, info.sha256().length());
    assertTrue(info.kind().equals("modelled") || info.kind().equals("stored verbatim"));

    byte[] damaged = Files.readAllBytes(TglFacadeTest.testdata("invalid/jpeg_truncated_half.jpg"));
    JpegCompression c = Tegula.compressJpegLossless(damaged, Limits.DEFAULT);
    assertEquals("stored verbatim", Tegula.inspectJpeg(c.tgl(), Limits.DEFAULT).kind());
    assertArrayEquals(damaged, Tegula.restoreOriginal(c.tgl()));
  }

  @Test
  void refusesWhatIsNotAJpegOrNotAJpegFile() throws IOException {
    byte[] png = Files.readAllBytes(TglFacadeTest.testdata("png/").resolve(
        Files.list(TglFacadeTest.testdata("png")).filter(p -> p.toString().endsWith(".png"))
            .findFirst().orElseThrow().getFileName()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tegula.compressJpegLossless(png, Limits.DEFAULT));
    assertTrue(e.getMessage().contains("needs a JPEG file"), e.getMessage());
    byte[] imageTgl = TglFacadeTest.corpus("rgb8-stored.tgl");
    assertNull(Tegula.inspectJpeg(imageTgl, Limits.DEFAULT));
    assertThrows(UnsupportedFeatureException.class, () -> Tegula.restoreOriginal(imageTgl));
  }
}
