package dev.tegula.bench.jmh;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.bench.ImageIoCodec;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.metrics.Metrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;

/**
 * The JVM benchmarks' input, made once per fork and checked before anything is timed: the corpus
 * flower (1134x756) beside its mirror image, 2268x756 = 1.71 MP of real photo detail (no
 * upscaling, which would make the content smoother and every codec faster than on photos), as a
 * baseline 4:2:0 JPEG and a PNG written by ImageIO (so both decoders read the same typical
 * files), and as .tgl lossy q75 and lossless.
 */
final class BenchImages {
  /** Quality used for every lossy encode here (JPEG and .tgl), the issue 3 target's setting. */
  static final int QUALITY = 75;

  final Image photo;
  final byte[] jpeg;
  final byte[] png;
  final byte[] tglLossy;
  final byte[] tglLossless;
  final Image decodedJpeg;

  private static BenchImages instance;

  static synchronized BenchImages get() {
    if (instance == null) {
      instance = new BenchImages();
    }
    return instance;
  }

  private BenchImages() {
    try {
      Image flower = Tegula.decode(Files.readAllBytes(testdata().resolve("photos/flower.png")))
          .image();
      photo = besideItsMirror(flower);
      BufferedImage buffered = ImageIoCodec.toBufferedImage(photo);
      jpeg = ImageIoCodec.jpeg(buffered, 0.85f);
      png = ImageIoCodec.png(buffered);
      tglLossy = Tegula.compress(photo, Metadata.EMPTY, CompressOptions.lossy(QUALITY));
      tglLossless = Tegula.compress(photo, Metadata.EMPTY, CompressOptions.lossless());
      decodedJpeg = Tegula.decode(jpeg).image();
      check();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  double megapixels() {
    return photo.width() * (double) photo.height() / 1e6;
  }

  /** Every output the benchmarks time, checked once: a wrong fast answer is no result. */
  private void check() throws IOException {
    // JPEG: Tegula (libjpeg's islow IDCT, fancy upsampling) against ImageIO's own decode
    requireClose("Tegula vs ImageIO JPEG decode", decodedJpeg.rgba(),
        ImageIoCodec.toRgba(ImageIO.read(new ByteArrayInputStream(jpeg))), 12, 1.0);
    requireClose("Tegula PNG decode", Tegula.decode(png).image().rgba(), photo.rgba(), 0, 0);
    requireClose("ImageIO PNG decode", ImageIoCodec.toRgba(ImageIO.read(new ByteArrayInputStream(png))),
        photo.rgba(), 0, 0);
    requireClose(".tgl lossless round trip", Tegula.decode(tglLossless).image().rgba(),
        photo.rgba(), 0, 0);
    requirePsnr(".tgl q75", Tegula.decode(tglLossy).image(), 30);
    requirePsnr("Tegula JPEG q75 encode",
        Tegula.decode(Tegula.encodeJpeg(photo, Metadata.EMPTY,
            dev.tegula.jpeg.JpegEncodeOptions.ofQuality(QUALITY))).image(), 30);
    requireClose("Tegula PNG encode round trip",
        Tegula.decode(Tegula.encodePng(photo, Metadata.EMPTY)).image().rgba(), photo.rgba(), 0, 0);
  }

  private void requirePsnr(String what, Image decoded, double minimum) {
    double psnr = Metrics.compare(photo, decoded).psnr();
    if (!(psnr >= minimum)) {
      throw new IllegalStateException(what + ": PSNR " + psnr + " dB, expected >= " + minimum);
    }
  }

  private static void requireClose(String what, byte[] a, byte[] b, int maxDiff, double meanDiff) {
    if (a.length != b.length) {
      throw new IllegalStateException(what + ": " + a.length + " bytes vs " + b.length);
    }
    long sum = 0;
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
      sum += d;
      max = Math.max(max, d);
    }
    double mean = sum / (double) a.length;
    if (max > maxDiff || mean > meanDiff) {
      throw new IllegalStateException(
          what + ": max difference " + max + ", mean " + mean + " (tolerance " + maxDiff + ")");
    }
  }

  private static Image besideItsMirror(Image source) {
    int w = source.width();
    int h = source.height();
    byte[] in = source.rgba();
    byte[] out = new byte[2 * w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in, y * w * 4, out, y * 2 * w * 4, w * 4);
      for (int x = 0; x < w; x++) {
        System.arraycopy(in, (y * w + x) * 4, out, ((y * 2 * w) + 2 * w - 1 - x) * 4, 4);
      }
    }
    return new Image(2 * w, h, out);
  }

  /** The system property tegula.testdata (scripts/bench-jvm sets it), else testdata/ above. */
  static Path testdata() {
    String property = System.getProperty("tegula.testdata");
    if (property != null) {
      return Paths.get(property);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/photos"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata/ not found: set -Dtegula.testdata=DIR");
  }
}
