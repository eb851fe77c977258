package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Measurement, not a test: for .tgl on decoded JPEGs, the measured minus estimated -ln(1 -
 * SSIM) against {@link SsimCurve#stepRatio} (how .tgl's luma steps at the quality compare with
 * the source's), one line per image and quality: {@code java dev.tegula.api.TargetSourceCheck
 * a.png ...}; 4:4:4 fixed ({@code -Dchroma=420}: 4:2:0 fixed; grey images have one curve
 * either way). The estimate is taken without the correction this measures ({@link
 * SsimCurve#TGL_SOURCE_BIAS} and its grey and 4:4:4 tables, TGL_BIAS kept).
 */
public class TargetSourceCheck {
  public static void main(String[] args) throws Exception {
    CompressOptions o = CompressOptions.lossy(75).withFormat(ImageFormat.TGL)
        .withChroma("420".equals(System.getProperty("chroma"))
            ? dev.tegula.jpeg.JpegEncodeOptions.Subsampling.S420
            : dev.tegula.jpeg.JpegEncodeOptions.Subsampling.S444);
    for (String a : args) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      SsimCurve c = CompressPipeline.ssimCurve(o, img);
      if (Double.isNaN(c.stepRatio(50))) {
        System.out.printf("%s not a decoded JPEG%n", Paths.get(a).getFileName());
        continue;
      }
      for (int q = 20; q <= 100; q += q < 90 ? 3 : 1) {
        byte[] b = CompressPipeline.encodeLossy(img, Metadata.EMPTY, o, q * 100);
        double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
        double m = -Math.log(Math.max(1e-9, 1 - s));
        System.out.printf("%s %d %.4f %.4f%n", Paths.get(a).getFileName(), q, c.stepRatio(q),
            m - c.at(q * 100) + c.sourceBiasAt(q, q * 100));
      }
    }
  }
}
