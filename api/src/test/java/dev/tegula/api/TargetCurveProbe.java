package dev.tegula.api;

import dev.tegula.core.Image;

/**
 * Measurement, not a test: SSIM searches with and without the image's own curve ({@link
 * SsimCurve}) on crops of the two test photos and two synthetic graphics, in-band count and
 * encodes per search; {@code -Dcurves=true} prints the JPEG estimate against the measured value
 * instead, {@code -Dshow=i} the trace of image i's searches. Needs {@code -Dtegula.testdata}.
 */
public class TargetCurveProbe {
  public static void main(String[] args) throws Exception {
    Image[] images = {TargetSearchTest.crop("astronaut.png", 128, 96, 256),
        TargetSearchTest.crop("flower.png", 300, 200, 256),
        TargetSearchTest.crop("astronaut.png", 0, 256, 192),
        TargetSearchTest.crop("flower.png", 700, 400, 192), TargetSearchTest.graphic(192, 7),
        TargetSearchTest.graphic(256, 3)};
    if (Boolean.getBoolean("curves")) {
      for (Image image : images) {
        SsimCurve c = SsimCurve.of(image, true);
        StringBuilder sb = new StringBuilder();
        for (int q : new int[] {3000, 6000, 8000, 8500, 9000, 9200, 9400, 9600, 9699, 9700, 9800,
            9900}) {
          double s = dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(Tegula.encodeJpeg(
              image, dev.tegula.core.Metadata.EMPTY, TargetSearch.jpegOptions(q))).image());
          sb.append(String.format(" %d:%.2f/%.2f", q / 100, c.at(q), -Math.log(1 - s)));
        }
        System.out.println(sb);
      }
      return;
    }
    for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
      for (boolean withCurve : new boolean[] {false, true}) {
        int in = 0;
        int n = 0;
        int enc = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < images.length; i++) {
          Image image = images[i];
          SsimCurve curve = withCurve ? SsimCurve.of(image, format == ImageFormat.JPEG) : null;
          for (double t : new double[] {0.93, 0.95, 0.97, 0.98, 0.99}) {
            TargetSearchTest.Counting e = new TargetSearchTest.Counting(image, format);
            double top = dev.tegula.metrics.Metrics.ssim(image,
                Tegula.decode(e.apply(10000)).image());
            if (top < t) {
              continue;
            }
            e.calls = 0;
            StringBuilder tr = new StringBuilder();
            TargetSearch.Result r = TargetSearch.forSsim(format, 1, format == ImageFormat.JPEG, t,
                code -> {
                  tr.append(" ").append((code & TargetSearch.FULL_CHROMA) != 0 ? "f" : "")
                      .append(code & TargetSearch.QUALITY);
                  return e.apply(code);
                }, b -> {
                  double v = dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(b).image());
                  tr.append(String.format("=%.5f", v));
                  return v;
                }, curve);
            if (Integer.getInteger("show", -1) == i) {
              System.out.println(format + " " + withCurve + " " + t + tr);
            }
            boolean band = r.ssim() >= t && r.ssim() <= t + 0.03 * (1 - t);
            in += band ? 1 : 0;
            n++;
            enc = Math.max(enc, r.encodes());
            sb.append(String.format(" %d/%.2f:%s%d", i, t, band ? "+" : "-", r.encodes()));
          }
        }
        System.out.println(format + " curve " + withCurve + ": " + in + "/" + n + " max enc "
            + enc + sb);
      }
    }
  }
}
