package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement, not a test (session 24): how far a size search's first encode lands from its
 * estimate, and what reads the error before the encode. Reads lines {@code dir image FORMAT
 * target code bytes encodes err} (each search's first code and its measured bytes, from
 * TargetLanding's traces; code {@code f9659} on the 4:4:4 side) and prints per search, in
 * ln(bytes per pixel): the whole image's estimate at the code, its measured file, the real
 * encoder's file of {@link TglProbe}'s mosaic, the mosaic's estimate on every macroblock ({@code
 * -Dsampled=true}: on the usual sample), the mosaic's probe CPU against one encode of the image
 * ({@code -Dtime=true}), encodes, error, the mosaic's JPEG header bytes, the mosaic encode's
 * share of the CPU; before it a line {@code MB}: the whole image predicted from the real encoder
 * on the estimate's own sampled macroblocks in one strip (JPEG's headers counted once), the same
 * at trellis lambda {@code -Dlambda=N} hundredths, and ({@code -Ddense=true}) the estimate of
 * every macroblock of the whole image. {@code -Ddump=true FILE...}: every value of each file's
 * size estimates (to compare two builds); {@code -DtimeEstimate=true FILE...}: the size
 * estimate's CPU against one encode. Figures: docs/target-search.md §5, session 24.
 */
public final class SizeProbeCheck {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private SizeProbeCheck() {
  }

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("dump")) {
      // every value of each file's size estimates, both formats, for comparing two builds
      for (String a : args) {
        Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
        for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
          SizeCurve c = CompressPipeline.sizeCurve(TargetLanding.options(f), img);
          System.out.println(a + " " + f + " " + java.util.Arrays.toString(c.sub) + " "
              + java.util.Arrays.toString(c.full));
        }
      }
      return;
    }
    if (Boolean.getBoolean("timeEstimate")) {
      timeEstimate(args);
      return;
    }
    Map<String, List<String[]>> byImage = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String[] p = line.trim().split("\\s+");
      byImage.computeIfAbsent(p[0] + " " + p[1] + " " + p[2], k -> new java.util.ArrayList<>())
          .add(p);
    }
    boolean timed = Boolean.getBoolean("time");
    for (Map.Entry<String, List<String[]>> e : byImage.entrySet()) {
      String[] k = e.getKey().split(" ");
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(k[0], k[1]))).image();
      ImageFormat f = ImageFormat.valueOf(k[2]);
      CompressOptions opts = TargetLanding.options(f);
      SizeCurve whole = CompressPipeline.sizeCurve(opts, img);
      double px = (double) img.width() * img.height();
      boolean tiles = TglProbe.tilesFor(img, TglProbe.TILE, TglProbe.TILES) > 0;
      Image mosaic = tiles ? TglProbe.mosaic(img, TglProbe.TILE, TglProbe.TILES) : null;
      double mpx = tiles ? (double) mosaic.width() * mosaic.height() : 0;
      Image mbMosaic = macroblocks(img);
      for (String[] p : e.getValue()) {
        int code = p[4].startsWith("f") ? Integer.parseInt(p[4].substring(1))
            | TargetSearch.FULL_CHROMA : Integer.parseInt(p[4]);
        double measured = Math.log(Long.parseLong(p[5]) / px);
        double real = Double.NaN;
        double est = Double.NaN;
        double cost = Double.NaN;
        int header = 0;
        double encodeShare = Double.NaN;
        if (tiles) {
          long t0 = CPU.getCurrentThreadCpuTime();
          byte[] b = new SearchEncoder(mosaic, Metadata.EMPTY, opts).apply(code);
          long te = CPU.getCurrentThreadCpuTime();
          SizeCurve m = Boolean.getBoolean("sampled") ? CompressPipeline.sizeCurve(opts, mosaic)
              : SsimCurve.sizeOfMosaic(mosaic, code, f == ImageFormat.JPEG, opts.chroma(),
                  opts.grayscale(), SearchRules.DEFAULT);
          long t1 = CPU.getCurrentThreadCpuTime();
          real = Math.log(b.length / mpx);
          header = f == ImageFormat.JPEG ? jpegHeader(b) : 0;
          est = m.at(code);
          if (timed) {
            long t2 = CPU.getCurrentThreadCpuTime();
            new SearchEncoder(img, Metadata.EMPTY, opts).apply(code);
            long one = CPU.getCurrentThreadCpuTime() - t2;
            cost = (t1 - t0) / (double) one;
            encodeShare = (te - t0) / (double) one;
          }
        }
        byte[] mb = new SearchEncoder(mbMosaic, Metadata.EMPTY, opts).apply(code);
        int mbHeader = f == ImageFormat.JPEG ? jpegHeader(mb) : 0;
        double mbPx = (double) mbMosaic.width() * mbMosaic.height();
        double mbWhole = Math.log(((mb.length - mbHeader) / mbPx * px + mbHeader) / px);
        int lambda = Integer.getInteger("lambda", 0);
        double mbLambda = Double.NaN;
        if (lambda > 0 && f == ImageFormat.JPEG) {
          byte[] ml = new SearchEncoder(mbMosaic, Metadata.EMPTY, opts)
              .apply(TargetSearch.withLambda(code, lambda));
          int mh = jpegHeader(ml);
          mbLambda = Math.log(((ml.length - mh) / mbPx * px + mh) / px);
        }
        double dense = Boolean.getBoolean("dense") ? SsimCurve.sizeOfMosaic(img, code,
            f == ImageFormat.JPEG, opts.chroma(), opts.grayscale(), SearchRules.DEFAULT).at(code)
            : Double.NaN;
        System.out.printf("MB %.5f %.5f %.5f%n", mbWhole, mbLambda, dense);
        System.out.printf("%s %s %s %s %s %d %.5f %.5f %.5f %.5f %.3f %s %s %d %.3f%n",
            Paths.get(k[0]).getFileName(), k[1], k[2], p[3], p[4], img.width() * img.height(),
            whole.at(code), measured, real, est, cost, p[6], p[7], header, encodeShare);
      }
    }
  }

  /** The bytes of a JPEG file outside its scans' entropy-coded data (markers and segments). */
  static int jpegHeader(byte[] b) {
    int i = 2;
    int header = 2;
    while (i + 4 <= b.length) {
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xD9) {
        return header + 2;
      }
      int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      header += 2 + len;
      i += 2 + len;
      if (marker == 0xDA) {
        while (i + 1 < b.length && !((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0
            && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7))) {
          i++;
        }
      }
    }
    return header;
  }

  /** The macroblocks the size estimate samples, in its order, in one row. */
  static Image macroblocks(Image image) {
    int w = image.width();
    int h = image.height();
    int mbw = (w + 15) / 16;
    int total = mbw * ((h + 15) / 16);
    int count = Math.min(total, Math.min(128, Math.max(32, total / 6)));
    byte[] src = image.rgba();
    int mw = count * 16;
    byte[] dst = new byte[mw * 16 * 4];
    for (int i = 0; i < count; i++) {
      int m = SsimCurve.sampleAt(i, count, total);
      int x0 = (m % mbw) * 16;
      int y0 = (m / mbw) * 16;
      for (int yy = 0; yy < 16; yy++) {
        for (int xx = 0; xx < 16; xx++) {
          int sx = Math.min(w - 1, x0 + xx);
          int sy = Math.min(h - 1, y0 + yy);
          System.arraycopy(src, (sy * w + sx) * 4, dst, (yy * mw + i * 16 + xx) * 4, 4);
        }
      }
    }
    return new Image(mw, 16, dst);
  }

  /**
   * The size estimate's thread CPU against one encode at quality 80 of the same image (the
   * median of 7, alternated), per image and format: {@code -DtimeEstimate=true FILE...}.
   */
  private static void timeEstimate(String[] files) throws Exception {
    for (String a : files) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
        CompressOptions opts = TargetLanding.options(f);
        long[][] t = new long[2][7];
        for (int rep = 0; rep < 7; rep++) {
          long t0 = CPU.getCurrentThreadCpuTime();
          CompressPipeline.sizeCurve(opts, img);
          long t1 = CPU.getCurrentThreadCpuTime();
          new SearchEncoder(img, Metadata.EMPTY, opts).apply(8000);
          t[0][rep] = t1 - t0;
          t[1][rep] = CPU.getCurrentThreadCpuTime() - t1;
        }
        java.util.Arrays.sort(t[0]);
        java.util.Arrays.sort(t[1]);
        System.out.printf("%s %s %d: estimate %.2f of an encode%n", Paths.get(a).getFileName(), f,
            img.width() * img.height(), t[0][3] / (double) t[1][3]);
      }
    }
  }
}
