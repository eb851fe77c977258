package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.GreyProfile;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grey image with a colour profile that has an exact grey equivalent (HP's sRGB profile, from
 * testdata's icc_profile.jpg) is written as one channel with that grey profile where the format
 * stores grey so (JPEG, PNG), and keeps its profile as it came where not (.tgl, a caller's fixed
 * JPEG chroma, colour images). {@link GreyJpegTest} has the profiles that stay colour.
 */
class GreyColourProfileTest {
  private static Metadata srgb() throws IOException {
    byte[] jpeg = Files.readAllBytes(TglFacadeTest.testdata("jpeg/").resolve("icc_profile.jpg"));
    Metadata m = Tegula.decode(jpeg).metadata();
    assertTrue(m.hasColourProfile());
    return new Metadata(m.icc(), null, null, Map.of("comment", "kept"));
  }

  private static Image greyCrop() throws IOException {
    return TargetSearchTest.grey(TargetSearchTest.crop("astronaut.png", 0, 0, 128));
  }

  @Test
  void aGreyJpegIsOneComponentWithTheGreyProfile() throws IOException {
    Metadata srgb = srgb();
    byte[] grey = GreyProfile.fromColour(srgb.icc());
    for (CompressOptions o : new CompressOptions[] {CompressOptions.lossy(80),
        CompressOptions.lossy(80).withMaxSizeBytes(6000),
        CompressOptions.lossy(80).withTargetSsim(0.95)}) {
      CompressResult r = Tegula.compress(new DecodedImage(greyCrop(), null, srgb, true, null),
          o.withFormat(ImageFormat.JPEG));
      DecodedImage out = Tegula.decode(r.bytes());
      assertEquals(1, out.info().components());
      assertEquals("grey", r.chroma());
      assertArrayEquals(grey, out.metadata().icc());
      assertEquals("kept", out.metadata().text().get("comment"), "the rest of the metadata");
    }
    // grey output of a colour photo: grey pixels, so the same
    Image colour = TargetSearchTest.crop("flower.png", 0, 0, 128);
    DecodedImage out = Tegula.decode(Tegula.compress(new DecodedImage(colour, null, srgb, true,
        null), CompressOptions.lossy(80).withFormat(ImageFormat.JPEG).withGrayscale(true))
        .bytes());
    assertEquals(1, out.info().components());
    assertArrayEquals(grey, out.metadata().icc());
  }

  @Test
  void aGreyPngIsGreyscaleWithTheGreyProfile() throws IOException {
    Metadata srgb = srgb();
    CompressResult r = Tegula.compress(new DecodedImage(greyCrop(), null, srgb, true, null),
        CompressOptions.lossless().withFormat(ImageFormat.PNG));
    byte[] png = r.bytes();
    assertEquals(0, png[25], "colour type 0, greyscale (PNG §11.2.2)");
    DecodedImage out = Tegula.decode(png);
    assertArrayEquals(GreyProfile.fromColour(srgb.icc()), out.metadata().icc());
    assertArrayEquals(greyCrop().rgba(), out.image().rgba(), "lossless");
  }

  @Test
  void otherwiseTheProfileStaysAsItCame() throws IOException {
    Metadata srgb = srgb();
    DecodedImage grey = new DecodedImage(greyCrop(), null, srgb, true, null);
    DecodedImage fixed = Tegula.decode(Tegula.compress(grey, CompressOptions.lossy(80)
        .withFormat(ImageFormat.JPEG).withChroma(JpegEncodeOptions.Subsampling.S444)).bytes());
    assertEquals(3, fixed.info().components());
    assertArrayEquals(srgb.icc(), fixed.metadata().icc(), "a fixed chroma keeps three components");
    for (CompressOptions o : new CompressOptions[] {CompressOptions.lossy(80),
        CompressOptions.lossless()}) {
      DecodedImage tgl = Tegula.decode(Tegula.compress(grey, o.withFormat(ImageFormat.TGL))
          .bytes());
      assertArrayEquals(srgb.icc(), tgl.metadata().icc(), ".tgl keeps the profile");
    }
    Image colour = TargetSearchTest.crop("flower.png", 0, 0, 128);
    DecodedImage png = Tegula.decode(Tegula.compress(new DecodedImage(colour, null, srgb, true,
        null), CompressOptions.lossless().withFormat(ImageFormat.PNG)).bytes());
    assertArrayEquals(srgb.icc(), png.metadata().icc(), "a colour image keeps its profile");
    DecodedImage stripped = Tegula.decode(Tegula.compress(grey, CompressOptions.lossy(80)
        .withFormat(ImageFormat.JPEG).withStripMetadata(true)).bytes());
    assertEquals(null, stripped.metadata().icc(), "--strip removes it");
  }
}
