package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.LumaTrim;
import dev.tegula.tgl.PreparedTgl;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.metrics.AlphaComposite;
import dev.tegula.metrics.BoxSsim;

/**
 * Lowers a pass that lies over its SSIM band into it by dropping its cheapest coefficients,
 * without writing a file per try: each candidate's SSIM is scored on the pixels it decodes to,
 * made without coding it (JPEG: the pass's decode moved by the luma plane of {@link LumaTrim}'s
 * drops, where a channel the pass's decode clamped is an estimate, which the search's own
 * scoring of the file written settles; .tgl: every tile reconstructed from its trimmed quantized
 * values, bit for bit the decoder's). The trim is found by a secant on the estimated saved bits
 * against -ln(1 - SSIM), a bisection once a try has bracketed the band.
 */
final class SsimTrim {
  /**
   * How far a trim may reach. JPEG: the largest share of the pass's bits it drops, and the
   * dearest coefficient, in times its bits ({@code BudgetTrim}'s price). .tgl: the size trims'
   * thresholds (up to twice the reference slope), or for {@link #LAST} all of them (up to 64
   * times, {@code PreparedLossyTile.FAR_TRIM_BUCKETS}). Both: the tries of drop counts before the
   * trim gives up.
   */
  enum Reach {
    /**
     * A search's third, which an encode at another quality or lambda could take instead: the
     * size trims' bound (session 38: at 8 instead of 2 more trims landed, but in files up to
     * 8.5 % larger than the knob's third). Session 44: 10 tries instead of 6 moved one .tgl
     * third of the twelve sets from the quality's file into a trim 5.5 % larger.
     */
    THIRD(0.15, 2, 6),
    /**
     * A search's last step, which returns its pass over the band when the trim does not land:
     * any smaller file that reaches the target is better than that one. Session 39, the twelve
     * sets: JPEG in the band 1,152 -> 1,162 of 1,168 against the third's reach, and 50 % with
     * no price bound gave the same results as these. Session 44, the twelve sets: 8 tries
     * instead of 6 landed one more .tgl result (holdsm sk_retina_s2c 0.95, 17.8 % of the budget
     * over the target -> 1.1 %, 18.5 % smaller), 10 the same; JPEG's results all the same.
     */
    LAST(0.30, 64, 8);

    final double maxShare;
    final int maxPrice;
    final int maxTries;

    Reach(double maxShare, int maxPrice, int maxTries) {
      this.maxShare = maxShare;
      this.maxPrice = maxPrice;
      this.maxTries = maxTries;
    }
  }

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
  /**
   * Where in the band a trim aims, as a share of its width from the bottom: a try is scored on
   * the pixels it decodes to (.tgl exactly, JPEG but for the pass's clamped channels), so it can
   * aim low, at the smaller files. Measured in session 38 (TargetLanding ssim, the twelve sets)
   * against the middle: every landing the same, JPEG's 54 results changed -0.15 % bytes in sum,
   * .tgl's 50 -0.17 %, a trim call's CPU the same (SearchCost, otho and othg).
   */
  static final double AIM_SHARE = 0.25;

  /**
   * A pass's trims in order, 0 (the pass itself) to {@link #count}: what each saves by the
   * estimate and the pixels it decodes to, scored before one is written.
   */
  interface Trims {
    int count();

    long savedBits(int n);

    /** Trim n's decoded RGBA (an array the next call may change). */
    byte[] pixels(int n);

    byte[] write(int n);
  }

  /**
   * A JPEG pass's luma drops ({@link LumaTrim}): a pixel's R, G and B move with its Y, as
   * YCbCr's conversion adds Y to each (exact wherever the pass's decode does not clamp).
   */
  static Trims jpeg(LumaTrim trim, byte[] passPixels) {
    byte[] passLuma = trim.luma().clone();
    byte[] candidate = passPixels.clone();
    return new Trims() {
      @Override
      public int count() {
        return trim.drops();
      }

      @Override
      public long savedBits(int n) {
        return trim.savedBits(n);
      }

      @Override
      public byte[] pixels(int n) {
        trim.apply(n);
        byte[] luma = trim.luma();
        for (int p = 0, i = 0; p < luma.length; p++, i += 4) {
          int d = (luma[p] & 0xFF) - (passLuma[p] & 0xFF);
          candidate[i] = clamp((passPixels[i] & 0xFF) + d);
          candidate[i + 1] = clamp((passPixels[i + 1] & 0xFF) + d);
          candidate[i + 2] = clamp((passPixels[i + 2] & 0xFF) + d);
        }
        return candidate;
      }

      @Override
      public byte[] write(int n) {
        trim.apply(n);
        return trim.write();
      }
    };
  }

  /**
   * A .tgl pass's trims: one price threshold over every lossy tile, trim n at threshold n - 1
   * ({@link PreparedTgl#encode(Metadata, TglEncodeOptions, int)}), its pixels reconstructed from
   * the tiles' quantized values ({@link PreparedTgl#reconstruct}) over the pass's decode, which
   * holds the tiles no trim changes.
   *
   * @param saved16 what each threshold saves, 1/16 bits ({@link PreparedTgl#trimSavings})
   */
  static Trims tgl(PreparedTgl prepared, TglEncodeOptions o, Metadata metadata, long[] saved16,
      byte[] passPixels) {
    byte[] candidate = new byte[passPixels.length];
    return new Trims() {
      @Override
      public int count() {
        return saved16.length;
      }

      @Override
      public long savedBits(int n) {
        return n == 0 ? 0 : saved16[n - 1] / 16;
      }

      @Override
      public byte[] pixels(int n) {
        System.arraycopy(passPixels, 0, candidate, 0, candidate.length);
        prepared.reconstruct(o, n - 1, candidate);
        return candidate;
      }

      @Override
      public byte[] write(int n) {
        return prepared.encode(metadata, o, n - 1);
      }
    };
  }

  private final Trims trims;
  private final byte[] source;
  private final int width;
  private final int height;
  /** How many channels differ: 1 when the source and the pass are grey (R = G = B). */
  private final int channels;
  private int tries;

  private SsimTrim(Trims trims, Image source, byte[] pass) {
    this.trims = trims;
    this.source = source.rgba();
    this.width = source.width();
    this.height = source.height();
    this.channels = source.isGrey(source.has16BitSamples()) && isGrey(pass) ? 1 : 3;
  }

  /**
   * The pass trimmed into {@code [low, high]} by its own pixels' SSIM, aimed {@link #AIM_SHARE}
   * of the way up, or null when no trim lands there within {@code reach}'s tries. The caller
   * has asked {@link #worthTrying} first.
   *
   * @param trims the pass's trims
   * @param source the image searched for
   * @param passPixels the pass's decode (RGBA)
   * @param passSsim the pass's SSIM against {@code source}
   * @param guessBits the bits a first try should save
   * @param reach the trim's reach, whose tries bound the search (the trims were made for it)
   */
  static byte[] toBand(Trims trims, Image source, byte[] passPixels, double passSsim,
      double low, double high, long guessBits, Reach reach) {
    return new SsimTrim(trims, source, passPixels).search(passSsim, low, high, guessBits,
        reach.maxTries);
  }

  /**
   * Whether a trim is worth trying: trims to make, an opaque source (SSIM composites alpha) and
   * a first guess within {@link #MAX_GUESS_OVER_REACH} of what all the trims save (asked before
   * the pass is decoded).
   */
  static boolean worthTrying(int count, long reach, Image source, long guessBits) {
    return count > 0 && AlphaComposite.isOpaque(source.rgba())
        && guessBits <= MAX_GUESS_OVER_REACH * reach;
  }

  private byte[] search(double passSsim, double low, double high, long guessBits,
      int maxTries) {
    double aim = y(low + AIM_SHARE * (high - low));
    // the bracket: a trim over the band (y above it) and one under (or the order's end)
    int over = 0;
    double yOver = y(passSsim);
    int under = trims.count();
    double yUnder = Double.NaN;
    int n = countFor(Math.max(1, guessBits));
    while (tries < maxTries) {
      double s = ssimAt(n);
      if (s >= low && s <= high) {
        return trims.write(n);
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
        long bits = trims.savedBits(over);
        double perBit = (y(passSsim) - yOver) / Math.max(1, bits);
        next = perBit > 0 ? countFor((long) Math.ceil(bits + (yOver - aim) / perBit))
            : countFor(bits * 2 + 1);
      } else {
        long a = trims.savedBits(over);
        long b = trims.savedBits(under);
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

  /** The first trim whose estimated saving reaches {@code bits} (all of them at most). */
  private int countFor(long bits) {
    int lo = 0;
    int hi = trims.count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (trims.savedBits(mid) >= bits) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Trim n's SSIM against the source, on its decoded pixels. */
  double ssimAt(int n) {
    tries++;
    byte[] candidate = trims.pixels(n);
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
