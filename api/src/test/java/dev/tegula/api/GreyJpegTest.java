package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JPEG of a grey image (R = G = B everywhere): one component where the metadata allows
 * ({@link CompressPipeline#forImage}), and never a chroma-jump fill of lower quality ({@link
 * CompressPipeline#chromaChoice}).
 */
class GreyJpegTest {
  private static final CompressOptions JPEG = CompressOptions.lossy(85)
      .withFormat(ImageFormat.JPEG);

  /** A 128-byte ICC header with data colour space {@code space} (ICC.1 §7.2.6). */
  private static Metadata profile(String space) {
    byte[] icc = new byte[128];
    icc[3] = (byte) 128;
    for (int i = 0; i < 4; i++) {
      icc[16 + i] = (byte) space.charAt(i);
    }
    return new Metadata(icc, null, null, Map.of());
  }

  private static Image greyCrop() throws IOException {
    return TargetSearchTest.grey(TargetSearchTest.crop("astronaut.png", 0, 0, 256));
  }

  /**
   * The one-component file decodes to the three-component file's pixels (within 1: the two
   * decoders' colour paths round apart) and is smaller, at a low and a high quality.
   */
  @Test
  void aGreyImageIsWrittenWithOneComponentAndTheSamePixels() throws IOException {
    Image image = greyCrop();
    DecodedImage d = new DecodedImage(image, null, Metadata.EMPTY, true, null);
    for (int q : new int[] {40, 95}) {
      CompressResult r = Tegula.compress(d, CompressOptions.lossy(q).withFormat(ImageFormat.JPEG));
      DecodedImage out = Tegula.decode(r.bytes());
      assertEquals(1, out.info().components());
      assertEquals("grey", r.chroma());
      byte[] colour = Tegula.encodeJpeg(image, Metadata.EMPTY,
          CompressPipeline.jpegOptions(JPEG, q * 100));
      byte[] a = out.image().rgba();
      byte[] b = Tegula.decode(colour).image().rgba();
      int worst = 0;
      for (int i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs((a[i] & 255) - (b[i] & 255)));
      }
      assertTrue(worst <= 1, "q" + q + ": pixels differ by " + worst);
      assertTrue(r.bytes().length < colour.length,
          "q" + q + ": " + r.bytes().length + " vs " + colour.length);
    }
  }

  /**
   * A colour ICC profile cannot go into a one-component JPEG: the image keeps three components
   * (and its profile); a grey profile goes along; a caller's subsampling and colour images keep
   * three components.
   */
  @Test
  void aColourProfileOrAFixedChromaKeepsThreeComponents() throws IOException {
    Image image = greyCrop();
    Metadata rgb = profile("RGB ");
    CompressResult kept = Tegula.compress(new DecodedImage(image, null, rgb, true, null), JPEG);
    DecodedImage out = Tegula.decode(kept.bytes());
    assertEquals(3, out.info().components());
    assertEquals(128, out.metadata().icc().length, "the profile is carried");
    CompressResult grey = Tegula.compress(
        new DecodedImage(image, null, profile("GRAY"), true, null), JPEG);
    assertEquals(1, Tegula.decode(grey.bytes()).info().components());
    CompressResult fixed = Tegula.compress(new DecodedImage(image, null, Metadata.EMPTY, true,
        null), JPEG.withChroma(JpegEncodeOptions.Subsampling.S444));
    assertEquals(3, Tegula.decode(fixed.bytes()).info().components());
    Image colour = TargetSearchTest.crop("astronaut.png", 0, 0, 256);
    assertEquals(3, Tegula.decode(Tegula.compress(new DecodedImage(colour, null,
        Metadata.EMPTY, true, null), JPEG).bytes()).info().components());
  }

  /**
   * Grey output ({@code --grayscale}) of a colour photo: one component, but three (grey pixels)
   * when a colour ICC profile comes along, which then stays valid and is carried.
   */
  @Test
  void greyOutputWithAColourProfileKeepsThreeComponents() throws IOException {
    Image colour = TargetSearchTest.crop("flower.png", 0, 0, 128);
    CompressOptions grey = JPEG.withGrayscale(true);
    for (String space : new String[] {"RGB ", "GRAY", null}) {
      Metadata meta = space == null ? Metadata.EMPTY : profile(space);
      DecodedImage out = Tegula.decode(Tegula.compress(
          new DecodedImage(colour, null, meta, true, null), grey).bytes());
      assertEquals("RGB ".equals(space) ? 3 : 1, out.info().components(), "profile " + space);
      byte[] p = out.image().rgba();
      for (int i = 0; i < p.length; i += 4) {
        assertEquals(p[i], p[i + 1]);
        assertEquals(p[i], p[i + 2]);
      }
      if (space != null) {
        assertEquals(128, out.metadata().icc().length, "the profile is carried");
      }
    }
  }

  /**
   * A grey image's JPEG in three components (here: kept so by a colour profile) has flat
   * chroma: its 4:4:4 file below 97 carries 4:2:0's luma at the same quality in more bytes. A
   * size target between 4:2:0 at 96.99 and 4:4:4 at 97 (the chroma jump) then gives 4:2:0 in
   * the band or at 96.99, which fits (or 97's tables with the trellis knob turned up), never a
   * 4:4:4 fill of lower quality: what the search returned before session 30 on 12 of 66 such
   * targets on the measured sets' grey images.
   */
  @Test
  void aGreyImageNeverFillsTheJumpWithLowerQuality4x4x4() throws IOException {
    Image smooth = TargetSearchTest.grey(
        SmoothCorrectionTest.blurred(TargetSearchTest.crop("flower.png", 32, 32, 256)));
    Metadata rgb = profile("RGB ");
    for (Image image : new Image[] {greyCrop(), smooth}) {
      assertFalse(CompressPipeline.chromaChoice(JPEG, image), "no chroma choice for grey");
      SearchEncoder encoder = new SearchEncoder(image, rgb, JPEG);
      long below = encoder.apply(TargetSearch.JUMP - 1).length;
      long full = encoder.apply(TargetSearch.JUMP).length;
      long fill = encoder.apply((TargetSearch.JUMP - 30) | TargetSearch.FULL_CHROMA).length;
      long sameQuality = encoder.apply(TargetSearch.JUMP - 30).length;
      assertTrue(fill > sameQuality, "4:4:4 below 97 costs more than 4:2:0 at the same quality: "
          + fill + " vs " + sameQuality);
      assertTrue(full > below, below + " -> " + full);
      DecodedImage d = new DecodedImage(image, null, rgb, true, null);
      for (long t : new long[] {(3 * below + full) / 4, (below + full) / 2,
          (below + 3 * full) / 4}) {
        CompressResult r = Tegula.compress(d, JPEG.withMaxSizeBytes(t));
        assertTrue(r.bytes().length <= t);
        // in the 3 % band, or 96.99's file where the band lies inside the jump
        assertTrue(r.bytes().length >= 0.97 * t || r.qualityHundredths() >= TargetSearch.JUMP - 1,
            "target " + t + ": " + r.qualityHundredths() + ", " + r.bytes().length + " bytes");
        assertEquals(r.qualityHundredths() < TargetSearch.JUMP ? "4:2:0" : "4:4:4", r.chroma(),
            "target " + t);
      }
    }
  }
}
