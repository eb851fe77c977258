package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measurement, not a test: what trimming a JPEG (or with -Dformat=TGL a .tgl) just over its size
 * target ({@link SearchRules.Rule#JPEG_SIZE_TRIM}, {@link SearchRules.Rule#TGL_SIZE_TRIM}) does
 * to the result's quality. Each image's JPEG size searches
 * (20-500 KB, fine scale, on the image's own size estimate, as {@link CompressPipeline} runs
 * them) run with the rule on and off; where the result with it was trimmed, one line gives both
 * results' bytes, SSIM and encodes, and the summary how many trimmed results have the higher
 * SSIM and the mean -ln(1 - SSIM) of each. Run with the api test classpath: {@code java
 * dev.tegula.api.TrimQuality DIR...} (PNG images).
 */
public class TrimQuality {
  private static final long[] TARGETS = {20_000, 50_000, 100_000, 200_000, 500_000};
  /** -Dformat=TGL: .tgl's searches and trims ({@link SearchRules.Rule#TGL_SIZE_TRIM}). */
  private static final ImageFormat FORMAT = ImageFormat.valueOf(
      System.getProperty("format", "JPEG"));

  public static void main(String[] args) throws Exception {
    double sumOn = 0;
    double sumOff = 0;
    int n = 0;
    int higher = 0;
    int lower = 0;
    int encodesOn = 0;
    int encodesOff = 0;
    for (String dir : args) {
      List<Path> files;
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
      }
      for (Path p : files) {
        Image img = Tegula.decode(Files.readAllBytes(p)).image();
        CompressOptions opts = CompressPipeline.forImage(
            CompressOptions.lossy(75).withFormat(FORMAT), img, Metadata.EMPTY);
        for (long t : TARGETS) {
          Outcome off = search(img, opts, t, false);
          Outcome on = search(img, opts, t, true);
          if (off == null || on == null || !on.trimmed) {
            continue;
          }
          n++;
          sumOn += -Math.log(1 - on.ssim);
          sumOff += -Math.log(1 - off.ssim);
          higher += on.ssim > off.ssim ? 1 : 0;
          lower += on.ssim < off.ssim ? 1 : 0;
          encodesOn += on.encodes;
          encodesOff += off.encodes;
          System.out.printf("%s %d: off %d %.5f (%d enc) | trim %d %.5f (%d enc)%n",
              p.getFileName(), t, off.bytes, off.ssim, off.encodes, on.bytes, on.ssim,
              on.encodes);
        }
      }
    }
    System.out.printf("trimmed results %d: higher SSIM %d, lower %d; mean -ln(1 - SSIM) off %.4f,"
        + " trim %.4f; encodes %d -> %d%n", n, higher, lower, sumOff / n, sumOn / n, encodesOff,
        encodesOn);
  }

  private record Outcome(int bytes, double ssim, int encodes, boolean trimmed) {}

  /** The search's result, or null when no file of the format fits or the search failed. */
  private static Outcome search(Image img, CompressOptions opts, long target, boolean trim) {
    SearchRules rules = SearchRules.DEFAULT.with(FORMAT == ImageFormat.JPEG
        ? SearchRules.Rule.JPEG_SIZE_TRIM : SearchRules.Rule.TGL_SIZE_TRIM, trim);
    SearchEncoder encoder = new SearchEncoder(img, Metadata.EMPTY, opts).fitting(target, rules);
    TargetSearch.Result r;
    try {
      r = TargetSearch.forSize(FORMAT, 1, CompressPipeline.chromaChoice(opts, img),
          (long) img.width() * img.height(), target, encoder,
          CompressPipeline.sizeCurve(opts, img, rules));
    } catch (dev.tegula.core.LimitExceededException e) {
      return null;
    }
    if (r.bytes() == null) {
      return null;
    }
    double ssim = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(r.bytes()).image());
    // a .tgl trim codes the tiles again: each coding counts as an encode
    return new Outcome(r.bytes().length, ssim, r.encodes() + encoder.trimCodings(),
        encoder.trimmed(r.bytes()));
  }
}
