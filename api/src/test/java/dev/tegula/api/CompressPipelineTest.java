package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.Metrics;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.tgl.PreparedTgl;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Tegula#compressFile}: every stage of the pipeline and the target search. */
class CompressPipelineTest {
  static byte[] file(String relative) throws IOException {
    return Files.readAllBytes(TglFacadeTest.testdata(relative));
  }

  private static DecodedImage decoded(String relative) throws IOException {
    return Tegula.decode(file(relative));
  }

  @Test
  void turnsTheImageUprightAndResetsTheTagByDefault() throws IOException {
    byte[] jpeg = file("jpeg/exif_orientation_6.jpg");
    DecodedImage upright = Tegula.decode(jpeg, new dev.tegula.core.DecodeOptions(Limits.DEFAULT,
        true));
    CompressResult r = Tegula.compressFile(jpeg, CompressOptions.lossless(), Limits.DEFAULT);
    DecodedImage out = Tegula.decode(r.bytes());
    assertArrayEquals(upright.image().rgba(), out.image().rgba(), "lossless, upright");
    assertEquals(1, Exif.orientation(out.metadata().exif()));

    CompressResult kept = Tegula.compressFile(jpeg,
        CompressOptions.lossless().withKeepOrientation(true), Limits.DEFAULT);
    DecodedImage stored = Tegula.decode(kept.bytes());
    assertEquals(6, Exif.orientation(stored.metadata().exif()));
    assertArrayEquals(Tegula.decode(jpeg).image().rgba(), stored.image().rgba());
  }

  @Test
  void resizesWithinTheMaximumSideAfterTurningUpright() throws IOException {
    byte[] jpeg = file("jpeg/exif_orientation_6.jpg");
    DecodedImage stored = Tegula.decode(jpeg);
    int w = stored.image().width();
    int h = stored.image().height();
    int max = Math.max(w, h) / 3;
    CompressResult r = Tegula.compressFile(jpeg,
        CompressOptions.lossy(80).withFormat(ImageFormat.JPEG).withMaxDimension(max),
        Limits.DEFAULT);
    // orientation 6 swaps the sides
    int[] expected = dev.tegula.transform.Resizer.fittedSize(h, w, max);
    assertEquals(expected[0], r.width());
    assertEquals(expected[1], r.height());
    Image out = Tegula.decode(r.bytes()).image();
    assertEquals(expected[0], out.width());
    CompressResult same = Tegula.compressFile(jpeg,
        CompressOptions.lossless().withMaxDimension(5000), Limits.DEFAULT);
    assertEquals(h, same.width(), "never enlarged");
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void greyOutputIsGreyInEveryFormat(ImageFormat format) throws IOException {
    CompressOptions o = (format == ImageFormat.PNG ? CompressOptions.lossless()
        : CompressOptions.lossy(90)).withFormat(format).withGrayscale(true);
    CompressResult r = Tegula.compressFile(file("photos/astronaut.png"), o, Limits.DEFAULT);
    DecodedImage out = Tegula.decode(r.bytes());
    byte[] p = out.image().rgba();
    for (int i = 0; i < p.length; i += 4) {
      assertEquals(p[i], p[i + 1]);
      assertEquals(p[i], p[i + 2]);
    }
    if (format == ImageFormat.JPEG) {
      assertEquals(1, out.info().components(), "one component");
    }
    if (format == ImageFormat.PNG) {
      assertEquals("grayscale", out.info().colorSpace());
    }
  }

  @Test
  void stripRemovesAllMetadataAndStripGpsOnlyTheLocation() throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    byte[] exif = exifWithGps();
    Metadata m = new Metadata(new byte[] {1, 2, 3}, exif, null, Map.of("comment", "hi"));
    DecodedImage withGps = new DecodedImage(d.image(), d.info(), m, true, null);

    DecodedImage stripped = Tegula.decode(Tegula.compress(withGps,
        CompressOptions.lossless().withStripMetadata(true)).bytes());
    assertTrue(stripped.metadata().isEmpty());

    DecodedImage noGps = Tegula.decode(Tegula.compress(withGps,
        CompressOptions.lossless().withStripGps(true)).bytes());
    assertArrayEquals(m.icc(), noGps.metadata().icc());
    assertNotNull(noGps.metadata().exif());
    assertTrue(!dev.tegula.transform.LocationRemoval.hasGps(noGps.metadata().exif()));
    assertEquals(6, Exif.orientation(exif), "the test EXIF says 6");
    assertEquals("hi", noGps.metadata().text().get("comment"));

    DecodedImage kept = Tegula.decode(Tegula.compress(withGps,
        CompressOptions.lossless().withKeepOrientation(true)).bytes());
    assertArrayEquals(exif, kept.metadata().exif(), "EXIF kept byte for byte by default");
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"JPEG", "TGL"})
  void maxSizeGivesTheHighestQualityThatFits(ImageFormat format) throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    for (long target : new long[] {15_000, 40_000}) {
      CompressResult r = Tegula.compress(d,
          CompressOptions.lossy(75).withFormat(format).withMaxSizeBytes(target));
      assertTrue(r.size() <= target, r.size() + " > " + target);
      assertTrue(r.encodes() <= 3, r.encodes() + " encodes");
      // JPEG is searched on the fine quality scale and lands in the 3% band here; .tgl has
      // whole qualities only (a finer scale would be a format change), where 10% is reachable
      double band = format == ImageFormat.JPEG ? TargetSearch.SIZE_BAND : 0.9;
      assertTrue(r.size() >= band * target, "q" + r.quality() + " gives " + r.size());
      assertTrue(r.quality() < 100);
    }
  }

  @Test
  void aTargetNoQualityReachesFailsClearly() throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> Tegula.compress(
        d, CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withMaxSizeBytes(500)));
    assertTrue(e.getMessage().startsWith("even quality 0 gives "), e.getMessage());
  }

  @Test
  void aSizeTooSmallForQualityZeroShrinksTheImageWhenResizingIsAllowed() throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    CompressResult r = Tegula.compress(d, CompressOptions.lossy(75).withFormat(ImageFormat.JPEG)
        .withMaxSizeBytes(1500).withMaxDimension(512));
    assertTrue(r.size() <= 1500, r.size() + " bytes");
    assertTrue(r.width() < 512 && r.width() == r.height(), r.width() + "x" + r.height());
    Image out = Tegula.decode(r.bytes()).image();
    assertEquals(r.width(), out.width());
  }

  @Test
  void anSsimNoQualityReachesFailsClearly() throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> Tegula.compress(
        d, CompressOptions.lossy(75).withTargetSsim(0.9999)));
    assertTrue(e.getMessage().matches("even quality 100 reaches only SSIM 0\\.\\d{4}, below the "
        + "target 0\\.9999; lossless output .*"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"JPEG", "TGL"})
  void targetSsimGivesTheLowestQualityThatReachesIt(ImageFormat format) throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    CompressResult r = Tegula.compress(d,
        CompressOptions.lossy(75).withFormat(format).withTargetSsim(0.95));
    double ssim = Metrics.ssim(d.image(), Tegula.decode(r.bytes()).image());
    assertEquals(ssim, r.ssim(), 1e-12);
    assertTrue(ssim >= 0.95, "SSIM " + ssim);
    assertTrue(r.encodes() <= 3, r.encodes() + " encodes");
    byte[] lower = Tegula.compress(d, CompressOptions.lossy(r.quality() - 1).withFormat(format))
        .bytes();
    double lowerSsim = Metrics.ssim(d.image(), Tegula.decode(lower).image());
    assertTrue(ssim <= 0.95 + 0.005 || lowerSsim < 0.95,
        "q" + r.quality() + " SSIM " + ssim + ", q-1 " + lowerSsim);
  }

  @Test
  void refusesCombinationsBeforeDecoding() {
    byte[] notAnImage = {1, 2, 3};
    CompressOptions[] bad = {
        CompressOptions.lossless().withMaxSizeBytes(1000),
        CompressOptions.lossy(50).withFormat(ImageFormat.PNG).withMaxSizeBytes(1000),
        CompressOptions.lossy(50).withFormat(ImageFormat.PNG).withTargetSsim(0.9),
        CompressOptions.lossless().withFormat(ImageFormat.JPEG),
        CompressOptions.lossy(50).withMaxSizeBytes(1000).withTargetSsim(0.9),
        CompressOptions.lossy(50).withJpegBaseline(true),
        CompressOptions.lossy(50).withFormat(ImageFormat.PNG).withJpegRestartInterval(4),
        CompressOptions.lossy(50).withFormat(ImageFormat.JPEG).withGrayscale(true)
            .withJpegSubsampling(JpegEncodeOptions.Subsampling.S444)};
    for (CompressOptions o : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Tegula.compressFile(notAnImage, o, Limits.DEFAULT));
      assertEquals(o.problem(), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(50)
        .withMaxSizeBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(50)
        .withTargetSsim(1));
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(50)
        .withMaxDimension(-5));
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(50).withPngEffort(5));
    assertThrows(IllegalArgumentException.class, () -> CompressOptions.lossy(50)
        .withJpegRestartInterval(65536));
    assertNull(CompressOptions.lossy(50).withFormat(ImageFormat.JPEG).withMaxSizeBytes(9)
        .problem());
  }

  @Test
  void aFixedChromaHoldsThroughASizeSearchAndIsReported() throws IOException {
    DecodedImage d = decoded("photos/astronaut.png");
    CompressOptions jpeg = CompressOptions.lossy(75).withFormat(ImageFormat.JPEG);
    byte[] q99 = Tegula.compress(d, CompressOptions.lossy(99).withFormat(ImageFormat.JPEG))
        .bytes();
    // a target above quality 97's size: the search would climb into 4:4:4 on its own
    CompressResult free = Tegula.compress(d, jpeg.withMaxSizeBytes(q99.length));
    assertEquals("4:4:4", free.chroma());
    CompressResult fixed = Tegula.compress(d, jpeg.withMaxSizeBytes(q99.length)
        .withJpegSubsampling(JpegEncodeOptions.Subsampling.S420));
    assertEquals("4:2:0", fixed.chroma());
    assertTrue(fixed.bytes().length <= q99.length);
    CompressResult plain = Tegula.compress(d, jpeg.withJpegSubsampling(
        JpegEncodeOptions.Subsampling.S422).withJpegBaseline(true).withJpegRestartInterval(3));
    assertEquals("4:2:2", plain.chroma());
    assertEquals("JPEG lossy q75, 4:2:2, baseline, restart every 3 MCUs",
        jpeg.withJpegSubsampling(JpegEncodeOptions.Subsampling.S422).withJpegBaseline(true)
            .withJpegRestartInterval(3).toString());
    assertTrue(Tegula.decode(plain.bytes()).complete());
  }

  /** Saturated red and blue in columns one pixel wide: all of it lives in the chroma. */
  private static Image redBlueColumns(int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 4;
        boolean red = ((x + y / 8) & 1) == 0;
        rgba[o] = (byte) (red ? 230 : 20);
        rgba[o + 1] = (byte) (40 + y);
        rgba[o + 2] = (byte) (red ? 20 : 230);
        rgba[o + 3] = (byte) 255;
      }
    }
    return new Image(w, h, rgba);
  }

  @Test
  void aTglChromaOptionFixesTheResolutionAtAnyQuality() {
    Image im = redBlueColumns(128, 96);
    DecodedImage d = new DecodedImage(im, null, Metadata.EMPTY, true, null);
    CompressOptions q80 = CompressOptions.lossy(80);
    CompressResult full = Tegula.compress(d, q80.withChroma(JpegEncodeOptions.Subsampling.S444));
    CompressResult half = Tegula.compress(d, q80);
    assertEquals("4:4:4", full.chroma());
    assertEquals("4:2:0", half.chroma());
    double fullPsnr = Metrics.compare(im, Tegula.decode(full.bytes()).image(), false)
        .psnr();
    double halfPsnr = Metrics.compare(im, Tegula.decode(half.bytes()).image(), false)
        .psnr();
    // 4:2:0 averages red and blue neighbours into one purple: no quality can restore them
    assertTrue(fullPsnr > halfPsnr + 10, "4:4:4 " + fullPsnr + " dB, 4:2:0 " + halfPsnr + " dB");
    // the tile job (the CLI's and the browser's path) writes the same file
    assertArrayEquals(full.bytes(), Tegula.compress(im, Metadata.EMPTY,
        q80.withChroma(JpegEncodeOptions.Subsampling.S444)));
    // and 4:2:0 holds at the top of the scale, where the encoder would choose 4:4:4
    CompressOptions q100 = CompressOptions.lossy(100);
    CompressResult top = Tegula.compress(d, q100);
    CompressResult topHalf = Tegula.compress(d,
        q100.withChroma(JpegEncodeOptions.Subsampling.S420));
    assertEquals("4:4:4", top.chroma());
    assertEquals("4:2:0", topHalf.chroma());
    assertTrue(Metrics.compare(im, Tegula.decode(topHalf.bytes()).image(), false).psnr()
        < Metrics.compare(im, Tegula.decode(top.bytes()).image(), false).psnr() - 10);
    assertEquals("lossy q80, tiles 512, 4:4:4",
        q80.withChroma(JpegEncodeOptions.Subsampling.S444).toString());
  }

  @Test
  void tglRefusesHalfWidthChromaAndChromaWithoutLossyColourBeforeAnyWork() {
    byte[] notAnImage = {1, 2, 3};
    CompressOptions[] bad = {
        CompressOptions.lossy(50).withChroma(JpegEncodeOptions.Subsampling.S422),
        CompressOptions.lossless().withChroma(JpegEncodeOptions.Subsampling.S444),
        CompressOptions.lossless().withFormat(ImageFormat.PNG)
            .withChroma(JpegEncodeOptions.Subsampling.S420),
        CompressOptions.lossy(50).withGrayscale(true)
            .withChroma(JpegEncodeOptions.Subsampling.S444)};
    for (CompressOptions o : bad) {
      assertNotNull(o.problem());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Tegula.compressFile(notAnImage, o, Limits.DEFAULT));
      assertEquals(o.problem(), e.getMessage());
    }
    assertTrue(bad[0].problem().contains("4:2:2"), bad[0].problem());
    // the tile job, which takes its options unchecked, refuses it too, before any tile
    assertThrows(IllegalArgumentException.class, () -> Tegula.startCompress(
        new Image(8, 8, new byte[256]), null, bad[0]));
    assertNull(CompressOptions.lossy(50).withChroma(JpegEncodeOptions.Subsampling.S444)
        .withTargetSsim(0.95).problem());
    // the old name still sets the same option
    assertEquals(JpegEncodeOptions.Subsampling.S420, CompressOptions.lossy(50)
        .withJpegSubsampling(JpegEncodeOptions.Subsampling.S420).chroma());
  }

  @Test
  void theTileJobRefusesFormatsOtherThanTgl() throws IOException {
    Image im = decoded("photos/astronaut.png").image();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tegula.startCompress(im, null, CompressOptions.lossless()
            .withFormat(ImageFormat.PNG)));
    assertTrue(e.getMessage().contains("writes .tgl"), e.getMessage());
  }

  @Test
  void encodePngTakesOptionsAndDefaultsToTheFastEffort() throws IOException {
    Image im = decoded("photos/astronaut.png").image();
    byte[] fast = Tegula.encodePng(im, null);
    byte[] effort1 = Tegula.encodePng(im, null, PngEncodeOptions.DEFAULT.withEffort(1)
        .withCompressionLevel(6));
    assertArrayEquals(effort1, fast);
    assertArrayEquals(im.rgba(), Tegula.decode(fast).image().rgba());
    byte[] stored = Tegula.encodePng(im, null, PngEncodeOptions.DEFAULT.withCompressionLevel(0)
        .withEffort(0));
    assertArrayEquals(im.rgba(), Tegula.decode(stored).image().rgba());
    assertTrue(stored.length > fast.length);
  }

  /** Little-endian TIFF: IFD0 with Orientation 6 and a GPSInfo pointer; GPS IFD with latitude. */
  static byte[] exifWithGps() {
    byte[] d = new byte[120];
    int[][] writes = {
        {0, 'I'}, {1, 'I'}, {2, 42}, {4, 8}, // header, IFD0 at 8
        {8, 2}, // two entries
        {10, 0x12}, {11, 0x01}, {12, 3}, {14, 1}, {18, 6}, // Orientation SHORT 1 = 6
        {22, 0x25}, {23, 0x88}, {24, 4}, {26, 1}, {30, 40}, // GPSInfo LONG -> 40
        // next-IFD offset 34..37 = 0; GPS IFD at 40, one entry: GPSLatitude RATIONAL[3] at 60
        {40, 1}, {42, 2}, {44, 5}, {46, 3}, {50, 60},
        {60, 48}, {64, 1}, {68, 51}, {72, 1}, {76, 0x94}, {77, 0x0B}, {80, 100}};
    for (int[] w : writes) {
      d[w[0]] = (byte) w[1];
    }
    return d;
  }

  /**
   * An SSIM target on a decoded JPEG may move JPEG's second knob, the trellis lambda: the result
   * reports it next to the quality and chroma, and those three reproduce the file's pixels.
   * Without the knob (a whole quality) it is the encoder's own, x1.00; .tgl reports none.
   */
  @Test
  void aSearchThatMovesTheTrellisLambdaReportsIt() throws IOException {
    Image photo = TargetSearchTest.crop("astronaut.png", 128, 96, 256);
    byte[] input = Tegula.encodeJpeg(photo, null,
        JpegEncodeOptions.ofQuality(80).withPsychovisual(false));
    Image source = Tegula.decode(input).image();
    CompressResult knob = null;
    for (int t = 0; t < 40 && knob == null; t++) {
      CompressResult r = Tegula.compressFile(input, CompressOptions.lossy(75)
          .withFormat(ImageFormat.JPEG).withTargetSsim(0.90 + 0.0023 * t), Limits.DEFAULT);
      knob = r.lambdaHundredths() != 100 ? r : null;
    }
    assertNotNull(knob, "no search moved the lambda");
    assertTrue(knob.lambdaHundredths() >= TrellisKnob.BELOW_MIN
        && knob.lambdaHundredths() <= TrellisKnob.KNOB_MAX && knob.encodes() <= 3);
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(knob.qualityHundredths())
        .withLambdaHundredths(knob.lambdaHundredths());
    o = knob.chroma().equals("4:4:4") ? o.withSubsampling(JpegEncodeOptions.Subsampling.S444) : o;
    assertArrayEquals(Tegula.decode(knob.bytes()).image().rgba(),
        Tegula.decode(Tegula.encodeJpeg(source, null, o)).image().rgba());
    assertEquals(100, Tegula.compressFile(input, CompressOptions.lossy(60)
        .withFormat(ImageFormat.JPEG), Limits.DEFAULT).lambdaHundredths());
    assertEquals(-1, Tegula.compressFile(input, CompressOptions.lossy(60)
        .withFormat(ImageFormat.TGL), Limits.DEFAULT).lambdaHundredths());
  }

  /**
   * A JPEG size search may fit an encode just over the target into it by dropping coefficients
   * (SearchEncoder.fitting): the result says so, lies in the band, and the encode at its quality,
   * chroma and lambda is over the target while the same encode fitted to the target gives the
   * result's pixels again. Results made otherwise say they were not trimmed.
   */
  @Test
  void aSizeSearchThatTrimsReportsItAndTheFittedEncodeGivesItAgain() throws IOException {
    Image photo = TargetSearchTest.crop("astronaut.png", 128, 96, 256);
    DecodedImage d = new DecodedImage(photo, null, Metadata.EMPTY, true, null);
    CompressResult trimmed = null;
    CompressResult whole = null;
    for (int t = 0; t < 40 && (trimmed == null || whole == null); t++) {
      long target = 8_000 + 397L * t;
      CompressResult r = Tegula.compress(d, CompressOptions.lossy(75)
          .withFormat(ImageFormat.JPEG).withMaxSizeBytes(target));
      assertTrue(r.size() <= target && r.encodes() <= 3, target + ": " + r.size());
      if (r.trimmed() && trimmed == null) {
        trimmed = r;
        assertTrue(r.size() >= TargetSearch.SIZE_BAND * target, target + ": " + r.size());
        JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(r.qualityHundredths())
            .withLambdaHundredths(r.lambdaHundredths());
        o = r.chroma().equals("4:4:4") ? o.withSubsampling(JpegEncodeOptions.Subsampling.S444)
            : o;
        dev.tegula.jpeg.PreparedJpeg prepared = dev.tegula.jpeg.JpegEncoder.prepare(photo, o);
        assertTrue(prepared.encode(null, o).length > target, "the encode alone was over");
        byte[] again = prepared.encode(null, o, (int) target, SearchEncoder.TRIM_SHARE).file();
        assertArrayEquals(Tegula.decode(r.bytes()).image().rgba(),
            Tegula.decode(again).image().rgba());
      } else if (!r.trimmed() && whole == null) {
        whole = r;
      }
    }
    assertNotNull(trimmed, "no search trimmed");
    assertNotNull(whole, "every search trimmed");
    assertFalse(Tegula.compress(d, CompressOptions.lossy(75).withFormat(ImageFormat.JPEG)
        .withTargetSsim(0.95)).trimmed(), "nor an SSIM search's file");
  }

  /**
   * The same for .tgl (SearchRules.Rule.TGL_SIZE_TRIM): a trimmed result lies in the band, the
   * encode at its quality is over the target and the same encode fitted to the target gives the
   * same bytes; the tiles' codings of the trim count as encodes. (On this crop most targets
   * from 8 to 38 KB trim the second encode; astronaut's crop lands without.)
   */
  @Test
  void aTglSizeSearchThatTrimsReportsItCountsItsCodingsAndTheFittedEncodeGivesItAgain()
      throws IOException {
    Image photo = TargetSearchTest.crop("flower.png", 128, 96, 256);
    DecodedImage d = new DecodedImage(photo, null, Metadata.EMPTY, true, null);
    CompressResult trimmed = null;
    CompressResult whole = null;
    for (int t = 0; t < 60 && (trimmed == null || whole == null); t++) {
      long target = 8_000 + 397L * t;
      CompressResult r = Tegula.compress(d, CompressOptions.lossy(75)
          .withFormat(ImageFormat.TGL).withMaxSizeBytes(target));
      assertTrue(r.size() <= target && r.size() >= TargetSearch.SIZE_BAND * target,
          target + ": " + r.size());
      if (r.trimmed() && trimmed == null) {
        trimmed = r;
        assertTrue(r.encodes() >= 2, "an encode and a coding: " + r.encodes());
        boolean again = false;
        for (TglEncodeOptions.Chroma chroma : new TglEncodeOptions.Chroma[] {null,
            TglEncodeOptions.Chroma.FULL}) {
          TglEncodeOptions o = TglEncodeOptions.lossyHundredths(r.qualityHundredths())
              .withChroma(chroma);
          PreparedTgl prepared = TglEncoder.prepare(photo, o);
          PreparedTgl.Budgeted fit = prepared.encode(null, o, (int) target,
              SearchEncoder.TRIM_SHARE);
          again |= fit.trimmed() && prepared.encode(null, o).length > target
              && java.util.Arrays.equals(fit.file(), r.bytes());
        }
        assertTrue(again, target + ": the fitted encode at q" + r.qualityHundredths()
            + " gives the result again");
      } else if (!r.trimmed() && whole == null) {
        whole = r;
      }
    }
    assertNotNull(trimmed, "no search trimmed");
    assertNotNull(whole, "every search trimmed");
  }
}
