package dev.tegula.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  @TempDir
  Path dir;

  private static Path testdata(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("testdata/metrics").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    String property = System.getProperty("tegula.testdata");
    return Path.of(property, "metrics", name);
  }

  private List<Corpus.Entry> corpus() throws IOException {
    Files.copy(testdata("astronaut.png"), dir.resolve("astronaut.png"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(testdata("terminal.png"), dir.resolve("terminal.png"),
        StandardCopyOption.REPLACE_EXISTING);
    return Corpus.list(dir);
  }

  @Test
  void measuresEverySettingAndComparesCodecs() throws IOException {
    EvalCodec poster = FakeCodecs.posterise("poster");
    EvalCodec doubled = FakeCodecs.doubled(poster, "doubled");
    List<String> steps = new ArrayList<>();
    Evaluation.Outcome o = new Evaluation(
        List.of(EvalCodecs.available().get("png"), poster, doubled), List.of(60, 20, 40, 60), 1,
        DecodeOptions.DEFAULT).run(corpus(), (done, total, what) -> steps.add(done + "/" + total
            + " " + what));
    // qualities are de-duplicated and sorted; png runs once per image
    assertEquals(2 * (1 + 3 + 3), o.results().size());
    assertEquals("0/14 astronaut.png png", steps.get(0));
    assertEquals("1/14 astronaut.png poster q20", steps.get(1));
    assertEquals("14/14 done", steps.get(steps.size() - 1));
    assertEquals(List.of(), o.skipped());
    assertEquals(2, o.images());

    EvalResult p20 = o.results().get(1);
    EvalResult d20 = o.results().get(4);
    assertEquals("poster", p20.codec());
    assertEquals(20, p20.quality());
    assertEquals(2 * p20.bytes(), d20.bytes());
    assertEquals(p20.bytes() * 8.0 / (197 * 173), p20.bpp(), 1e-12);
    assertEquals(p20.metrics().psnr(), d20.metrics().psnr());
    assertTrue(p20.metrics().psnr() < o.results().get(3).metrics().psnr());

    // one worst region per image and lossy codec, at the lowest quality
    assertEquals(4, o.regions().size());
    WorstRegion w = o.regions().get(0);
    assertEquals("astronaut.png", w.image());
    assertEquals(20, w.quality());
    assertEquals(64, w.originalCrop().width());
    assertEquals(64, w.heatmapCrop().height());
    assertEquals(2, w.thumbnailScale());

    // twice the bytes for the same quality: +100 %, and -50 % the other way
    Summary summary = new Summary(o.results());
    for (Summary.Bd bd : summary.bdRates(Summary.Metric.PSNR)) {
      assertEquals(bd.anchor().equals("poster") ? 100 : -50, bd.percent(), 1e-9, bd.toString());
      assertEquals(2, bd.images());
    }
    List<Summary.Point> curve = summary.curve("poster");
    assertEquals(List.of(20, 40, 60), curve.stream().map(Summary.Point::quality).toList());
    assertEquals((o.results().get(1).bpp() + o.results().get(8).bpp()) / 2, curve.get(0).bpp(),
        1e-12);

    String html = EvalReport.write(o, "test corpus", "settings");
    assertEquals(3, count(html, "<svg class=\"chart\""));
    // 3 charts x 2 lossy codecs x 3 qualities
    assertEquals(18, count(html, "<circle class=\"point\""));
    assertTrue(html.contains("data-anchor=\"poster\" data-test=\"doubled\" title=\"over 2"
        + " images\">100.0 %</td>"), html);
    assertEquals(4, count(html, "<figure class=\"region\""));
    assertTrue(html.contains("<img src=\"data:image/png;base64,"));

    String csv = ResultsCsv.write(o.results());
    assertEquals(15, csv.split("\r\n").length);
  }

  @Test
  void failingSettingsAreSkippedWithAWarning() throws IOException {
    EvalCodec broken = new EvalCodec() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public boolean lossless() {
        return false;
      }

      @Override
      public byte[] encode(dev.tegula.core.Image image, int quality) {
        if (quality > 50) {
          throw new dev.tegula.core.UnsupportedFeatureException("quality over 50");
        }
        return FakeCodecs.posterise("x").encode(image, quality);
      }

      @Override
      public dev.tegula.core.Image decode(byte[] data) {
        return FakeCodecs.posterise("x").decode(data);
      }
    };
    Evaluation.Outcome o = new Evaluation(List.of(broken), List.of(30, 70), 1,
        DecodeOptions.DEFAULT).run(corpus(), (d, t, w) -> { });
    assertEquals(2, o.results().size());
    assertEquals(List.of("astronaut.png: broken q70 failed: quality over 50",
        "terminal.png: broken q70 failed: quality over 50"), o.warnings());

    Evaluation.Outcome many = new Evaluation(List.of(broken), List.of(60, 70, 80), 1,
        DecodeOptions.DEFAULT).run(corpus(), (d, t, w) -> { });
    assertEquals(6, many.skipped().size());
    assertEquals(List.of("6 settings on 2 images skipped: quality over 50 (first astronaut.png"
        + " broken q60)"), many.warnings());
  }

  @Test
  void theRegistryHasPngAndNamesWhatIsNotBuiltYet() {
    assertTrue(EvalCodecs.available().containsKey("png"));
    assertTrue(EvalCodecs.available().get("png").lossless());
    for (String name : EvalCodecs.PLANNED) {
      if (!EvalCodecs.available().containsKey(name)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> EvalCodecs.select(List.of(name)));
        assertTrue(e.getMessage().endsWith(name + " is not in this build yet"), e.getMessage());
      }
    }
    List<EvalCodec> twice = EvalCodecs.select(List.of("png", "png"));
    assertEquals(1, twice.size());
  }

  @Test
  void settingsAreChecked() {
    EvalCodec poster = FakeCodecs.posterise("poster");
    assertThrows(IllegalArgumentException.class,
        () -> new Evaluation(List.of(poster), List.of(), 1, DecodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> new Evaluation(List.of(poster), List.of(101), 1, DecodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> new Evaluation(List.of(), List.of(50), 1, DecodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> new Evaluation(List.of(poster), List.of(50), 0, DecodeOptions.DEFAULT));
  }

  @Test
  void ticksAreRoundAndCoverTheRange() {
    assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3},
        RateQualityChart.ticks(0, 2.6, 6));
    assertArrayEquals(new double[] {28, 30, 32, 34, 36, 38, 40},
        RateQualityChart.ticks(28.9, 39.4, 6));
    assertEquals(1, RateQualityChart.decimals(new double[] {0, 0.5}));
    assertEquals(0, RateQualityChart.decimals(new double[] {28, 30}));
    assertEquals(2, RateQualityChart.decimals(new double[] {0.9, 0.92}));
  }

  @Test
  void csvQuotesNamesWithCommas() {
    dev.tegula.metrics.Comparison c = new dev.tegula.metrics.Comparison(2, 2, 40, 41, 0.9, 0.91,
        Double.NaN, false, Double.NaN, Double.NaN, null);
    String csv = ResultsCsv.write(List.of(new EvalResult("a,\"b\".png", 2, 2, "png", -1, 10,
        20, c, 1.5, 0.25)));
    assertEquals("\"a,\"\"b\"\".png\",2,2,png,,10,20.000000,40.000000,41.000000,0.90000000,"
        + "0.91000000,,,,1.500,0.250", csv.split("\r\n")[1]);
  }

  private static void assertArrayEquals(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, java.util.Arrays.toString(actual));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9, java.util.Arrays.toString(actual));
    }
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
