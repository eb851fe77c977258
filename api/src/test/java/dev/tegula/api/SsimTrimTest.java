package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.metrics.Metrics;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An SSIM search's pass over the band trimmed into it ({@link SsimTrim}, {@link
 * Rule#JPEG_SSIM_TRIM}, {@link Rule#TGL_SSIM_TRIM}).
 */
class SsimTrimTest {
  private static double ssim(Image image, byte[] file) {
    return Metrics.ssim(image, Tegula.decode(file).image());
  }

  /**
   * A pass a little over a band lands in it by its real decode's SSIM, smaller, and the same
   * call gives the same bytes; a band out of reach of the drops the trim may make gives null;
   * JPEG and .tgl, colour and grey.
   */
  @Test
  void aPassOverTheBandIsTrimmedIntoItByItsRealSsim() throws IOException {
    Image[] images = {TargetSearchTest.crop("astronaut.png", 64, 64, 256),
        TargetSearchTest.grey(TargetSearchTest.crop("flower.png", 32, 32, 256))};
    for (Image image : images) {
      for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        trimsIntoTheBand(image, format);
      }
    }
  }

  private static void trimsIntoTheBand(Image image, ImageFormat format) {
    CompressOptions options = CompressPipeline.forImage(
        CompressOptions.lossy(75).withFormat(format), image, Metadata.EMPTY);
    for (int code : new int[] {6000, 8000, 9300}) {
      SearchEncoder encoder = new SearchEncoder(image, Metadata.EMPTY, options);
      byte[] pass = encoder.apply(code);
      double passSsim = ssim(image, pass);
      // a band whose top lies 2 % of the budget under the pass: 3 % of it wide
      double budget = (1 - passSsim) / (1 - 0.05);
      double target = 1 - budget;
      double top = target + 0.03 * budget;
      String what = format + " " + options.grayscale() + " q" + code + " pass " + passSsim
          + " band [" + target + ", " + top + "]";
      long guess = pass.length / 100;
      byte[] out = encoder.ssimTrim(code, pass, passSsim, target, top, guess);
      assertNotNull(out, what);
      double s = ssim(image, out);
      assertTrue(s >= target && s <= top, what + ": " + s);
      assertTrue(out.length < pass.length, what);
      assertTrue(encoder.trimmed(out), what);
      assertEquals(java.util.Arrays.toString(out), java.util.Arrays.toString(
          new SearchEncoder(image, Metadata.EMPTY, options)
              .ssimTrim(code, pass, passSsim, target, top, guess)), what);
      assertNull(encoder.ssimTrim(code, pass, passSsim, 0.5, 0.51, guess), what);
    }
  }

  /**
   * JPEG SSIM targets 0.90-0.99 on the knob tests' images (photo crops and decoded JPEGs), each
   * search without and with the rule: every file reaches its target (RulePairs checks), more
   * land within 3 encodes, and no more encodes are spent (3 Dec, session 38: 219 -> 226 of 240
   * within 3 encodes, encodes 553 -> 552, 28 searches changed, all 28 of their thirds in the
   * band against 21; about 40 s).
   */
  @Test
  void moreJpegSearchesLandWithinThreeEncodes() throws IOException {
    assertMoreLandWithNoMoreEncodes(JpegKnobMosaicTest.images(), ImageFormat.JPEG,
        Rule.JPEG_SSIM_TRIM);
  }

  /**
   * The same for .tgl on its rule tests' images ({@link TglMosaicPickTest#images}): every file
   * reaches its target, more land within 3 encodes, and no more encodes are spent (3 Dec,
   * session 38: 313 -> 316 of 320, encodes 666 -> 663, 48 searches changed, all 48 of their
   * thirds in the band against 45).
   */
  @Test
  void moreTglSearchesLandWithinThreeEncodes() throws IOException {
    assertMoreLandWithNoMoreEncodes(TglMosaicPickTest.images(), ImageFormat.TGL,
        Rule.TGL_SSIM_TRIM);
  }

  /**
   * Every target on {@code images}, without and with {@code rule}, the library's trimmer on and
   * the closing trim off (the rule measured as it was made, before session 39).
   */
  private static void assertMoreLandWithNoMoreEncodes(Image[] images, ImageFormat format,
      Rule rule) {
    SearchRules before = beforeClosing(format);
    List<RulePairs.Pair> pairs = RulePairs.ssim(images, format, before.with(rule, false), before,
        true);
    RulePairs.Totals t = RulePairs.totals(pairs);
    RulePairs.print(format + " SSIM, pass trimmed into the band", pairs,
        RulePairs.moved(pairs, 2, p -> true), "thirds");
    assertTrue(t.landed()[1] > t.landed()[0], t.landed()[0] + " -> " + t.landed()[1]);
    assertTrue(t.encodes()[1] <= t.encodes()[0], t.encodes()[0] + " -> " + t.encodes()[1]);
  }

  /**
   * A search's result over the band trimmed into it as its last step ({@link
   * Rule#JPEG_SSIM_CLOSING_TRIM}) on the knob tests' images: every file still reaches its target,
   * none is larger, more lie in the band, and only results over the band change (3 Dec, session
   * 39: in the band 231 -> 240 of 240, 9 searches changed, encodes 552 -> 561).
   */
  @Test
  void jpegResultsOverTheBandAreTrimmedIntoIt() throws IOException {
    assertClosingTrimsLand(JpegKnobMosaicTest.images(), ImageFormat.JPEG);
  }

  /**
   * The same for .tgl ({@link Rule#TGL_SSIM_CLOSING_TRIM}) on its rule tests' images (session 39:
   * in the band 318 -> 320 of 320, 2 searches changed, encodes 663 -> 665).
   */
  @Test
  void tglResultsOverTheBandAreTrimmedIntoIt() throws IOException {
    assertClosingTrimsLand(TglMosaicPickTest.images(), ImageFormat.TGL);
  }

  private static void assertClosingTrimsLand(Image[] images, ImageFormat format) {
    List<RulePairs.Pair> pairs = RulePairs.ssim(images, format, beforeClosing(format),
        SearchRules.DEFAULT, true);
    RulePairs.Totals t = RulePairs.totals(pairs);
    System.out.println(format + " SSIM, a result over the band trimmed into it: in the band "
        + t.inBand()[0] + " -> " + t.inBand()[1] + " of " + pairs.size() + ", within 3 encodes "
        + t.landed()[0] + " -> " + t.landed()[1] + ", encodes " + t.encodes()[0] + " -> "
        + t.encodes()[1] + ", " + t.changed() + " searches changed, bytes " + t.bytes()[0]
        + " -> " + t.bytes()[1]);
    for (RulePairs.Pair p : pairs) {
      String what = format + " " + p.target();
      assertTrue(p.results()[1].bytes().length <= p.results()[0].bytes().length, what);
      if (p.inBand(0)) {
        assertEquals(p.results()[0].code(), p.results()[1].code(), what);
        assertEquals(p.encodes()[0], p.encodes()[1], what);
      }
    }
    assertTrue(t.inBand()[1] > t.inBand()[0], t.inBand()[0] + " -> " + t.inBand()[1]);
  }

  private static SearchRules beforeClosing(ImageFormat format) {
    return SearchRules.DEFAULT.with(format == ImageFormat.JPEG ? Rule.JPEG_SSIM_CLOSING_TRIM
        : Rule.TGL_SSIM_CLOSING_TRIM, false);
  }
}
