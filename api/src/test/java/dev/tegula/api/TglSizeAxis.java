package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Measurement, not a test: a .tgl file's ln bytes per pixel over a range of hundredths against
 * the size estimate ({@link SizeCurve}) and the two axes a bracket's line can run in, minus the
 * log of the table scale plus 2 (the rule before {@link SearchRules.Rule#TGL_SIZE_STEP_LINE})
 * and minus the steps' mean log ({@link TargetSearch#tglStepLog}), encoded as a search does.
 * {@code java dev.tegula.api.TglSizeAxis IMAGE FROM TO BY [f]} ({@code f}: 4:4:4 below 97).
 * Session 24.
 */
public class TglSizeAxis {
  public static void main(String[] args) throws Exception {
    int lo = Integer.parseInt(args[1]);
    int hi = Integer.parseInt(args[2]);
    int by = Integer.parseInt(args[3]);
    int flag = args.length > 4 && args[4].equals("f") ? TargetSearch.FULL_CHROMA : 0;
    Image img = Tegula.decode(Files.readAllBytes(Paths.get(args[0]))).image();
    double px = (double) img.width() * img.height();
    CompressOptions options = TargetLanding.options(ImageFormat.TGL);
    SizeCurve curve = CompressPipeline.sizeCurve(options, img);
    SearchEncoder enc = new SearchEncoder(img, Metadata.EMPTY, options);
    System.out.println("code bytes measured estimate scaleLog stepLog");
    for (int q = lo; q <= hi; q += by) {
      int code = q | flag;
      byte[] b = enc.apply(code);
      System.out.printf("%d %d %.4f %.4f %.4f %.4f%n", q, b.length, Math.log(b.length / px),
          curve.at(code), -Math.log(TargetSearch.tglScale(q) + 200), TargetSearch.tglStepLog(q));
    }
  }
}
