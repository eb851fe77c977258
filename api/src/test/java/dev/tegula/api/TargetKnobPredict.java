package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Measurement, not a test: how well the trellis lambda's effect on one image at one quality is
 * predicted before a search spends an encode on it. Per image and quality: the measured ln
 * bytes (k) and -ln(1 - SSIM) (c) the lambda takes off per ln lambda at x1.25 and x1.6 on the
 * whole image; the bracket's prediction ({@link TrellisKnob#SSIM_KNOB_K} times the quality's
 * SSIM per ln byte over +-1, clamped as the search does); and {@link KnobProbe}'s from its
 * sample. Run with the api test classpath: {@code java dev.tegula.api.TargetKnobPredict PNG...}
 * (-Dqs=5000,7500 qualities in hundredths; the probe columns repeat each slope, the format
 * /tmp/s10/knob2/ana.py reads).
 */
public class TargetKnobPredict {
  public static void main(String[] a) throws Exception {
    String[] qv = System.getProperty("qs", "5000,7500,8800,9400").split(",");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String f : a) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(f))).image();
      for (String qs : qv) {
        int q = Integer.parseInt(qs);
        long t0 = mx.getCurrentThreadCpuTime();
        double[] r0 = enc(img, q, 100);
        long t1 = mx.getCurrentThreadCpuTime();
        double[] r125 = enc(img, q, 125);
        double[] r160 = enc(img, q, 160);
        double[] qp = enc(img, q + 100, 100);
        double[] qm = enc(img, q - 100, 100);
        double measS = (qp[1] - qm[1]) / Math.log(qp[0] / qm[0]);
        double slope = measS <= 0 ? TrellisKnob.KNOB_SLOPE_MAX
            : Math.max(TrellisKnob.KNOB_SLOPE_MIN, Math.min(TrellisKnob.KNOB_SLOPE_MAX, measS));
        SsimCurve sc = SsimCurve.of(img, true);
        long t2 = mx.getCurrentThreadCpuTime();
        KnobProbe p = sc.knobProbe(q);
        long t3 = mx.getCurrentThreadCpuTime();
        double l125 = Math.log(1.25);
        double l160 = Math.log(1.6);
        System.out.println(String.format(Locale.ROOT,
            "%s q%d B %d y %.4f | meas k %.3f %.3f c %.3f %.3f | brk c %.3f measS %.3f"
                + " | probe k %.3f %.3f c %.3f %.3f | cost %.3f",
            Paths.get(f).getFileName(), q, (long) r0[0], r0[1],
            -Math.log(r125[0] / r0[0]) / l125, -Math.log(r160[0] / r0[0]) / l160,
            (r0[1] - r125[1]) / l125, (r0[1] - r160[1]) / l160,
            TrellisKnob.SSIM_KNOB_K * slope, measS, p.sizeSlope, p.sizeSlope, p.ssimSlope,
            p.ssimSlope,
            (t3 - t2) / (double) (t1 - t0)));
      }
    }
  }

  static double[] enc(Image img, int q, int l) {
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(q).withLambdaHundredths(l);
    byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY, o);
    double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
    return new double[] {b.length, -Math.log(1 - s)};
  }
}
