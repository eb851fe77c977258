package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.jpeg.LumaTrim;
import dev.tegula.metrics.AlphaComposite;
import dev.tegula.metrics.BoxSsim;

/**
 * Lowers a JPEG pass that lies over its SSIM band into it by dropping luma coefficients ({@link
 * LumaTrim}), without writing a file per try: each candidate's SSIM is scored on its decoded
 * pixels, made from the pass's decode and the trim's luma plane (a pixel's R, G and B move with
 * its Y, as YCbCr's conversion adds Y to each; where the pass's decode clamped a channel the
 * candidate's value is an estimate, which the search's own scoring of the file written settles).
 * A try costs the changed blocks' inverse DCT and one SSIM of the image, about a third of an
 * encode and its scoring; the drop count is found by a secant on the estimate's saved bits
 * against -ln(1 - SSIM), a bisection once a try has bracketed the band.
 */
final class SsimTrim {
  /** The largest share of the pass's bits a trim may drop. */
  static final double MAX_SHARE = 0.15;
  /**
   * The farthest a pass may lie over its band, in band widths, for a trim to be tried. Of the
   * twelve sets' 212 JPEG trims (session 38) the 144 that landed started at most 7.2 band widths
   * over (a median 0.54); with this bound 25 of the 68 whose drops ran out first are not tried,
   * every search's result the same.
   */
  static final double MAX_OVER = 8;
  /**
   * A trim is not tried when its first guess of the bits to save is more than this many times
   * what all its drops save by the estimate: of the twelve sets' 187 JPEG trims tried within
   * {@link #MAX_OVER} (session 38), none of the 144 that landed, and 17 of the 43 whose drops
   * ran out first (at 2: 1 and 23; the guess reads the two encodes' line, which trims follow
   * only roughly).
   */
  static final double MAX_GUESS_OVER_REACH = 3;
  /** Tries of drop counts before a trim gives up. */
  static final int MAX_TRIES = 6;

  private final LumaTrim trim;
  private final byte[] source;
  private final byte[] pass;
  private final byte[] passLuma;
  private final byte[] candidate;
  private final int width;
  private final int height;
  private int tries;

  /** How many channels differ: 1 when the source and the pass are grey (R = G = B). */
  private final int channels;

  private SsimTrim(LumaTrim trim, Image source, byte[] pass) {
    this.trim = trim;
    this.source = source.rgba();
    this.pass = pass;
    this.channels = source.isGrey(source.has16BitSamples()) && isGrey(pass) ? 1 : 3;
    this.passLuma = trim.luma().clone();
    this.candidate = pass.clone();
    this.width = trim.width();
    this.height = trim.height();
  }

  /**
   * The pass trimmed into {@code [low, high]} by its own pixels' SSIM, aimed at their middle, or
   * null when no drop count the order holds lands there within {@link #MAX_TRIES} tries (or the
   * source has alpha, which SSIM composites).
   *
   * @param trim the pass's coefficients, no drop applied
   * @param source the image searched for
   * @param passPixels the pass's decode (RGBA)
   * @param passSsim the pass's SSIM against {@code source}
   * @param guessBits the bits a first try should save
   */
  static byte[] toBand(LumaTrim trim, Image source, byte[] passPixels, double passSsim,
      double low, double high, long guessBits) {
    if (!worthTrying(trim, source, guessBits)) {
      return null;
    }
    return new SsimTrim(trim, source, passPixels).search(passSsim, low, high, guessBits);
  }

  /**
   * Whether {@link #toBand} would try: drops to make, an opaque source and a first guess
   * within {@link #MAX_GUESS_OVER_REACH} of the drops' reach (checked before the pass is decoded).
   */
  static boolean worthTrying(LumaTrim trim, Image source, long guessBits) {
    return trim.drops() > 0 && AlphaComposite.isOpaque(source.rgba())
        && guessBits <= MAX_GUESS_OVER_REACH * trim.savedBits(trim.drops());
  }

  private byte[] search(double passSsim, double low, double high, long guessBits) {
    double aim = y((low + high) / 2);
    // the bracket: a drop count over the band (y above it) and one under (or the order's end)
    int over = 0;
    double yOver = y(passSsim);
    int under = trim.drops();
    double yUnder = Double.NaN;
    int n = countFor(Math.max(1, guessBits));
    while (tries < MAX_TRIES) {
      double s = ssimAt(n);
      if (s >= low && s <= high) {
        trim.apply(n);
        return trim.write();
      }
      if (s > high) {
        over = n;
        yOver = y(s);
      } else {
        under = n;
        yUnder = y(s);
      }
      if (under - over <= 1) {
        return null;
      }
      int next;
      if (Double.isNaN(yUnder)) {
        // no try under the band yet: the secant from the pass through the last try over it
        long bits = trim.savedBits(over);
        double perBit = (y(passSsim) - yOver) / Math.max(1, bits);
        next = perBit > 0 ? countFor((long) Math.ceil(bits + (yOver - aim) / perBit))
            : countFor(bits * 2 + 1);
        if (over == trim.drops()) {
          return null;
        }
      } else {
        long a = trim.savedBits(over);
        long b = trim.savedBits(under);
        double share = (yOver - aim) / (yOver - yUnder);
        next = countFor(a + (long) Math.ceil(share * (b - a)));
        if (tries >= 3) {
          next = (over + under) >>> 1;
        }
      }
      n = Math.max(over + 1, Math.min(under - (Double.isNaN(yUnder) ? 0 : 1), next));
    }
    return null;
  }

  /** The fewest drops whose estimated saving reaches {@code bits} (all of them at most). */
  private int countFor(long bits) {
    int lo = 0;
    int hi = trim.drops();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (trim.savedBits(mid) >= bits) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** SSIM with the first {@code n} drops, on the pass's pixels moved by their luma's change. */
  double ssimAt(int n) {
    tries++;
    trim.apply(n);
    byte[] luma = trim.luma();
    for (int p = 0, i = 0; p < luma.length; p++, i += 4) {
      int d = (luma[p] & 0xFF) - (passLuma[p] & 0xFF);
      if (d != 0) {
        candidate[i] = clamp((pass[i] & 0xFF) + d);
        candidate[i + 1] = clamp((pass[i + 1] & 0xFF) + d);
        candidate[i + 2] = clamp((pass[i + 2] & 0xFF) + d);
      } else {
        candidate[i] = pass[i];
        candidate[i + 1] = pass[i + 1];
        candidate[i + 2] = pass[i + 2];
      }
    }
    // a grey pair's three channels are one (Metrics.ssim averages them)
    double sum = 0;
    for (int c = 0; c < channels; c++) {
      sum += BoxSsim.mean(source, candidate, width, height, c, null, 0);
    }
    return sum / channels;
  }

  private static boolean isGrey(byte[] rgba) {
    for (int i = 0; i < rgba.length; i += 4) {
      if (rgba[i] != rgba[i + 1] || rgba[i] != rgba[i + 2]) {
        return false;
      }
    }
    return true;
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
  }

  private static double y(double ssim) {
    return -Math.log(Math.max(1e-9, 1 - ssim));
  }
}
