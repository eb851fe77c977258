package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.Arrays;

/**
 * Encode-then-decode round trips through the facade (issue 8): PNG and lossless .tgl give back
 * exactly the pixels (16-bit samples included), lossy .tgl and JPEG give back an image of the same
 * size, flagged complete, and no encoder throws on a valid image. The input is read as
 * {@code width-1, height-1, flags, quality, samples...}: small images (up to 48x48, so that the
 * lossless coder stays fast), whose samples repeat the input's bytes.
 */
class RoundTripFuzzTest {
  private static final int MAX_SIDE = 48;

  @FuzzTest(maxDuration = "5m")
  void roundTrips(byte[] data) {
    if (data.length < 4) {
      return;
    }
    Image image = image(data);
    int quality = (data[3] & 0xFF) % 101;

    check("PNG", image, Tegula.decode(Tegula.encodePng(image, null)), true);
    check(".tgl lossless", image,
        Tegula.decode(Tegula.compress(image, null, CompressOptions.lossless())), true);
    check(".tgl lossy q" + quality, image,
        Tegula.decode(Tegula.compress(image, null, CompressOptions.lossy(quality))), false);
    check("JPEG q" + quality, image, Tegula.decode(
        Tegula.encodeJpeg(image, null, JpegEncodeOptions.ofQuality(Math.max(1, quality)))), false);
  }

  /** flags: 1 = 16-bit samples, 2 = opaque, 4 = grey (R = G = B), 8 = flat (one colour). */
  static Image image(byte[] data) {
    int width = (data[0] & 0xFF) % MAX_SIDE + 1;
    int height = (data[1] & 0xFF) % MAX_SIDE + 1;
    int flags = data[2] & 0xFF;
    boolean wide = (flags & 1) != 0;
    int n = width * height * 4;
    short[] samples = new short[n];
    int src = 4;
    for (int i = 0; i < n; i++) {
      int s;
      if (data.length == 4 || ((flags & 8) != 0 && i >= 4)) {
        s = (flags & 8) != 0 && i >= 4 ? samples[i % 4] & 0xFFFF : 0;
      } else {
        int hi = data[4 + (src - 4) % (data.length - 4)] & 0xFF;
        src++;
        int lo = wide ? data[4 + (src - 4) % (data.length - 4)] & 0xFF : hi;
        if (wide) {
          src++;
        }
        s = (hi << 8) | lo;
      }
      samples[i] = (short) s;
    }
    for (int p = 0; p < n; p += 4) {
      if ((flags & 4) != 0) {
        samples[p + 1] = samples[p];
        samples[p + 2] = samples[p];
      }
      if ((flags & 2) != 0) {
        samples[p + 3] = (short) 0xFFFF;
      }
    }
    // 8-bit view of 16-bit samples as the decoders make it: colour floor(v/257), alpha ceil.
    byte[] rgba = new byte[n];
    for (int i = 0; i < n; i++) {
      int v = samples[i] & 0xFFFF;
      rgba[i] = (byte) (wide ? (i % 4 == 3 ? (v + 256) / 257 : v / 257) : v >>> 8);
    }
    return new Image(width, height, rgba, wide ? samples : null);
  }

  private static void check(String codec, Image in, DecodedImage out, boolean exact) {
    Image got = out.image();
    if (got.width() != in.width() || got.height() != in.height()) {
      throw new AssertionError(codec + ": " + in.width() + "x" + in.height() + " came back "
          + got.width() + "x" + got.height());
    }
    if (!out.complete()) {
      throw new AssertionError(codec + ": own output decoded incomplete: " + out.warning());
    }
    if (!exact) {
      return;
    }
    if (in.rgba16() == null && !Arrays.equals(in.rgba(), got.rgba())) {
      throw new AssertionError(codec + ": RGBA8 differs after a lossless round trip");
    }
    if (in.rgba16() != null) {
      short[] back = got.rgba16() != null ? got.rgba16() : widened(got.rgba());
      if (!Arrays.equals(in.rgba16(), back)) {
        throw new AssertionError(codec + ": 16-bit samples differ after a lossless round trip");
      }
    }
  }

  /** What 8-bit samples stand for in 16 bits (v * 257): an exact reduction keeps those only. */
  private static short[] widened(byte[] rgba) {
    short[] s = new short[rgba.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((rgba[i] & 0xFF) * 257);
    }
    return s;
  }
}
