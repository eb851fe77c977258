package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.io.IOException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The size and SSIM searches on the fine quality scale (JPEG and .tgl), against the whole-quality
 * search: never over the target, at most 3 encodes when one fits; and what every search test
 * shares (the rule sets measured before later rules, test images, memoized encoders). The chroma
 * jump at 97 is ChromaJumpSearchTest's, the searches on each image's own curves
 * SearchOnOwnCurveTest's, the trellis knob TrellisKnobSearchTest's (split in session 26).
 */
class TargetSearchTest {
  /**
   * The rules with no encode after the third: no fourth in a bracket ({@link
   * Rule#FOURTH_IN_BRACKET}, tested in FourthEncodeTest) nor after a pass far over the band
   * ({@link Rule#FAR_PASS}, FarPassTest) nor after a fit under the band ({@link
   * Rule#SIZE_UNDER_BAND}, SizeUnderBandTest): for the tests that compare another rule's or the
   * estimate's landings in at most 3 encodes, as they were measured before them.
   */
  static final SearchRules NO_FOURTH = SearchRules.DEFAULT.with(Rule.FOURTH_IN_BRACKET, false)
      .with(Rule.FAR_PASS, false).with(Rule.SIZE_UNDER_BAND, false);

  /**
   * The rules before a pass far over the band was followed ({@link Rule#FAR_PASS}): for
   * the rule tests measured before it, whose encode counts it would change.
   */
  static final SearchRules NO_FAR = SearchRules.DEFAULT.with(Rule.FAR_PASS, false);

  /**
   * Every rule but session 19's JPEG probe ({@link Rule#JPEG_PROBE}, {@link
   * Rule#JPEG_PROBE_SECOND}), which moves a JPEG search's first and second encodes, and session
   * 20's knob third read on its mosaic ({@link Rule#JPEG_KNOB_MOSAIC}): for the rule tests
   * measured before them, whose searches they would change on both sides.
   */
  static final SearchRules BEFORE_JPEG_PROBE = SearchRules.DEFAULT.with(Rule.JPEG_PROBE, false)
      .with(Rule.JPEG_PROBE_SECOND, false).with(Rule.JPEG_KNOB_MOSAIC, false);

  /**
   * {@link #NO_FOURTH} without the larger mosaic ({@link Rule#JPEG_LARGER_MOSAIC}) and the later
   * JPEG probe ({@link #BEFORE_JPEG_PROBE}): for the rule tests of JPEG thirds inside a bracket
   * measured before them, which they would place themselves.
   */
  static final SearchRules BEFORE_LARGER_MOSAIC = NO_FOURTH.with(Rule.JPEG_LARGER_MOSAIC, false)
      .with(Rule.JPEG_PROBE, false).with(Rule.JPEG_PROBE_SECOND, false);

  /** A square from a test photo: small enough that many searches stay fast. */
  static Image crop(String photo, int x0, int y0, int side) throws IOException {
    Image src = Tegula.decode(java.nio.file.Files.readAllBytes(
        TglFacadeTest.testdata("photos/" + photo))).image();
    byte[] rgba = new byte[side * side * 4];
    for (int y = 0; y < side; y++) {
      System.arraycopy(src.rgba(), ((y0 + y) * src.width() + x0) * 4, rgba, y * side * 4,
          side * 4);
    }
    return new Image(side, side, rgba);
  }

  /**
   * A synthetic graphic: flat rectangles in a few colours with sharp edges, thin dark lines like
   * text strokes, over a light background; its SSIM curve tops out far earlier than a photo's.
   */
  static Image graphic(int side, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    byte[] rgba = new byte[side * side * 4];
    java.util.Arrays.fill(rgba, (byte) 235);
    for (int i = 0; i < 40; i++) {
      int x0 = rnd.nextInt(side);
      int y0 = rnd.nextInt(side);
      int w = 2 + rnd.nextInt(side / 3);
      int h = i % 2 == 0 ? 1 + rnd.nextInt(3) : 2 + rnd.nextInt(side / 3);
      int r = rnd.nextInt(256);
      int g = rnd.nextInt(256);
      int b = rnd.nextInt(256);
      for (int y = y0; y < Math.min(side, y0 + h); y++) {
        for (int x = x0; x < Math.min(side, x0 + w); x++) {
          int o = (y * side + x) * 4;
          rgba[o] = (byte) r;
          rgba[o + 1] = (byte) g;
          rgba[o + 2] = (byte) b;
        }
      }
    }
    for (int o = 3; o < rgba.length; o += 4) {
      rgba[o] = (byte) 255;
    }
    return new Image(side, side, rgba);
  }

  /** JPEG files of {@code image} by search code, each code encoded once. */
  static IntFunction<byte[]> memoJpeg(Image image) {
    java.util.Map<Integer, byte[]> memo = new java.util.HashMap<>();
    return c -> memo.computeIfAbsent(c,
        cc -> Tegula.encodeJpeg(image, null, TargetSearch.jpegOptions(cc)));
  }

  /** SSIM of files against {@code image}, each file scored once. */
  static java.util.function.ToDoubleFunction<byte[]> memoSsim(Image image) {
    java.util.Map<byte[], Double> scores = new java.util.IdentityHashMap<>();
    return b -> scores.computeIfAbsent(b,
        bb -> dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(bb).image()));
  }

  /** Counts its calls; JPEG codes through {@link TargetSearch#jpegOptions}. */
  static final class Counting implements IntFunction<byte[]> {
    final Image image;
    final ImageFormat format;
    int calls;

    Counting(Image image, ImageFormat format) {
      this.image = image;
      this.format = format;
    }

    @Override
    public byte[] apply(int code) {
      calls++;
      return format == ImageFormat.JPEG
          ? Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(code))
          : dev.tegula.tgl.TglEncoder.encode(image, Metadata.EMPTY,
              TargetSearch.tglOptions(code));
    }
  }

  /**
   * Targets spread from quality ~30 to ~99 on two small crops, both formats: never over the
   * target, at most 3 encodes (each fits at quality 0), and nearly all in the 3% band.
   */
  @Test
  void sizeTargetsLandInTheBandInAtMostThreeEncodesAndNeverOver() throws IOException {
    Image[] images = {crop("astronaut.png", 128, 96, 256), crop("flower.png", 300, 200, 256)};
    int searches = 0;
    int inBand = 0;
    for (Image image : images) {
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        Counting encoder = new Counting(image, format);
        double lo = encoder.apply(3000).length;
        double hi = encoder.apply(9900).length;
        for (int i = 0; i < 6; i++) {
          long target = (long) (lo * Math.pow(hi / lo, i / 5.0));
          encoder.calls = 0;
          TargetSearch.Result r = TargetSearch.forSize(format, 256 * 256, target, encoder);
          String what = format + " " + target + ": " + r.bytes().length + " bytes, q"
              + r.quality() + ", " + r.encodes() + " encodes";
          assertEquals(encoder.calls, r.encodes());
          assertTrue(r.encodes() <= 3, what);
          assertTrue(r.bytes().length <= target, what);
          searches++;
          inBand += r.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
        }
      }
    }
    assertTrue(inBand >= searches - 2, inBand + " of " + searches + " in the band");
  }

  /**
   * SSIM targets on the fine scale, on each crop's own estimated curve as the library searches:
   * never under the target, at most 3 encodes, and most within 3% of the distortion budget above
   * it (SSIM <= target + 0.03 (1 - target)). On the corpus prior alone (no curve, which no caller
   * of the library takes) the flower crop's JPEG 0.98 took 4 encodes once JPEG's 96 got its own
   * tables (session 40: its third 0.2 band widths under the target).
   */
  @Test
  void ssimTargetsOnTheFineScaleLandInTheBand() throws IOException {
    Image[] images = {crop("astronaut.png", 128, 96, 256), crop("flower.png", 300, 200, 256)};
    int searches = 0;
    int inBand = 0;
    for (Image image : images) {
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        Counting encoder = new Counting(image, format);
        for (double target : new double[] {0.93, 0.96, 0.98}) {
          encoder.calls = 0;
          TargetSearch.Result r = TargetSearch.forSsim(format, 1, true, target, encoder,
              b -> dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(b).image()),
              SsimCurve.of(image, format == ImageFormat.JPEG));
          String what = format + " " + target + ": SSIM " + r.ssim() + ", q" + r.quality()
              + ", " + r.encodes() + " encodes";
          assertEquals(encoder.calls, r.encodes());
          assertTrue(r.encodes() <= 3, what);
          assertTrue(r.ssim() >= target, what);
          searches++;
          inBand += r.ssim() <= target + (1 - TargetSearch.SSIM_BAND) * (1 - target) ? 1 : 0;
        }
      }
    }
    assertTrue(inBand >= searches - 3, inBand + " of " + searches + " in the band");
  }

  @Test
  void jpegOnTheFineScaleLandsInTheBandWhereWholeQualitiesStepOverIt() throws IOException {
    Image image = Tegula.decode(java.nio.file.Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    long pixels = (long) image.width() * image.height();
    int[] calls = new int[1];
    IntFunction<byte[]> encoder = h -> {
      calls[0]++;
      return Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(h));
    };
    int fineInBand = 0;
    int wholeInBand = 0;
    // each target a byte under a whole quality's file, more than the band over the one below
    // (on this photo whole steps from 72 up are 4-10 %, below mostly under 3 %): no whole
    // quality lands in the band, a hundredth between them can
    for (int q : new int[] {72, 82, 88, 92}) {
      long below = encoder.apply(q * 100).length;
      long target = encoder.apply(q * 100 + 100).length - 1;
      assertTrue(below < TargetSearch.SIZE_BAND * target, "q" + q + ": " + below + ", " + target);
      calls[0] = 0;
      TargetSearch.Result fine = TargetSearch.forSize(ImageFormat.JPEG, pixels, target, encoder);
      assertEquals(calls[0], fine.encodes());
      assertTrue(fine.encodes() <= 3, fine.encodes() + " encodes");
      assertTrue(fine.bytes().length <= target, fine.bytes().length + " > " + target);
      fineInBand += fine.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
      TargetSearch.Result whole = TargetSearch.forSize(ImageFormat.JPEG, 100, true, pixels, target,
          encoder);
      assertEquals(0, whole.quality() % 100, "the whole search asks for whole qualities");
      wholeInBand += whole.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
    }
    assertEquals(4, fineInBand, "fine scale in the 3% band");
    assertEquals(0, wholeInBand, "whole qualities in the band");
  }

  @Test
  void tglOnTheFineScaleLandsInTheBandWhereWholeQualitiesStepOverIt() throws IOException {
    Image image = Tegula.decode(java.nio.file.Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    long pixels = (long) image.width() * image.height();
    int[] calls = new int[1];
    IntFunction<byte[]> encoder = h -> {
      calls[0]++;
      return dev.tegula.tgl.TglEncoder.encode(image, Metadata.EMPTY,
          dev.tegula.tgl.TglEncodeOptions.lossyHundredths(h));
    };
    int fineInBand = 0;
    int wholeInBand = 0;
    for (long target : new long[] {15_000, 40_000, 70_000, 100_000}) {
      calls[0] = 0;
      TargetSearch.Result fine = TargetSearch.forSize(ImageFormat.TGL, pixels, target, encoder);
      assertEquals(calls[0], fine.encodes());
      assertTrue(fine.encodes() <= 3, fine.encodes() + " encodes");
      assertTrue(fine.bytes().length <= target, fine.bytes().length + " > " + target);
      fineInBand += fine.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
      TargetSearch.Result whole = TargetSearch.forSize(ImageFormat.TGL, 100, false, pixels, target,
          encoder);
      assertEquals(0, whole.quality() % 100, "the whole search asks for whole qualities");
      wholeInBand += whole.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
    }
    assertEquals(4, fineInBand, "fine scale in the 3% band");
    assertTrue(wholeInBand < fineInBand, "whole qualities: " + wholeInBand + " in the band");
  }

  /** .tgl's step scale in hundredths of a percent, as format-lossy.md §6.1 defines it. */
  static double tglScale(int h) {
    int whole = h / 100;
    int f = h % 100;
    return f == 0 ? tglWholeScale(whole)
        : (tglWholeScale(whole) * (100 - f) + tglWholeScale(whole + 1) * f) / 100;
  }

  private static int tglWholeScale(int quality) {
    int q = Math.max(1, Math.min(100, quality));
    return 100 * (q < 50 ? 5000 / q : 200 - 2 * q);
  }

  /**
   * A grey decoded JPEG (a photo crop through the encoder's grey output at quality 60 and back):
   * JPEG qualities that {@code sameFile} calls the same decode to the same pixels, also where
   * their tables differ at positions the image leaves empty or on its chroma, and there are many
   * such; an SSIM search on it never encodes a quality whose pixels it already holds and never
   * ends under its target.
   */
  @Test
  void qualitiesCalledTheSameFileDecodeToTheSamePixelsAndTheSearchSkipsThem() throws IOException {
    Image photo = crop("astronaut.png", 200, 180, 96);
    JpegEncodeOptions grey = new JpegEncodeOptions(60, JpegEncodeOptions.Subsampling.S444, true,
        true, 0, true, true, 6000);
    Image image = Tegula.decode(Tegula.encodeJpeg(photo, Metadata.EMPTY, grey)).image();
    SsimCurve curve = SsimCurve.of(image, true);
    assertTrue(curve.grey());
    int same = 0;
    int differentTables = 0;
    byte[] last = null;
    int lastCode = -1;
    for (int code = 6000; code <= 9000; code += 7) {
      byte[] pixels = Tegula.decode(Tegula.encodeJpeg(image, Metadata.EMPTY,
          TargetSearch.jpegOptions(code))).image().rgba();
      if (last != null && TargetSearch.sameFile(code, lastCode, curve)) {
        assertTrue(java.util.Arrays.equals(pixels, last), code + " and " + lastCode);
        same++;
        differentTables += java.util.Arrays.deepEquals(
            JpegEncodeOptions.psychovisualTables(code, false),
            JpegEncodeOptions.psychovisualTables(lastCode, false)) ? 0 : 1;
      }
      last = pixels;
      lastCode = code;
    }
    assertTrue(same >= 20 && differentTables >= 20, same + " same, " + differentTables
        + " with other tables");
    for (double target = 0.90; target < 0.995; target += 0.005) {
      java.util.List<Integer> codes = new java.util.ArrayList<>();
      TargetSearch.Result r = TargetSearch.forSsim(ImageFormat.JPEG, 1, true, target, code -> {
        codes.add(code);
        return Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(code));
      }, b -> dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(b).image()), curve);
      String what = target + ": " + codes + ", SSIM " + r.ssim();
      assertTrue(r.ssim() >= target, what);
      for (int i = 0; i < codes.size(); i++) {
        for (int j = 0; j < i; j++) {
          assertTrue(!TargetSearch.sameFile(codes.get(i), codes.get(j), curve), what);
        }
      }
    }
  }

  /**
   * A JPEG size search on the image's own curve never encodes a quality whose tables (so whose
   * file) it already holds, and never ends over its target; targets across the whole range,
   * the chroma jump's fill included, on crops of both test photos.
   */
  @Test
  void jpegSizeSearchNeverEncodesAFileItHolds() throws IOException {
    int searches = 0;
    for (Image image : new Image[] {crop("astronaut.png", 128, 96, 160),
        crop("flower.png", 300, 200, 160)}) {
      long pixels = (long) image.width() * image.height();
      SizeCurve curve = SsimCurve.sizeOf(image, true);
      java.util.Map<Integer, byte[]> memo = new java.util.HashMap<>();
      Counting encoder = new Counting(image, ImageFormat.JPEG);
      long smallest = encoder.apply(0).length;
      long largest = encoder.apply(10000).length;
      for (int i = 1; i < 60; i++) {
        // a third of them in the top tenth, where neighbouring qualities share tables most
        long target = i < 40 ? smallest + (largest - smallest) * i / 40
            : largest - (largest - smallest) * (i - 39) / 200;
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        TargetSearch.Result r = TargetSearch.forSize(ImageFormat.JPEG, 1, true, pixels, target,
            code -> {
              codes.add(code);
              return memo.computeIfAbsent(code, encoder::apply);
            }, curve);
        String what = target + ": " + codes;
        assertTrue(r.bytes().length <= target, what);
        for (int a = 0; a < codes.size(); a++) {
          for (int b = 0; b < a; b++) {
            assertTrue(!TargetSearch.sameFile(codes.get(a), codes.get(b), null), what);
          }
        }
        searches++;
      }
    }
    assertEquals(118, searches);
  }

  /** {@code image} in grey (Rec. 601 luma in R, G and B), as a grey JPEG's decode is. */
  static Image grey(Image image) {
    byte[] rgba = image.rgba().clone();
    for (int o = 0; o < rgba.length; o += 4) {
      int v = ((rgba[o] & 255) * 299 + (rgba[o + 1] & 255) * 587 + (rgba[o + 2] & 255) * 114
          + 500) / 1000;
      rgba[o] = (byte) v;
      rgba[o + 1] = (byte) v;
      rgba[o + 2] = (byte) v;
    }
    return new Image(image.width(), image.height(), rgba);
  }

  /** {@code encoder}, counting its calls in {@code calls[0]}: the encodes a search made. */
  static IntFunction<byte[]> counting(IntFunction<byte[]> encoder, int[] calls) {
    return c -> {
      calls[0]++;
      return encoder.apply(c);
    };
  }

  /** {@code image} through this library's own JPEG encoder at {@code quality} and back. */
  static Image ownDecoded(Image image, int quality) {
    return Tegula.decode(Tegula.encodeJpeg(image, null,
        dev.tegula.jpeg.JpegEncodeOptions.ofQuality(quality))).image();
  }

  /**
   * A decoded JPEG: {@code photo} through the encoder's plain Annex K tables at {@code quality}
   * and back (whose SSIM climbs in stairs near that quality).
   */
  static Image annexKDecoded(Image photo, int quality) {
    return Tegula.decode(Tegula.encodeJpeg(photo, null,
        JpegEncodeOptions.ofQuality(quality).withPsychovisual(false))).image();
  }
}
