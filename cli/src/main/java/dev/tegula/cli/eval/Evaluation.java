package dev.tegula.cli.eval;

import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.TegulaException;
import dev.tegula.metrics.Comparison;
import dev.tegula.metrics.SsimMap;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes every corpus image with every codec at every quality, decodes it again and measures
 * size, speed and quality. Images are decoded one at a time, so memory stays that of one image.
 */
public final class Evaluation {
  /** Side of the square that {@link WorstRegion} crops. */
  static final int REGION_SIDE = 64;
  /** Longer side of heatmap thumbnails. */
  static final int THUMBNAIL_SIDE = 160;

  private final List<EvalCodec> codecs;
  private final List<Integer> qualities;
  private final int runs;
  private final DecodeOptions decodeOptions;

  /** Told before each encode; {@code done} of {@code total} steps are finished. */
  public interface Progress {
    void step(int done, int total, String what);
  }

  /** What a run produced, and what it had to skip. */
  public record Outcome(List<EvalResult> results, List<WorstRegion> regions, List<Skip> skipped,
      int images) {
    /** The skips for people: each on its own, or one line per reason shared by many. */
    public List<String> warnings() {
      Map<String, List<Skip>> byReason = new LinkedHashMap<>();
      for (Skip s : skipped) {
        byReason.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s);
      }
      List<String> lines = new ArrayList<>();
      byReason.forEach((reason, skips) -> {
        if (skips.size() <= GROUP_OVER) {
          skips.forEach(s -> lines.add(s.toString()));
        } else {
          long images = skips.stream().map(Skip::image).distinct().count();
          lines.add(skips.size() + " settings on " + images + " images skipped: " + reason
              + " (first " + skips.get(0).image() + " " + skips.get(0).setting() + ")");
        }
      });
      return lines;
    }
  }

  /** Reasons shared by more skips than this are reported once. */
  static final int GROUP_OVER = 3;

  /**
   * An image that could not be read ({@code setting} null) or a setting that failed on it.
   *
   * @param setting codec and quality, e.g. "tgl q40"
   */
  public record Skip(String image, String setting, String reason) {
    @Override
    public String toString() {
      return setting == null ? image + ": skipped, cannot be read: " + reason
          : image + ": " + setting + " failed: " + reason;
    }
  }

  /**
   * @param qualities 1-100, used by the lossy codecs; lossless codecs run once per image
   * @param runs how many times each encode and decode is timed (the median counts)
   */
  public Evaluation(List<EvalCodec> codecs, List<Integer> qualities, int runs,
      DecodeOptions decodeOptions) {
    if (codecs.isEmpty() || runs < 1) {
      throw new IllegalArgumentException("need a codec and at least one run");
    }
    for (int q : qualities) {
      if (q < 1 || q > 100) {
        throw new IllegalArgumentException("quality " + q + " is not in 1-100");
      }
    }
    boolean lossy = codecs.stream().anyMatch(c -> !c.lossless());
    if (lossy && qualities.isEmpty()) {
      throw new IllegalArgumentException("lossy codecs need at least one quality");
    }
    this.codecs = List.copyOf(codecs);
    this.qualities = qualities.stream().distinct().sorted().toList();
    this.runs = runs;
    this.decodeOptions = decodeOptions;
  }

  public Outcome run(List<Corpus.Entry> corpus, Progress progress) {
    int perImage = 0;
    for (EvalCodec codec : codecs) {
      perImage += codec.lossless() ? 1 : qualities.size();
    }
    int total = perImage * corpus.size();
    int done = 0;
    int images = 0;
    List<EvalResult> results = new ArrayList<>();
    List<WorstRegion> regions = new ArrayList<>();
    List<Skip> skipped = new ArrayList<>();
    for (Corpus.Entry entry : corpus) {
      Image original;
      try {
        DecodedImage d = Tegula.decode(Files.readAllBytes(entry.file()), decodeOptions);
        if (!d.complete()) {
          throw new IOException("damaged: " + d.warning());
        }
        original = d.image();
      } catch (IOException | TegulaException e) {
        skipped.add(new Skip(entry.name(), null, e.getMessage()));
        done += perImage;
        continue;
      }
      images++;
      for (EvalCodec codec : codecs) {
        List<Integer> settings = codec.lossless() ? List.of(-1) : qualities;
        for (int quality : settings) {
          String setting = codec.name() + (quality < 0 ? "" : " q" + quality);
          progress.step(done, total, entry.name() + " " + setting);
          boolean withRegion = !codec.lossless() && quality == settings.get(0);
          try {
            measure(entry.name(), original, codec, quality, withRegion, results, regions);
          } catch (RuntimeException e) {
            skipped.add(new Skip(entry.name(), setting, describe(e)));
          }
          done++;
        }
      }
    }
    progress.step(done, total, "done");
    return new Outcome(results, regions, skipped, images);
  }

  private void measure(String name, Image original, EvalCodec codec, int quality,
      boolean withRegion, List<EvalResult> results, List<WorstRegion> regions) {
    double[] encodeMs = new double[runs];
    double[] decodeMs = new double[runs];
    byte[] encoded = null;
    Image decoded = null;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      encoded = codec.encode(original, Math.max(quality, 0));
      long t1 = System.nanoTime();
      decoded = codec.decode(encoded);
      long t2 = System.nanoTime();
      encodeMs[r] = (t1 - t0) / 1e6;
      decodeMs[r] = (t2 - t1) / 1e6;
    }
    if (decoded.width() != original.width() || decoded.height() != original.height()) {
      throw new IllegalStateException("decoded " + decoded.width() + "x" + decoded.height()
          + ", not " + original.width() + "x" + original.height());
    }
    Comparison c = Tegula.compare(original, decoded, withRegion);
    long pixels = (long) original.width() * original.height();
    results.add(new EvalResult(name, original.width(), original.height(), codec.name(), quality,
        encoded.length, encoded.length * 8.0 / pixels, withoutMap(c), median(encodeMs),
        median(decodeMs)));
    if (withRegion && c.map() != null) {
      regions.add(worstRegion(name, codec.name(), quality, original, decoded, c.map()));
    }
  }

  static WorstRegion worstRegion(String name, String codec, int quality, Image original,
      Image decoded, SsimMap map) {
    SsimMap.Region r = map.worstRegion(REGION_SIDE);
    return new WorstRegion(name, codec, quality, r, map.heatmapThumbnail(THUMBNAIL_SIDE),
        map.thumbnailScale(THUMBNAIL_SIDE), crop(original, r), crop(decoded, r), map.heatmap(r));
  }

  static Image crop(Image image, SsimMap.Region r) {
    byte[] out = new byte[r.width() * r.height() * 4];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(image.rgba(), ((r.y() + y) * image.width() + r.x()) * 4, out,
          y * r.width() * 4, r.width() * 4);
    }
    return new Image(r.width(), r.height(), out);
  }

  private static Comparison withoutMap(Comparison c) {
    return c.map() == null ? c : new Comparison(c.width(), c.height(), c.psnr(), c.psnrLuma(),
        c.ssim(), c.ssimLuma(), c.msSsim(), c.alpha(), c.psnrAlpha(), c.ssimAlpha(), null);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String describe(RuntimeException e) {
    return e instanceof TegulaException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
