package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.Arrays;

/**
 * The whole compress pipeline on any valid image with any valid options: resizing, grey, chroma,
 * tiles, and above all the size and SSIM searches (the library's largest and most tuned code,
 * whose probes, mosaics and fitted curves index arrays by qualities and tile counts). Each input
 * either compresses to a file that decodes complete at the size asked for, within the size
 * target or reaching the SSIM target it reports, or fails with {@link LimitExceededException}
 * (a size that even quality 0 exceeds, an image too small for SSIM); anything else is a finding.
 *
 * <p>Input: {@code format/flags, mode, m1, m2, maxDim, more, scale, tile} then {@link
 * RoundTripFuzzTest#image}'s bytes (up to 48x48), the image enlarged {@code 1 + scale % 4}
 * times by pixel replication so that searches also meet blocky images up to 192x192.
 */
class CompressOptionsFuzzTest {
  private static final ImageFormat[] FORMATS = {ImageFormat.TGL, ImageFormat.JPEG,
      ImageFormat.PNG};
  private static final JpegEncodeOptions.Subsampling[] CHROMA = {null,
      JpegEncodeOptions.Subsampling.S444, JpegEncodeOptions.Subsampling.S420,
      JpegEncodeOptions.Subsampling.S422};

  @FuzzTest(maxDuration = "5m")
  void compresses(byte[] data) {
    if (data.length < 12) {
      return;
    }
    CompressOptions options = options(data);
    if (options == null || options.problem() != null) {
      return; // refused before any work: the CLI and tegula.js turn this into a usage error
    }
    Image image = enlarged(RoundTripFuzzTest.image(Arrays.copyOfRange(data, 8, data.length)),
        1 + (data[6] & 0xFF) % 4);
    DecodedImage source = Tegula.decode(Tegula.encodePng(image, null));
    CompressResult r;
    try {
      r = Tegula.compress(source, options);
    } catch (LimitExceededException expected) {
      if (options.maxSizeBytes() == 0 && options.targetSsim() == 0) {
        throw new AssertionError("a limit without a target: " + expected.getMessage(), expected);
      }
      return;
    }
    check(options, image, r);
  }

  private static CompressOptions options(byte[] d) {
    int flags = d[0] & 0xFF;
    ImageFormat format = FORMATS[flags % 3];
    boolean lossless = (flags & 0x08) != 0 && format == ImageFormat.TGL;
    CompressOptions o = lossless ? CompressOptions.lossless()
        : CompressOptions.lossy((d[2] & 0xFF) % 101);
    o = o.withFormat(format).withGrayscale((flags & 0x10) != 0)
        .withChroma(lossless || format == ImageFormat.PNG ? null : CHROMA[(flags >> 5) & 3]);
    switch ((d[1] & 0xFF) % 3) {
      case 1 -> o = o.withMaxSizeBytes(60 + (((d[2] & 0xFF) << 8 | (d[3] & 0xFF)) % 40_000));
      case 2 -> o = o.withTargetSsim(0.5 + ((d[3] & 0xFF) % 250) / 500.0);
      default -> { }
    }
    int maxDim = d[4] & 0xFF;
    if (maxDim > 0) {
      o = o.withMaxDimension(maxDim).withGammaCorrectResize((d[5] & 1) != 0);
    }
    o = o.withKeepOrientation((d[5] & 2) != 0);
    if (format == ImageFormat.TGL) {
      o = o.withTileSize(16 + (d[7] & 0xFF) * 2);
    } else if (format == ImageFormat.JPEG) {
      o = o.withJpegBaseline((d[5] & 4) != 0)
          .withJpegRestartInterval((d[5] & 8) != 0 ? 1 + (d[7] & 0xFF) : 0);
    } else {
      o = o.withPngEffort((d[7] & 0xFF) % 3);
    }
    return o;
  }

  private static void check(CompressOptions o, Image in, CompressResult r) {
    DecodedImage out = Tegula.decode(r.bytes());
    if (!out.complete()) {
      throw new AssertionError("own output decoded incomplete: " + out.warning());
    }
    if (Tegula.detect(r.bytes()) != o.format() || r.format() != o.format()) {
      throw new AssertionError("asked for " + o.format() + ", wrote " + r.format());
    }
    Image got = out.image();
    if (got.width() != r.width() || got.height() != r.height()) {
      throw new AssertionError("reported " + r.width() + "x" + r.height() + ", decodes "
          + got.width() + "x" + got.height());
    }
    int longer = Math.max(got.width(), got.height());
    if (o.maxDimension() > 0 && longer > Math.max(o.maxDimension(), 1)) {
      throw new AssertionError(longer + " pixels over --max-dim " + o.maxDimension());
    }
    if (o.maxDimension() == 0 && o.maxSizeBytes() == 0
        && (got.width() != in.width() || got.height() != in.height())) {
      throw new AssertionError(in.width() + "x" + in.height() + " came back " + got.width()
          + "x" + got.height());
    }
    if (o.maxSizeBytes() > 0 && r.bytes().length > o.maxSizeBytes()) {
      throw new AssertionError(r.bytes().length + " bytes over the " + o.maxSizeBytes()
          + "-byte target");
    }
    if (o.targetSsim() > 0 && !(r.ssim() >= o.targetSsim())) {
      throw new AssertionError("SSIM " + r.ssim() + " under the target " + o.targetSsim());
    }
  }

  /** Each pixel repeated {@code k} times across and down (16-bit samples too). */
  static Image enlarged(Image image, int k) {
    if (k == 1) {
      return image;
    }
    int w = image.width() * k;
    int h = image.height() * k;
    byte[] rgba = new byte[w * h * 4];
    short[] rgba16 = image.rgba16() == null ? null : new short[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int from = ((y / k) * image.width() + x / k) * 4;
        int to = (y * w + x) * 4;
        System.arraycopy(image.rgba(), from, rgba, to, 4);
        if (rgba16 != null) {
          System.arraycopy(image.rgba16(), from, rgba16, to, 4);
        }
      }
    }
    return new Image(w, h, rgba, rgba16);
  }
}
