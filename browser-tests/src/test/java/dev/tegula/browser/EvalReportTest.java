package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.Tegula;
import dev.tegula.cli.TegulaCli;
import dev.tegula.cli.eval.Corpus;
import dev.tegula.cli.eval.EvalCodec;
import dev.tegula.cli.eval.EvalCodecs;
import dev.tegula.cli.eval.EvalReport;
import dev.tegula.cli.eval.Evaluation;
import dev.tegula.cli.eval.ResultsCsv;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.server.DirectoryFiles;
import dev.tegula.server.StaticServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The eval report in a real browser: served from a temp dir by the project's StaticServer, its
 * charts are drawn and every number in its tables is the one in results.csv.
 */
class EvalReportTest {
  private static final List<Integer> QUALITIES = List.of(10, 30, 60, 90);
  private static Chromium chromium;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static Path corpus() throws Exception {
    Path corpus = dir.resolve("corpus");
    if (!Files.isDirectory(corpus)) {
      Files.createDirectories(corpus.resolve("alpha"));
      Path metrics = TestFiles.root().resolve("metrics");
      Files.copy(metrics.resolve("astronaut.png"), corpus.resolve("astronaut.png"));
      Files.copy(metrics.resolve("terminal.png"), corpus.resolve("terminal.png"));
      Files.copy(metrics.resolve("cutout.png"), corpus.resolve("alpha/cutout.png"));
    }
    return corpus;
  }

  /**
   * The report of every codec the facade offers, plus two stand-in lossy codecs (posterised
   * PNG at two strengths) so that there are curves and BD-rates to check whatever the facade has.
   */
  @Test
  void chartsAreDrawnAndTheTablesShowTheCsvNumbers() throws Exception {
    List<EvalCodec> codecs = new ArrayList<>(EvalCodecs.available().values());
    codecs.add(posterise("poster-a", 4));
    codecs.add(posterise("poster-b", 3));
    Evaluation.Outcome outcome = new Evaluation(codecs, QUALITIES, 1, DecodeOptions.DEFAULT)
        .run(Corpus.list(corpus()), (done, total, what) -> { });
    Path out = Files.createDirectories(dir.resolve("engine"));
    Files.writeString(out.resolve("results.csv"), ResultsCsv.write(outcome.results()));
    Files.writeString(out.resolve("report.html"), EvalReport.write(outcome, "test", "test run"));
    List<Map<String, String>> csv = readCsv(out.resolve("results.csv"));
    long lossy = codecs.stream().filter(c -> !c.lossless()).count();
    // every setting is in the CSV unless the codec refused it (e.g. alpha before its codec exists)
    assertEquals(outcome.results().size(), csv.size());
    assertEquals(3 * (codecs.size() - lossy + lossy * QUALITIES.size()),
        csv.size() + outcome.skipped().size(), outcome.warnings().toString());
    long regions = outcome.regions().size();
    assertTrue(regions >= 3 * 2, "the stand-ins have a region on every image");

    try (StaticServer server = StaticServer.start(new DirectoryFiles(out), "127.0.0.1", 0)) {
      chromium.driver.get("http://127.0.0.1:" + server.port() + "/report.html");
      checkCharts((int) lossy);
      checkTables(csv);
      // the BD-rate of the two stand-ins is there and finite in both directions
      Object bd = chromium.driver.executeScript("""
          return [...document.querySelectorAll(
              'table.bdrate[data-metric=psnr] td[data-anchor=poster-a][data-test=poster-b],'
              + 'table.bdrate[data-metric=psnr] td[data-anchor=poster-b][data-test=poster-a]')]
              .map((td) => td.textContent);""");
      List<?> cells = (List<?>) bd;
      assertEquals(2, cells.size());
      for (Object cell : cells) {
        assertTrue(String.valueOf(cell).matches("-?\\d+\\.\\d %"), String.valueOf(cell));
      }
      // every worst-region thumbnail is a PNG the browser decodes
      Object images = chromium.driver.executeScript("""
          const imgs = [...document.querySelectorAll('figure.region img')];
          return [imgs.length, imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
              document.querySelectorAll('figure.region svg image').length];""");
      List<?> counts = (List<?>) images;
      assertEquals(3 * regions, ((Number) counts.get(0)).longValue());
      assertEquals(counts.get(0), counts.get(1));
      assertEquals(regions, ((Number) counts.get(2)).longValue());
    }
  }

  /** The same checks on the report the real command writes, with the codecs it has now. */
  @Test
  void theCommandsReportMatchesItsCsv() throws Exception {
    Path out = dir.resolve("command");
    StringWriter err = new StringWriter();
    CommandLine cli = TegulaCli.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute("eval", "--corpus", corpus().toString(), "--out", out.toString(),
        "--qualities", "30,70");
    assertEquals(0, exit, err.toString());
    List<Map<String, String>> csv = readCsv(out.resolve("results.csv"));
    long lossy = EvalCodecs.available().values().stream().filter(c -> !c.lossless()).count();
    try (StaticServer server = StaticServer.start(new DirectoryFiles(out), "127.0.0.1", 0)) {
      chromium.driver.get("http://127.0.0.1:" + server.port() + "/report.html");
      checkCharts((int) lossy);
      checkTables(csv);
    }
  }

  /** Three charts, each drawn with a size, with a point per lossy codec and quality. */
  private static void checkCharts(int lossyCodecs) {
    Object charts = chromium.driver.executeScript("""
        return [...document.querySelectorAll('svg.chart')].map((svg) => {
          const box = svg.getBoundingClientRect();
          return [svg.dataset.metric, box.width > 400 && box.height > 200,
              svg.querySelectorAll('circle.point').length,
              svg.querySelectorAll('g.series path').length,
              svg.querySelector('g.legend').getBBox().width > 0];
        });""");
    List<?> list = (List<?>) charts;
    assertEquals(3, list.size(), String.valueOf(charts));
    List<String> metrics = new ArrayList<>();
    for (Object o : list) {
      List<?> c = (List<?>) o;
      metrics.add((String) c.get(0));
      assertEquals(true, c.get(1), "chart has a size: " + c);
      assertEquals(lossyCodecs, ((Number) c.get(3)).intValue(), "one line per lossy codec: " + c);
      assertEquals(true, c.get(4), "legend drawn: " + c);
    }
    assertEquals(List.of("psnr", "ssim", "msssim"), metrics);
  }

  /** Every CSV row has its table row, and every cell shows the CSV value at the shown precision. */
  private static void checkTables(List<Map<String, String>> csv) {
    @SuppressWarnings("unchecked")
    List<List<String>> shown = (List<List<String>>) chromium.driver.executeScript("""
        const out = [];
        for (const section of document.querySelectorAll('section.image')) {
          for (const tr of section.querySelectorAll('table.results tbody tr')) {
            for (const td of tr.querySelectorAll('td[data-col]')) {
              out.push([section.dataset.image, tr.dataset.codec, tr.dataset.quality,
                  td.dataset.col, td.textContent]);
            }
          }
        }
        return out;""");
    Map<String, String> cells = new HashMap<>();
    for (List<String> s : shown) {
      cells.put(s.get(0) + "|" + s.get(1) + "|" + s.get(2) + "|" + s.get(3), s.get(4));
    }
    int checked = 0;
    for (Map<String, String> row : csv) {
      String key = row.get("image") + "|" + row.get("codec") + "|" + row.get("quality") + "|";
      for (String col : List.of("bytes", "bpp", "psnr", "psnr_luma", "ssim", "ssim_luma",
          "msssim", "psnr_alpha", "ssim_alpha", "encode_ms", "decode_ms")) {
        String text = cells.get(key + col);
        if (text == null && col.endsWith("_alpha")) {
          // opaque images have no alpha columns
          assertEquals("", row.get(col), key + col);
          continue;
        }
        assertTrue(text != null, "no cell for " + key + col);
        assertShows(row.get(col), text, key + col);
        checked++;
      }
    }
    assertTrue(checked >= 9 * csv.size(), "checked " + checked);
  }

  /**
   * {@code text} is the CSV value at the text's precision: within half a unit of its last digit
   * (both are roundings of the same double, the CSV's to more digits).
   */
  private static void assertShows(String csvValue, String text, String what) {
    if (csvValue.isEmpty()) {
      assertEquals("–", text, what);
      return;
    }
    if (csvValue.equals("inf")) {
      assertEquals("∞", text, what);
      return;
    }
    int dot = text.indexOf('.');
    int decimals = dot < 0 ? 0 : text.length() - dot - 1;
    double unit = Math.pow(10, -decimals);
    assertEquals(Double.parseDouble(csvValue), Double.parseDouble(text), unit / 2 + 1e-6,
        what + " (csv " + csvValue + ")");
  }

  private static List<Map<String, String>> readCsv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      // the test corpus has no commas or quotes in its names
      String[] f = line.split(",", -1);
      assertEquals(header.length, f.length, line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < f.length; i++) {
        row.put(header[i], f[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** R, G, B quantised to 2 + quality/divisor levels, stored as PNG. */
  private static EvalCodec posterise(String name, int divisor) {
    return new EvalCodec() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean lossless() {
        return false;
      }

      @Override
      public byte[] encode(Image image, int quality) {
        int levels = 2 + quality / divisor;
        byte[] p = image.rgba().clone();
        for (int i = 0; i < p.length; i++) {
          if ((i & 3) != 3) {
            int level = ((p[i] & 0xFF) * (levels - 1) + 127) / 255;
            p[i] = (byte) ((level * 255 + (levels - 1) / 2) / (levels - 1));
          }
        }
        return Tegula.encodePng(new Image(image.width(), image.height(), p), null);
      }

      @Override
      public Image decode(byte[] data) {
        return Tegula.decode(data).image();
      }
    };
  }
}
