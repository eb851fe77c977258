package dev.tegula.cli.eval;

import static dev.tegula.cli.eval.Html.coord;
import static dev.tegula.cli.eval.Html.esc;
import static dev.tegula.cli.eval.Html.num;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline SVG chart of quality against bits per pixel, one line per lossy codec (the corpus
 * means at each quality setting). Styled only with SVG presentation attributes, so that it draws
 * the same under a Content-Security-Policy that forbids inline styles. Lossless codecs have no
 * curve (their PSNR is infinite); the legend gives their mean rate instead.
 */
final class RateQualityChart {
  /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
  static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
      "#56B4E9", "#000000"};
  private static final int WIDTH = 520;
  private static final int HEIGHT = 340;
  private static final int LEFT = 64;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 48;

  private RateQualityChart() {}

  static String svg(Summary summary, Summary.Metric metric) {
    List<String> codecs = summary.codecs();
    List<List<Summary.Point>> lines = new ArrayList<>();
    double maxX = 0;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (String codec : codecs) {
      List<Summary.Point> line = new ArrayList<>();
      if (!summary.lossless(codec)) {
        for (Summary.Point p : summary.curve(codec)) {
          double y = p.value(metric);
          if (Double.isFinite(y) && Double.isFinite(p.bpp())) {
            line.add(p);
            maxX = Math.max(maxX, p.bpp());
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
          }
        }
      }
      lines.add(line);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" data-metric=\"").append(metric.id)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" role=\"img\" font-family=\"sans-serif\""
            + " font-size=\"12\">\n");
    sb.append("<title>").append(esc(metric.label)).append(" against bits per pixel</title>\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    if (minY > maxY) {
      sb.append(text(WIDTH / 2.0, HEIGHT / 2.0, "middle",
          "no lossy results: nothing to draw")).append('\n');
      legend(sb, summary, codecs, lines);
      return sb.append("</svg>\n").toString();
    }
    double[] xTicks = ticks(0, maxX, 6);
    double x1 = xTicks[xTicks.length - 1];
    double padY = maxY > minY ? 0 : Math.max(1e-3, Math.abs(maxY) * 0.01);
    double[] yTicks = ticks(minY - padY, maxY + padY, 6);
    double y0 = yTicks[0];
    double y1 = yTicks[yTicks.length - 1];
    Scale sx = new Scale(0, x1, LEFT, WIDTH - RIGHT);
    Scale sy = new Scale(y0, y1, HEIGHT - BOTTOM, TOP);
    axes(sb, xTicks, yTicks, sx, sy, metric);
    for (int i = 0; i < codecs.size(); i++) {
      List<Summary.Point> line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String colour = COLOURS[i % COLOURS.length];
      sb.append("<g class=\"series\" data-codec=\"").append(esc(codecs.get(i))).append("\">\n");
      StringBuilder d = new StringBuilder();
      for (Summary.Point p : line) {
        d.append(d.length() == 0 ? "M" : " L").append(coord(sx.at(p.bpp()))).append(' ')
            .append(coord(sy.at(p.value(metric))));
      }
      sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\"/>\n");
      for (Summary.Point p : line) {
        sb.append("<circle class=\"point\" cx=\"").append(coord(sx.at(p.bpp()))).append("\" cy=\"")
            .append(coord(sy.at(p.value(metric)))).append("\" r=\"3.5\" fill=\"").append(colour)
            .append("\" data-quality=\"").append(p.quality()).append("\" data-bpp=\"")
            .append(num(p.bpp(), 3)).append("\" data-value=\"")
            .append(num(p.value(metric), metric.decimals)).append("\"><title>")
            .append(esc(codecs.get(i))).append(" q").append(p.quality()).append(": ")
            .append(num(p.bpp(), 3)).append(" bpp, ").append(esc(metric.label)).append(' ')
            .append(num(p.value(metric), metric.decimals)).append(" (mean of ")
            .append(p.images()).append(" images)</title></circle>\n");
      }
      sb.append("</g>\n");
    }
    legend(sb, summary, codecs, lines);
    return sb.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder sb, double[] xTicks, double[] yTicks, Scale sx,
      Scale sy, Summary.Metric metric) {
    int xDecimals = decimals(xTicks);
    int yDecimals = decimals(yTicks);
    sb.append("<g class=\"axes\" stroke=\"#dddddd\">\n");
    for (double t : xTicks) {
      sb.append(line(sx.at(t), TOP, sx.at(t), HEIGHT - BOTTOM));
    }
    for (double t : yTicks) {
      sb.append(line(LEFT, sy.at(t), WIDTH - RIGHT, sy.at(t)));
    }
    sb.append("</g>\n<g class=\"labels\" fill=\"#333333\">\n");
    for (double t : xTicks) {
      sb.append(text(sx.at(t), HEIGHT - BOTTOM + 16, "middle", num(t, xDecimals))).append('\n');
    }
    for (double t : yTicks) {
      sb.append(text(LEFT - 6, sy.at(t) + 4, "end", num(t, yDecimals))).append('\n');
    }
    sb.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, "middle", "bits per pixel"))
        .append('\n');
    sb.append("<text x=\"14\" y=\"").append(coord((TOP + HEIGHT - BOTTOM) / 2.0))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(coord((TOP + HEIGHT - BOTTOM) / 2.0)).append(")\">").append(esc(metric.label))
        .append("</text>\n</g>\n");
  }

  private static void legend(StringBuilder sb, Summary summary, List<String> codecs,
      List<List<Summary.Point>> lines) {
    // bottom right: rate-quality curves rise from the bottom left and never reach that corner
    sb.append("<g class=\"legend\">\n");
    double y = HEIGHT - BOTTOM - 6 - 16 * (codecs.size() - 1);
    for (int i = 0; i < codecs.size(); i++) {
      String codec = codecs.get(i);
      String label = codec;
      if (summary.lossless(codec)) {
        List<Summary.Point> p = summary.curve(codec);
        label += " (lossless, " + num(p.get(0).bpp(), 3) + " bpp)";
      } else if (lines.get(i).isEmpty()) {
        label += " (no finite values)";
      }
      String colour = COLOURS[i % COLOURS.length];
      double x = WIDTH - RIGHT - 200;
      sb.append("<rect x=\"").append(coord(x)).append("\" y=\"").append(coord(y - 9))
          .append("\" width=\"14\" height=\"4\" fill=\"").append(colour).append("\"/>");
      sb.append(text(x + 20, y - 4, "start", label)).append('\n');
      y += 16;
    }
    sb.append("</g>\n");
  }

  private static String line(double xa, double ya, double xb, double yb) {
    return "<line x1=\"" + coord(xa) + "\" y1=\"" + coord(ya) + "\" x2=\"" + coord(xb)
        + "\" y2=\"" + coord(yb) + "\"/>\n";
  }

  private static String text(double x, double y, String anchor, String s) {
    return "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\">"
        + esc(s) + "</text>";
  }

  /**
   * Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about
   * {@code target} of them, the first at or below lo and the last at or above hi.
   */
  static double[] ticks(double lo, double hi, int target) {
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double raw = (hi - lo) / target;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
    long first = (long) Math.floor(lo / step + 1e-9);
    long last = (long) Math.ceil(hi / step - 1e-9);
    double[] t = new double[(int) (last - first + 1)];
    for (int i = 0; i < t.length; i++) {
      t[i] = (first + i) * step;
    }
    return t;
  }

  /** Decimals enough to tell the ticks apart. */
  static int decimals(double[] ticks) {
    if (ticks.length < 2) {
      return 0;
    }
    double step = ticks[1] - ticks[0];
    return Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
  }

  /** Maps a data range onto a pixel range. */
  private record Scale(double d0, double d1, double p0, double p1) {
    double at(double v) {
      return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
    }
  }
}
