package dev.tegula.cli.eval;

import static dev.tegula.cli.eval.Html.coord;
import static dev.tegula.cli.eval.Html.esc;
import static dev.tegula.cli.eval.Html.num;
import static dev.tegula.cli.eval.Html.pngDataUri;

import dev.tegula.metrics.AlphaComposite;
import dev.tegula.metrics.Comparison;
import java.util.List;

/**
 * report.html: one self-contained file (no scripts, no network; charts are inline SVG, images are
 * data: URIs) with the summary per codec and quality, rate-quality charts, BD-rates, a table per
 * image and thumbnails of where each codec does worst. Table cells carry {@code data-col} with the
 * results.csv column they show, so that the report can be checked against the CSV.
 */
public final class EvalReport {
  /** Cosmetic only: the report reads the same where inline styles are blocked. */
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;\
      color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}
      th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
      th:first-child,td:first-child{text-align:left}
      thead th{background:#f3f3f3}
      .meta,.note{color:#555;font-size:14px}
      figure.region{display:inline-block;margin:0 1.5em 1em 0;vertical-align:top}
      figure.region img{image-rendering:pixelated;margin-right:4px}
      figcaption{font-size:13px;color:#444}
      svg.chart{margin:0 1em 1em 0;border:1px solid #eee}
      """;

  private EvalReport() {}

  /**
   * @param title what was evaluated, for the heading (e.g. the corpus folder)
   * @param settings a line describing the run (codecs, qualities, runs, Java version)
   */
  public static String write(Evaluation.Outcome outcome, String title, String settings) {
    Summary summary = new Summary(outcome.results());
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Tegula evaluation: ").append(esc(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>Tegula evaluation: ").append(esc(title)).append("</h1>\n")
        .append("<p class=\"meta\">").append(outcome.images()).append(" images; ")
        .append(esc(settings)).append("</p>\n");
    summaryTable(sb, summary);
    charts(sb, summary);
    bdRates(sb, summary);
    perImage(sb, summary, outcome);
    warnings(sb, outcome.warnings());
    method(sb);
    return sb.append("</body>\n</html>\n").toString();
  }

  private static void summaryTable(StringBuilder sb, Summary summary) {
    sb.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">Means over the"
        + " images at each setting (a metric's mean skips images where it is undefined).</p>\n")
        .append("<table class=\"summary\">\n<thead><tr><th>codec</th><th>quality</th>"
            + "<th>images</th><th>bpp</th><th>PSNR dB</th><th>PSNR luma</th><th>SSIM</th>"
            + "<th>SSIM luma</th><th>MS-SSIM</th><th>encode ms</th><th>decode ms</th></tr>"
            + "</thead>\n<tbody>\n");
    summary.curves().forEach((codec, points) -> {
      for (Summary.Point p : points) {
        sb.append("<tr data-codec=\"").append(esc(codec)).append("\" data-quality=\"")
            .append(p.quality() < 0 ? "" : Integer.toString(p.quality())).append("\">")
            .append(td("codec", esc(codec)))
            .append(td("quality", p.quality() < 0 ? "lossless" : Integer.toString(p.quality())))
            .append(td("images", Integer.toString(p.images())))
            .append(td("bpp", num(p.bpp(), 3)))
            .append(td("psnr", num(p.psnr(), 2)))
            .append(td("psnr_luma", num(p.psnrLuma(), 2)))
            .append(td("ssim", num(p.ssim(), 4)))
            .append(td("ssim_luma", num(p.ssimLuma(), 4)))
            .append(td("msssim", num(p.msSsim(), 4)))
            .append(td("encode_ms", num(p.encodeMs(), 1)))
            .append(td("decode_ms", num(p.decodeMs(), 1)))
            .append("</tr>\n");
      }
    });
    sb.append("</tbody>\n</table>\n</section>\n");
  }

  private static void charts(StringBuilder sb, Summary summary) {
    sb.append("<section id=\"charts\">\n<h2>Rate-quality curves</h2>\n<p class=\"note\">Corpus"
        + " means per quality setting; hover a point for its numbers.</p>\n");
    for (Summary.Metric m : Summary.Metric.values()) {
      sb.append(RateQualityChart.svg(summary, m));
    }
    sb.append("</section>\n");
  }

  private static void bdRates(StringBuilder sb, Summary summary) {
    sb.append("<section id=\"bdrate\">\n<h2>BD-rate</h2>\n<p class=\"note\">Bjøntegaard delta"
        + " rate of the test codec (column) against the anchor (row): the rate it needs for the"
        + " same quality, in percent more (positive) or less (negative). Computed per image with"
        + " piecewise cubic (PCHIP) interpolation of log rate over quality across the common"
        + " quality range, then averaged over the images where both curves have two points and"
        + " overlap. Lossless codecs have no curve and are left out.</p>\n");
    List<String> lossy = summary.codecs().stream().filter(c -> !summary.lossless(c)).toList();
    if (lossy.size() < 2) {
      sb.append("<p class=\"bd-none\">Needs two lossy codecs; this run has ")
          .append(lossy.isEmpty() ? "none" : "only " + esc(lossy.get(0))).append(".</p>\n");
      sb.append("</section>\n");
      return;
    }
    for (Summary.Metric m : Summary.Metric.values()) {
      List<Summary.Bd> bds = summary.bdRates(m);
      sb.append("<table class=\"bdrate\" data-metric=\"").append(m.id).append("\">\n<caption>")
          .append(esc(m.label)).append("</caption>\n<thead><tr><th>anchor \\ test</th>");
      for (String test : lossy) {
        sb.append("<th>").append(esc(test)).append("</th>");
      }
      sb.append("</tr></thead>\n<tbody>\n");
      for (String anchor : lossy) {
        sb.append("<tr><th>").append(esc(anchor)).append("</th>");
        for (String test : lossy) {
          if (anchor.equals(test)) {
            sb.append("<td>–</td>");
            continue;
          }
          Summary.Bd bd = bds.stream()
              .filter(b -> b.anchor().equals(anchor) && b.test().equals(test))
              .findFirst().orElseThrow();
          sb.append("<td data-anchor=\"").append(esc(anchor)).append("\" data-test=\"")
              .append(esc(test)).append("\" title=\"over ").append(bd.images())
              .append(" images\">")
              .append(Double.isNaN(bd.percent()) ? "n/a" : num(bd.percent(), 1) + " %")
              .append("</td>");
        }
        sb.append("</tr>\n");
      }
      sb.append("</tbody>\n</table>\n");
    }
    sb.append("</section>\n");
  }

  private static void perImage(StringBuilder sb, Summary summary, Evaluation.Outcome outcome) {
    sb.append("<section id=\"images\">\n<h2>Per image</h2>\n");
    for (String image : summary.images()) {
      List<EvalResult> rows = summary.of(image);
      boolean alpha = rows.stream().anyMatch(r -> r.metrics().alpha());
      EvalResult first = rows.get(0);
      sb.append("<section class=\"image\" data-image=\"").append(esc(image)).append("\">\n")
          .append("<h3>").append(esc(image)).append(" <small>").append(first.width()).append('×')
          .append(first.height()).append(alpha ? ", with alpha" : "").append("</small></h3>\n")
          .append("<table class=\"results\">\n<thead><tr><th>codec</th><th>quality</th>"
              + "<th>bytes</th><th>bpp</th><th>PSNR dB</th><th>PSNR luma</th><th>SSIM</th>"
              + "<th>SSIM luma</th><th>MS-SSIM</th>")
          .append(alpha ? "<th>alpha PSNR</th><th>alpha SSIM</th>" : "")
          .append("<th>encode ms</th><th>decode ms</th></tr></thead>\n<tbody>\n");
      for (EvalResult r : rows) {
        Comparison c = r.metrics();
        sb.append("<tr data-codec=\"").append(esc(r.codec())).append("\" data-quality=\"")
            .append(r.lossless() ? "" : Integer.toString(r.quality())).append("\">")
            .append(td("codec", esc(r.codec())))
            .append(td("quality", r.lossless() ? "lossless" : Integer.toString(r.quality())))
            .append(td("bytes", Long.toString(r.bytes())))
            .append(td("bpp", num(r.bpp(), 3)))
            .append(td("psnr", num(c.psnr(), 2)))
            .append(td("psnr_luma", num(c.psnrLuma(), 2)))
            .append(td("ssim", num(c.ssim(), 4)))
            .append(td("ssim_luma", num(c.ssimLuma(), 4)))
            .append(td("msssim", num(c.msSsim(), 4)));
        if (alpha) {
          sb.append(td("psnr_alpha", num(c.psnrAlpha(), 2)))
              .append(td("ssim_alpha", num(c.ssimAlpha(), 4)));
        }
        sb.append(td("encode_ms", num(r.encodeMs(), 1)))
            .append(td("decode_ms", num(r.decodeMs(), 1)))
            .append("</tr>\n");
      }
      sb.append("</tbody>\n</table>\n");
      for (WorstRegion w : outcome.regions()) {
        if (w.image().equals(image)) {
          region(sb, w);
        }
      }
      sb.append("</section>\n");
    }
    sb.append("</section>\n");
  }

  /** The heatmap thumbnail with the worst square outlined, then that square three times, 2x. */
  private static void region(StringBuilder sb, WorstRegion w) {
    int tw = w.heatmapThumbnail().width();
    int th = w.heatmapThumbnail().height();
    double s = w.thumbnailScale();
    sb.append("<figure class=\"region\" data-codec=\"").append(esc(w.codec()))
        .append("\" data-quality=\"").append(w.quality()).append("\">\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(tw)
        .append("\" height=\"").append(th).append("\" viewBox=\"0 0 ").append(tw).append(' ')
        .append(th).append("\" role=\"img\"><title>SSIM heatmap of ").append(esc(w.codec()))
        .append(" q").append(w.quality()).append("</title><image width=\"").append(tw)
        .append("\" height=\"").append(th).append("\" href=\"")
        .append(pngDataUri(w.heatmapThumbnail())).append("\"/><rect x=\"")
        .append(coord(w.region().x() / s)).append("\" y=\"").append(coord(w.region().y() / s))
        .append("\" width=\"").append(coord(Math.max(2, w.region().width() / s)))
        .append("\" height=\"").append(coord(Math.max(2, w.region().height() / s)))
        .append("\" fill=\"none\" stroke=\"#00e5ff\" stroke-width=\"1.5\"/></svg>\n");
    img(sb, w.originalCrop(), "original");
    img(sb, w.decodedCrop(), w.codec() + " q" + w.quality());
    img(sb, w.heatmapCrop(), "SSIM heatmap");
    sb.append("<figcaption>").append(esc(w.codec())).append(" q").append(w.quality())
        .append(": worst ").append(w.region().width()).append('×').append(w.region().height())
        .append(" at (").append(w.region().x()).append(", ").append(w.region().y())
        .append("), mean SSIM ").append(num(w.region().meanSsim(), 4))
        .append("; original, decoded, heatmap at 2×</figcaption>\n</figure>\n");
  }

  private static void img(StringBuilder sb, dev.tegula.core.Image image, String alt) {
    sb.append("<img src=\"").append(pngDataUri(image)).append("\" width=\"")
        .append(2 * image.width()).append("\" height=\"").append(2 * image.height())
        .append("\" alt=\"").append(esc(alt)).append("\">\n");
  }

  private static void warnings(StringBuilder sb, List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    sb.append("<section id=\"warnings\">\n<h2>Skipped</h2>\n<ul>\n");
    for (String w : warnings) {
      sb.append("<li>").append(esc(w)).append("</li>\n");
    }
    sb.append("</ul>\n</section>\n");
  }

  private static void method(StringBuilder sb) {
    sb.append("<section id=\"method\">\n<h2>How the numbers are made</h2>\n<ul class=\"note\">\n")
        .append("<li>bpp: encoded bytes × 8 / pixels. Times: median of the runs, one thread,"
            + " wall clock, including the JIT's warm-up on the first images.</li>\n")
        .append("<li>PSNR: 10·log10(255² / MSE) over R, G, B; luma is BT.601"
            + " (0.299 R + 0.587 G + 0.114 B, unrounded).</li>\n")
        .append("<li>SSIM: as scikit-image's default (7×7 uniform window, sample covariance,"
            + " K1 0.01, K2 0.03, mean over the window-cropped image, mean of R, G, B). SSIM"
            + " luma: Wang et al.'s 11×11 Gaussian (σ 1.5) on luma. MS-SSIM: 5 scales of the"
            + " Gaussian SSIM of luma, weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333, 2×2"
            + " averaging between scales (images need 161 pixels a side).</li>\n")
        .append("<li>Transparency: colour metrics compare both images composited over grey ")
        .append(AlphaComposite.BACKGROUND)
        .append("; alpha is also compared on its own (alpha PSNR, alpha SSIM).</li>\n")
        .append("<li>Heatmaps: the per-pixel SSIM (mean of R, G, B) in matplotlib's inferno"
            + " colours, black where equal, brighter with √(1 − SSIM); the outlined square is the"
            + " 64×64 area with the lowest mean SSIM, shown at the codec's lowest quality.</li>\n")
        .append("</ul>\n</section>\n");
  }

  private static String td(String column, String content) {
    return "<td data-col=\"" + column + "\">" + content + "</td>";
  }
}
