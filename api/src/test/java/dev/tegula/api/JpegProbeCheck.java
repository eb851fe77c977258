package dev.tegula.api;

import dev.tegula.core.Image;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Measurement, not a test: {@link JpegProbe} against the whole image. Reads lines "SET PNG
 * TARGET CODE SSIM ..." (a search's first encode as TargetLanding traces it, "f" for 4:4:4 below
 * 97) from args[0] and prints per line: set, image, target, code, the estimate ({@link
 * SsimCurve#at}), the whole image's measured -ln(1 - SSIM), then per probe shape in
 * -Dshapes=TILE:TILES:MARGIN,... (default 128:4:4) the mosaic's measured and estimated values
 * (NaN NaN when the image is too small for the shape).
 */
public class JpegProbeCheck {
  public static void main(String[] args) throws Exception {
    String[] shapes = System.getProperty("shapes", "128:4:4").split(",");
    if (Boolean.getBoolean("second")) {
      second(args);
      return;
    }
    List<String> lines = Files.readAllLines(Paths.get(args[0]));
    String lastPath = null;
    Image img = null;
    SsimCurve curve = null;
    for (String line : lines) {
      String[] w = line.trim().split(" +");
      if (!w[1].equals(lastPath)) {
        lastPath = w[1];
        img = Tegula.decode(Files.readAllBytes(Paths.get(w[1]))).image();
        curve = SsimCurve.of(img, true);
      }
      int code = w[3].startsWith("f") ? Integer.parseInt(w[3].substring(1))
          | TargetSearch.FULL_CHROMA : Integer.parseInt(w[3]);
      double ssim = Double.parseDouble(w[4]);
      StringBuilder sb = new StringBuilder(String.format("%s %s %s %s %.4f %.4f", w[0],
          Paths.get(w[1]).getFileName(), w[2], w[3], curve.at(code), SsimCurve.distortion(ssim)));
      for (String s : shapes) {
        String[] t = s.split(":");
        JpegProbe pr = JpegProbe.of(img, null, false, SearchRules.DEFAULT,
            t.length > 3 ? curve : null,
            Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2]));
        sb.append(pr == null ? " NaN NaN" : String.format(" %.4f %.4f", pr.at(code),
            pr.estimated(code)));
      }
      System.out.println(sb);
    }
  }

  /**
   * -Dsecond=true: per line whose search made a second encode at a quality (args[0]'s sixth
   * field, "CODE:BYTES=SSIM"), the two files' measured -ln(1 - SSIM), then {@link
   * TglProbe}'s mosaic (4 tiles of 128, margin 4) and {@link MosaicCurve}'s larger one coded by
   * JPEG at both codes.
   */
  private static void second(String[] args) throws Exception {
    String lastPath = null;
    Image img = null;
    SsimCurve curve = null;
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String[] w = line.trim().split(" +");
      if (w[5].equals("-") || w[5].contains("x")) {
        continue;
      }
      if (!w[1].equals(lastPath)) {
        lastPath = w[1];
        img = Tegula.decode(Files.readAllBytes(Paths.get(w[1]))).image();
        curve = SsimCurve.of(img, true);
      }
      int c1 = code(w[3]);
      int c2 = code(w[5].substring(0, w[5].indexOf(':')));
      double s2 = Double.parseDouble(w[5].substring(w[5].indexOf('=') + 1));
      JpegProbe p = JpegProbe.of(img, null, false, SearchRules.DEFAULT, null);
      System.out.printf("%s %s %s %s %s %.4f %.4f %.4f %.4f %.4f %.4f %.4f %.4f%n", w[0],
          Paths.get(w[1]).getFileName(), w[2], w[3], w[5].substring(0, w[5].indexOf(':')),
          SsimCurve.distortion(Double.parseDouble(w[4])), SsimCurve.distortion(s2),
          p == null ? Double.NaN : p.at(c1), p == null ? Double.NaN : p.at(c2),
          curve.mosaicAt(c1), curve.mosaicAt(c2), curve.at(c1), curve.at(c2));
    }
  }

  private static int code(String s) {
    return s.startsWith("f") ? Integer.parseInt(s.substring(1)) | TargetSearch.FULL_CHROMA
        : Integer.parseInt(s);
  }
}
