package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measurement, not a test: the size estimate ({@link SizeCurve}) against the real files, one line
 * per image and code: {@code set image smoothness c|g code full measured estimate}, the last two
 * in ln(bytes per pixel), at the knots of SizeCurve's corrections (4:2:0 and, below 97 on colour
 * images, 4:4:4). Medians of measured minus estimate by code over a tuning set are what the
 * correction tables hold (sessions 29 and 30 fitted TGL_SMOOTH_* and JPEG_GREY_BIAS this way).
 * {@code java dev.tegula.api.SizeEstimateError jpeg|tgl DIR...}; {@code -Dgrey=true}: JPEG's
 * grey output (one component), grey images only.
 */
public class SizeEstimateError {
  private static final int[] CODES = {500, 1500, 3000, 4500, 6000, 7500, 8500, 9200, 9400, 9600,
      9699, 9700, 9800, 9900, 9950, 10000};

  public static void main(String[] args) throws Exception {
    boolean jpeg = args[0].equals("jpeg");
    boolean greyOutput = jpeg && Boolean.getBoolean("grey");
    for (int i = 1; i < args.length; i++) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(args[i]), "*.png")) {
        ds.forEach(files::add);
      }
      Collections.sort(files);
      String set = Paths.get(args[i]).getFileName().toString();
      for (Path p : files) {
        Image image = Tegula.decode(Files.readAllBytes(p)).image();
        boolean grey = dev.tegula.tgl.TglEncoder.lossyIsGrey(image);
        if (greyOutput && !grey) {
          continue;
        }
        double smoothness = SsimCurve.of(image, false).smoothness();
        SizeCurve curve = SsimCurve.sizeOf(image, jpeg, null, greyOutput);
        SearchEncoder encoder = new SearchEncoder(image, Metadata.EMPTY,
            CompressOptions.lossy(75).withFormat(jpeg ? ImageFormat.JPEG : ImageFormat.TGL)
                .withGrayscale(greyOutput));
        double pixels = (double) image.width() * image.height();
        String name = p.getFileName().toString().replace(".png", "");
        for (int q : CODES) {
          for (int full = 0; full < 2; full++) {
            if (full == 1 && (q >= TargetSearch.JUMP || grey)) {
              continue;
            }
            int code = q | (full == 1 ? TargetSearch.FULL_CHROMA : 0);
            double measured = Math.log(encoder.apply(code).length / pixels);
            System.out.printf(Locale.ROOT, "%s %s %.4f %s %d %d %.5f %.5f%n", set, name,
                smoothness, grey ? "g" : "c", q, full, measured, curve.at(code));
          }
        }
        System.out.flush();
      }
    }
  }
}
