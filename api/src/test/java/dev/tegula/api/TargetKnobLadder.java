package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.metrics.Metrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Measurement, not a test: the trellis lambda's real move at a knob third's tables, on the whole
 * image and on the two mosaics a search has (KnobProbe's 32-pixel tiles, JpegProbe's 128-pixel
 * ones), over a ladder of lambdas. Reads lines {@code DIR IMAGE TARGET CODE} on stdin (CODE as
 * TargetLanding traces it, without lambda) and prints, per lambda, -ln(1 - SSIM) and bytes of
 * the whole image, then KnobProbe's slopes and both mosaics' -ln(1 - SSIM). Further codes on a
 * line (a search's own encodes) add JpegProbe's mosaic at each of them after a second bar, so
 * that the mosaic's rise along the quality can be set against the whole image's.
 */
public class TargetKnobLadder {
  /** The lambdas coded, in hundredths; {@code -Dladder=60,70,...} for others (below x1). */
  static final int[] LADDER = java.util.Arrays.stream(System.getProperty("ladder",
      "100,105,110,116,123,130,140,152,166,185,210,250,300").split(","))
      .mapToInt(Integer::parseInt).toArray();

  public static void main(String[] a) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null; ) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(f[0], f[1]))).image();
      String cs = f[3];
      int code = Integer.parseInt(cs.replace("f", ""))
          | (cs.startsWith("f") ? TargetSearch.FULL_CHROMA : 0);
      SsimCurve sc = SsimCurve.of(img, true);
      KnobProbe kp = sc.knobProbe(code);
      SearchEncoder whole = new SearchEncoder(img);
      Image km = KnobProbe.mosaic(img);
      SearchEncoder kenc = new SearchEncoder(km);
      JpegProbe jp = JpegProbe.of(img, null, false, SearchRules.DEFAULT, sc);
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%s %s %s %s kind %d k %.4f c %.4f |", f[0], f[1],
          f[2], cs, kp.kind, kp.sizeSlope, kp.ssimSlope));
      for (int l : LADDER) {
        int c = TargetSearch.withLambda(code, l);
        byte[] b = whole.jpeg(MosaicCurve.options(c, false, null));
        double y = SsimCurve.distortion(Metrics.ssim(img, Tegula.decode(b).image()));
        byte[] kb = kenc.jpeg(MosaicCurve.options(c, false, null));
        double ky = SsimCurve.distortion(Metrics.ssim(km, Tegula.decode(kb).image()));
        double jy = jp == null ? Double.NaN : jp.at(c);
        sb.append(String.format(Locale.ROOT, " %d:%d:%.5f:%.5f:%.5f", l, b.length, y, ky, jy));
      }
      sb.append(" |");
      for (int i = 4; i < f.length && jp != null; i++) {
        int c = Integer.parseInt(f[i].replace("f", ""))
            | (f[i].startsWith("f") ? TargetSearch.FULL_CHROMA : 0);
        sb.append(String.format(Locale.ROOT, " %s:%.5f", f[i], jp.at(c)));
      }
      System.out.println(sb);
      System.out.flush();
    }
  }
}
