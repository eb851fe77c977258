package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * .tgl size targets on decoded JPEGs: the size estimate corrected by how .tgl's steps compare
 * with the source's ({@link Rule#TGL_SIZE_SOURCE_CORRECTION}, SizeCurve's step-ratio
 * tables), fitted on cjpeg's and other encoders' decodes, carries over to this encoder's own
 * Annex K output.
 */
class TglSizeSourceTest {
  /**
   * 12 size targets between the files at .tgl quality 50 and 96 on 320-pixel crops through the
   * Annex K tables (colour at 75 and 90, grey at 70), each search with and without the
   * correction: with it at least as many land in the band, in fewer encodes, and every file fits
   * its target in at most 3 encodes (29 Nov: 35 -> 35 of 36 in the band, 90 -> 84 encodes).
   * Measured as made, without {@link Rule#TGL_SIZE_FULL_NEAR_TOP} (session 27), which moves
   * some of these searches onto 4:4:4 (1 Dec: 35 -> 36, 90 -> 84 without it; with it 36 -> 36,
   * 84 -> 84: it takes the uncorrected searches' six encodes too).
   */
  /** The rules this correction was measured under. */
  private static final SearchRules AS_MADE =
      TargetSearchTest.NO_FOURTH.with(Rule.TGL_SIZE_FULL_NEAR_TOP, false);

  @Test
  void tglSizeSearchOnADecodedJpegReadsTheStepRatio() throws IOException {
    Image[] sources = {
        TargetSearchTest.annexKDecoded(TargetSearchTest.crop("astronaut.png", 64, 64, 320), 75),
        TargetSearchTest.annexKDecoded(TargetSearchTest.crop("flower.png", 32, 32, 320), 90),
        TargetSearchTest.annexKDecoded(
            TargetSearchTest.grey(TargetSearchTest.crop("astronaut.png", 128, 0, 320)), 70)};
    CompressOptions o = CompressOptions.lossy(75).withFormat(ImageFormat.TGL);
    int[] landed = new int[2];
    int[] encodes = new int[2];
    int searches = 0;
    for (Image decoded : sources) {
      Map<Integer, byte[]> files = new HashMap<>();
      IntFunction<byte[]> encoder = c -> files.computeIfAbsent(c,
          cc -> CompressPipeline.encodeLossy(decoded, Metadata.EMPTY, o, cc));
      long pixels = (long) decoded.width() * decoded.height();
      double low = encoder.apply(5000).length;
      double high = encoder.apply(9600).length;
      // both in at most 3 encodes, as measured (FourthEncodeTest has the fourth)
      SizeCurve[] curves = {
          CompressPipeline.sizeCurve(o, decoded,
              AS_MADE.with(Rule.TGL_SIZE_SOURCE_CORRECTION, false)),
          CompressPipeline.sizeCurve(o, decoded, AS_MADE)};
      for (int t = 0; t < 12; t++) {
        long target = Math.round(low * Math.pow(high / low, t / 11.0));
        for (int corrected = 0; corrected < 2; corrected++) {
          int[] calls = {0};
          TargetSearch.Result r = TargetSearch.forSize(ImageFormat.TGL, 1,
              CompressPipeline.chromaChoice(o, decoded), pixels, target, c -> {
                calls[0]++;
                return encoder.apply(c);
              }, curves[corrected]);
          assertTrue(r.bytes().length <= target, target + ": " + r.bytes().length);
          assertTrue(calls[0] <= 3, target + ": " + calls[0] + " encodes");
          landed[corrected] += r.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
          encodes[corrected] += calls[0];
        }
        searches++;
      }
    }
    System.out.println(".tgl sizes on decoded JPEGs, in the band: " + landed[0] + " -> "
        + landed[1] + " of " + searches + ", encodes " + encodes[0] + " -> " + encodes[1]);
    assertTrue(landed[1] >= landed[0], landed[0] + " without the source's correction, "
        + landed[1] + " with it, of " + searches);
    assertTrue(encodes[1] < encodes[0], encodes[0] + " encodes without the source's correction, "
        + encodes[1] + " with it");
  }
}
