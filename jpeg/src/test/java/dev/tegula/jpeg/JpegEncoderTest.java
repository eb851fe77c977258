package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions.Subsampling;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoder's contract: options, metadata, determinism, rate and quality behaviour. */
class JpegEncoderTest {
  private static final Image FLOWER = EncoderImages.crop(EncoderImages.photo("flower.png"),
      400, 200, 256, 200);

  private static DecodedImage decode(byte[] jpeg) {
    return JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
  }

  @Test
  void higherQualityGivesLargerFilesAndSmallerErrors() {
    for (JpegEncodeOptions base : new JpegEncodeOptions[] {
        JpegEncodeOptions.DEFAULT.withSubsampling(Subsampling.S420),
        JpegEncodeOptions.DEFAULT.withSubsampling(Subsampling.S444).withProgressive(false),
        JpegEncodeOptions.DEFAULT.withPsychovisual(false)}) {
      int lastSize = 0;
      double lastPsnr = 0;
      for (int q = 0; q <= 100; q += 10) {
        byte[] jpeg = JpegEncoder.encode(FLOWER, null, base.withQuality(q));
        double psnr = EncoderImages.psnr(FLOWER, decode(jpeg).image().rgba());
        assertTrue(jpeg.length > lastSize, base + " q" + q + ": " + jpeg.length + " bytes, not more than "
            + lastSize);
        assertTrue(psnr > lastPsnr, base + " q" + q + ": PSNR " + psnr + " not above " + lastPsnr);
        lastSize = jpeg.length;
        lastPsnr = psnr;
      }
      assertTrue(lastPsnr > 40, base + " at quality 100: PSNR " + lastPsnr);
    }
  }

  @Test
  void recommendedSettingsAreMonotoneAcrossTheSubsamplingSwitch() {
    int lastSize = 0;
    double lastPsnr = 0;
    for (int q = 70; q <= 100; q += 2) {
      byte[] jpeg = JpegEncoder.encode(FLOWER, null, JpegEncodeOptions.ofQuality(q));
      double psnr = EncoderImages.psnr(FLOWER, decode(jpeg).image().rgba());
      assertTrue(jpeg.length > lastSize, "q" + q);
      assertTrue(psnr > lastPsnr, "q" + q + ": " + psnr + " after " + lastPsnr);
      lastSize = jpeg.length;
      lastPsnr = psnr;
    }
  }

  @Test
  void invalidParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> JpegEncodeOptions.ofQuality(-1));
    assertThrows(IllegalArgumentException.class, () -> JpegEncodeOptions.ofQuality(101));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncodeOptions.DEFAULT.withSubsampling(null));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncodeOptions.DEFAULT.withRestartInterval(-1));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncodeOptions.DEFAULT.withRestartInterval(65536));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.encode(null, null, JpegEncodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> JpegEncoder.encode(FLOWER, null, null));
    Image wide = new Image(65536, 1, new byte[65536 * 4]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.encode(wide, null, JpegEncodeOptions.DEFAULT));
    assertTrue(e.getMessage().contains("65535"), e.getMessage());
    Metadata bigExif = new Metadata(null, tiff(70_000), null, null);
    e = assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.encode(FLOWER, bigExif, JpegEncodeOptions.DEFAULT));
    assertTrue(e.getMessage().contains("EXIF"), e.getMessage());
    Metadata bigXmp = new Metadata(null, null, new byte[65_520], null);
    e = assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.encode(FLOWER, bigXmp, JpegEncodeOptions.DEFAULT));
    assertTrue(e.getMessage().contains("XMP"), e.getMessage());
    Metadata bigIcc = new Metadata(new byte[255 * MarkerWriter.ICC_CHUNK + 1], null, null, null);
    e = assertThrows(IllegalArgumentException.class,
        () -> JpegEncoder.encode(FLOWER, bigIcc, JpegEncodeOptions.DEFAULT));
    assertTrue(e.getMessage().contains("ICC"), e.getMessage());
  }

  /** A big-endian TIFF header with one IFD holding orientation 6, padded to {@code size}. */
  private static byte[] tiff(int size) {
    byte[] t = new byte[size];
    byte[] head = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0,
        0, 0, 0, 0, 0};
    System.arraycopy(head, 0, t, 0, head.length);
    return t;
  }

  @Test
  void metadataIsCarriedVerbatim() {
    byte[] icc = new byte[150_000]; // three APP2 chunks
    new Random(7).nextBytes(icc);
    byte[] exif = tiff(600);
    byte[] xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("comment", "made by Tegula, ünïcödé");
    Metadata in = new Metadata(icc, exif, xmp, text);
    for (boolean progressive : new boolean[] {false, true}) {
      byte[] jpeg = JpegEncoder.encode(FLOWER, in,
          JpegEncodeOptions.DEFAULT.withProgressive(progressive));
      DecodedImage d = decode(jpeg);
      assertArrayEquals(icc, d.metadata().icc());
      assertArrayEquals(exif, d.metadata().exif());
      assertArrayEquals(xmp, d.metadata().xmp());
      assertEquals("made by Tegula, ünïcödé", d.metadata().text().get("comment"));
      assertEquals(6, d.info().orientation());
      // EXIF files start with APP1, not JFIF (EXIF 2.3 §4.5.4)
      assertEquals(0xE1, jpeg[3] & 0xFF);
    }
  }

  /**
   * Grey output carries only a grey ICC profile: a colour one with an exact grey equivalent
   * (testdata/icc's gamma 1.8 matrix/TRC profile) becomes it (GreyProfile), in the one-shot
   * encode and a prepared one's; three components keep the colour profile.
   */
  @Test
  void greyOutputCarriesTheGreyProfile() throws java.io.IOException {
    byte[] rgb = java.nio.file.Files.readAllBytes(
        TestFiles.root().resolve("icc").resolve("rgb-gamma18.icc"));
    Metadata meta = new Metadata(rgb, null, null, null);
    JpegEncodeOptions grey = JpegEncodeOptions.DEFAULT.withGrayscale(true);
    byte[] oneShot = JpegEncoder.encode(FLOWER, meta, grey);
    byte[] prepared = JpegEncoder.prepare(FLOWER, grey).encode(meta, grey);
    for (byte[] jpeg : new byte[][] {oneShot, prepared}) {
      DecodedImage d = decode(jpeg);
      assertEquals(1, d.info().components());
      assertArrayEquals(dev.tegula.core.GreyProfile.fromColour(rgb), d.metadata().icc());
    }
    assertArrayEquals(rgb, decode(JpegEncoder.encode(FLOWER, meta, JpegEncodeOptions.DEFAULT))
        .metadata().icc());
  }

  @Test
  void jfifWhenThereIsNoExif() {
    byte[] jpeg = JpegEncoder.encode(FLOWER, Metadata.EMPTY, JpegEncodeOptions.DEFAULT);
    assertEquals(0xE0, jpeg[3] & 0xFF);
    assertEquals("JFIF", new String(jpeg, 6, 4, StandardCharsets.US_ASCII));
    DecodedImage d = decode(jpeg);
    assertNull(d.metadata().icc());
    assertNull(d.metadata().exif());
  }

  @Test
  void outputIsDeterministic() {
    Image img = EncoderImages.synthetic(97, 61, 5);
    for (JpegEncodeOptions o : new JpegEncodeOptions[] {JpegEncodeOptions.DEFAULT,
        JpegEncodeOptions.ofQuality(95).withRestartInterval(2),
        JpegEncodeOptions.ofQuality(30).withProgressive(false).withGrayscale(true)}) {
      assertArrayEquals(JpegEncoder.encode(img, null, o), JpegEncoder.encode(img, null, o));
    }
  }

  @Test
  void headerSaysWhatWasAskedFor() {
    for (Subsampling s : Subsampling.values()) {
      for (boolean p : new boolean[] {false, true}) {
        byte[] jpeg = JpegEncoder.encode(FLOWER, null,
            JpegEncodeOptions.DEFAULT.withSubsampling(s).withProgressive(p));
        ImageInfo info = JpegDecoder.readInfo(jpeg, Limits.DEFAULT);
        assertEquals(s.label(), info.subsampling());
        assertEquals(p, info.progressive());
        assertEquals(p ? "progressive" : "baseline", info.variant());
        assertEquals(3, info.components());
        assertEquals(256, info.width());
        assertEquals(200, info.height());
      }
    }
    ImageInfo gray = JpegDecoder.readInfo(JpegEncoder.encode(FLOWER, null,
        JpegEncodeOptions.DEFAULT.withGrayscale(true)), Limits.DEFAULT);
    assertEquals(1, gray.components());
    assertEquals("grayscale", gray.colorSpace());
  }

  @Test
  void restartMarkersAppearWhenAsked() {
    for (boolean p : new boolean[] {false, true}) {
      JpegEncodeOptions o = JpegEncodeOptions.DEFAULT.withProgressive(p);
      assertEquals(0, restartMarkers(JpegEncoder.encode(FLOWER, null, o)));
      // 256x200 at 4:2:0 is 16 x 13 MCUs; one marker after every 8 MCUs of the first scan
      int n = restartMarkers(JpegEncoder.encode(FLOWER, null, o.withRestartInterval(8)));
      assertTrue(n >= 25, "restart markers: " + n);
    }
  }

  private static int restartMarkers(byte[] jpeg) {
    int n = 0;
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if (jpeg[i] == (byte) 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0) {
        n++;
      }
    }
    return n;
  }

  @Test
  void transparencyIsCompositedOverWhite() {
    byte[] rgba = new byte[16 * 16 * 4];
    for (int i = 0; i < rgba.length; i += 4) {
      rgba[i] = (byte) 255; // red, fully transparent
    }
    DecodedImage d = decode(JpegEncoder.encode(new Image(16, 16, rgba), null,
        JpegEncodeOptions.ofQuality(90)));
    byte[] out = d.image().rgba();
    for (int i = 0; i < out.length; i += 4) {
      assertTrue((out[i + 1] & 0xFF) > 250 && (out[i + 2] & 0xFF) > 250, "pixel " + i / 4);
    }
  }

  @Test
  void grayscaleOfAColourImageIsItsLuma() {
    DecodedImage d = decode(JpegEncoder.encode(FLOWER, null,
        JpegEncodeOptions.ofQuality(100).withGrayscale(true)));
    byte[] src = FLOWER.rgba();
    byte[] out = d.image().rgba();
    for (int i = 0; i < src.length; i += 4) {
      int y = (299 * (src[i] & 0xFF) + 587 * (src[i + 1] & 0xFF) + 114 * (src[i + 2] & 0xFF)
          + 500) / 1000;
      assertTrue(Math.abs(y - (out[i] & 0xFF)) <= 3, "pixel " + i / 4);
      assertEquals(out[i], out[i + 1]);
    }
  }
}
