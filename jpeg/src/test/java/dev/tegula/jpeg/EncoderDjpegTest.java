package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions.Subsampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every encoder output decodes with libjpeg-turbo's djpeg, without a warning, to the same pixels
 * as our decoder within 1, and looks like its source (a PSNR floor per quality catches a stream
 * both decoders would misread the same way). Skipped (visibly) without djpeg.
 */
class EncoderDjpegTest {
  @TempDir static Path tmp;


  record Source(String name, Image image) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Arguments> cases() {
    Image flower = EncoderImages.photo("flower.png");
    Image astronaut = EncoderImages.photo("astronaut.png");
    List<Source> sources = List.of(
        new Source("flower", flower),
        new Source("astronaut", astronaut),
        new Source("flower-203x157", EncoderImages.crop(flower, 301, 211, 203, 157)),
        new Source("astronaut-17x9", EncoderImages.crop(astronaut, 200, 100, 17, 9)),
        new Source("synthetic-1x1", EncoderImages.synthetic(1, 1, 1)),
        new Source("synthetic-33x65", EncoderImages.synthetic(33, 65, 2)),
        new Source("synthetic-250x7", EncoderImages.synthetic(250, 7, 3)));
    List<JpegEncodeOptions> options = new ArrayList<>();
    for (Subsampling s : Subsampling.values()) {
      for (int q : new int[] {5, 50, 85, 100}) {
        JpegEncodeOptions o = JpegEncodeOptions.ofQuality(q).withSubsampling(s);
        options.add(o.withProgressive(false));
        options.add(o.withProgressive(true));
      }
      options.add(JpegEncodeOptions.ofQuality(75).withSubsampling(s).withProgressive(false)
          .withOptimizeHuffman(false));
      options.add(JpegEncodeOptions.ofQuality(75).withSubsampling(s).withRestartInterval(3));
      options.add(JpegEncodeOptions.ofQuality(60).withSubsampling(s).withProgressive(false)
          .withRestartInterval(1));
      options.add(JpegEncodeOptions.ofQuality(75).withSubsampling(s).withPsychovisual(false));
      // the search's second knob, the trellis lambda, at both ends of its range
      options.add(JpegEncodeOptions.ofQuality(85).withSubsampling(s)
          .withLambdaHundredths(JpegEncodeOptions.MAX_LAMBDA));
      options.add(JpegEncodeOptions.ofQualityHundredths(5037).withSubsampling(s)
          .withProgressive(false).withLambdaHundredths(0));
      options.add(JpegEncodeOptions.ofQualityHundredths(3801).withSubsampling(s)
          .withLambdaHundredths(140));
    }
    for (boolean p : new boolean[] {false, true}) {
      JpegEncodeOptions g = JpegEncodeOptions.ofQuality(80).withGrayscale(true).withProgressive(p);
      options.add(g);
      options.add(g.withRestartInterval(5));
      options.add(g.withQuality(20).withOptimizeHuffman(false));
      options.add(g.withLambdaHundredths(250));
    }
    List<Arguments> out = new ArrayList<>();
    for (Source src : sources) {
      for (JpegEncodeOptions o : options) {
        out.add(Arguments.of(src, o));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void djpegAndOurDecoderAgree(Source src, JpegEncodeOptions o) throws Exception {
    Assumptions.assumeTrue(Djpeg.available(), "djpeg is not installed");
    byte[] jpeg = JpegEncoder.encode(src.image(), null, o);
    Path jpg = Files.createTempFile(tmp, "enc", ".jpg");
    Path ppm = Files.createTempFile(tmp, "enc", ".ppm");
    Files.write(jpg, jpeg);
    Process proc = new ProcessBuilder("djpeg", "-outfile", ppm.toString(), jpg.toString())
        .redirectErrorStream(true).start();
    String messages = new String(proc.getInputStream().readAllBytes()).trim();
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, proc.exitValue(), messages);
    assertEquals("", messages, "djpeg warned");

    DecodedImage ours = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
    assertTrue(ours.complete(), ours.warning());
    int[] size = new int[2];
    int[] ref = Pnm.read(ppm, size);
    assertEquals(src.image().width(), size[0]);
    assertEquals(src.image().height(), size[1]);
    int[] diff = Diff.maxDiff(ours.image().rgba(), ref);
    assertTrue(diff[0] <= 1, "ours vs djpeg: " + Diff.describe(diff));

    if (!o.grayscale()) {
      double floor = o.quality() >= 85 ? 25 : o.quality() >= 50 ? 22 : 15;
      double psnr = EncoderImages.psnr(src.image(), ours.image().rgba());
      assertTrue(psnr >= floor, "PSNR " + psnr + " < " + floor);
    }
  }
}
