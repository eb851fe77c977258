package dev.tegula.tgl.lossy;

/**
 * What fits a lossy encode a little over a byte budget into it without a lower quality: each
 * block's trailing AC coefficients (zig-zag order) are dropped while the distortion a drop adds
 * is cheap for the bits it saves. Dropping a block's last nonzero value saves its zero flag, its
 * magnitude and sign, and the zero flags between it and the value before; the values before it
 * stay as quantized. A drop's price is the squared error it adds, in units of its own step (AQ
 * scale included, so busy macroblocks pay as the quantizer already lets them), per estimated bit
 * saved, against a fixed slope {@link #LAMBDA_4096}; prices fall in {@link #BUCKETS} buckets of
 * 1/{@value #BUCKETS_PER_LAMBDA} of it. A block drops its trailing values while each one's bucket
 * (the dearest so far) is at most the caller's threshold, so one threshold over every tile trims
 * the image as a whole, tile by tile.
 *
 * <p>The bit estimates are rough (the context model's real costs vary): they rank drops, and
 * the caller measures what a threshold really saved by coding the tiles. Integer arithmetic, so
 * the JVM and WebAssembly trim alike.
 */
final class BudgetTrim {
  /**
   * Price buckets: drops dearer than the last one, twice {@link #LAMBDA_4096}, are never made.
   * Measured in session 36 (TrimQuality -Dformat=TGL, photos, hold-out, fresh and otho, size
   * searches with trims against the same without): with a bound of 3 times, 48 results were
   * trimmed, mean -ln(1 - SSIM) -0.002 (sk_gravel_q75s 50 KB 0.99098 -> 0.98786, a decoded JPEG
   * whose untrimmed search found a file on its source's lattice); with 2 times, 45 and +0.0075,
   * and TargetLanding's .tgl size 1,004 -> 1,003 of 1,011 within 3 encodes.
   */
  static final int BUCKETS = 64;
  static final int BUCKETS_PER_LAMBDA = 32;
  /**
   * Buckets past {@link #BUCKETS} for a trim that nothing after it could beat (a target SSIM
   * search's last step, which otherwise returns a pass over its band): 32 more, each 2^(5/32)
   * dearer than the one before, up to 64 times {@link #LAMBDA_4096}; drops dearer still are
   * never made.
   */
  static final int FAR_BUCKETS = BUCKETS + 32;
  /**
   * Where each far bucket starts, in the near buckets' units (1/{@value #BUCKETS_PER_LAMBDA} of
   * the slope): round(64 * 32^(j / 32)), written out so that the JVM and WebAssembly agree.
   */
  private static final int[] FAR_EDGES = {64, 71, 79, 89, 99, 110, 123, 137, 152, 170, 189, 211,
      235, 262, 292, 325, 362, 403, 450, 501, 558, 622, 693, 773, 861, 960, 1069, 1192, 1328, 1480,
      1649, 1838, 2048};
  /**
   * The reference slope of distortion per bit, in 1/4096 of a squared step: 2 ln 2 / 12, the
   * high-rate slope of a uniform quantizer (its noise step^2 / 12 falls by a factor 4 per bit
   * of every coefficient). A drop dearer than that costs more than a lower quality would for
   * the same bytes, by that measure; the trim allows up to twice it, as JPEG's does against its
   * trellis lambda, since a trim saves an encode.
   */
  static final int LAMBDA_4096 = 473;

  private BudgetTrim() {}

  /**
   * Adds to {@code bits16[bucket]} the bits (1/16 units) that dropping the block's trailing
   * values would save at each bucket they become affordable at: the n-th drop counts in the
   * bucket of the dearest of the first n, up to {@code bits16.length} buckets ({@link #BUCKETS}
   * or {@link #FAR_BUCKETS}). Reads only.
   *
   * @param q the quantized block at {@code off} (zig-zag)
   * @param coef the block before quantization (natural order, 8x the orthonormal DCT)
   * @param step its steps (zig-zag, 1/16 units, AQ scaled)
   */
  static void savings(short[] q, int off, int[] coef, int[] step, long[] bits16) {
    int dearest = 0;
    int k = last(q, off, 63);
    while (k > 0) {
      int before = last(q, off, k - 1);
      int bucket = bucket(q[off + k], coef[Quantizer.ZIGZAG[k]], step[k], k - before - 1);
      if (bucket >= bits16.length) {
        return;
      }
      dearest = Math.max(dearest, bucket);
      bits16[dearest] += bits16(q[off + k], k - before - 1);
      k = before;
    }
  }

  /**
   * Drops the block's trailing values while each one's bucket is at most {@code threshold}
   * (the values {@link #savings} counted up to that bucket). Returns whether any was dropped.
   */
  static boolean trim(short[] q, int off, int[] coef, int[] step, int threshold) {
    boolean dropped = false;
    int k = last(q, off, 63);
    while (k > 0) {
      int before = last(q, off, k - 1);
      if (bucket(q[off + k], coef[Quantizer.ZIGZAG[k]], step[k], k - before - 1) > threshold) {
        break;
      }
      q[off + k] = 0;
      dropped = true;
      k = before;
    }
    return dropped;
  }

  /** The zig-zag position of the last nonzero AC value at or before {@code k}, 0 for none. */
  private static int last(short[] q, int off, int k) {
    while (k > 0 && q[off + k] == 0) {
      k--;
    }
    return k;
  }

  /**
   * The price bucket of dropping value {@code v} of coefficient {@code c} (8x orthonormal)
   * quantized with {@code step} (16x), with {@code gap} zeros before it since the previous
   * nonzero value: x = F / Q, the error grows from (x - a)^2 to x^2, a(2x - a) step^2. At most
   * {@link #FAR_BUCKETS}, which no threshold reaches.
   */
  static int bucket(int v, int c, int step, int gap) {
    int a = v < 0 ? -v : v;
    long x64 = (128L * (c < 0 ? -(long) c : c)) / step;
    long added4096 = Math.max(0, a * (2 * x64 - 64L * a) * 64);
    long near = added4096 * 16 * BUCKETS_PER_LAMBDA / ((long) bits16(v, gap) * LAMBDA_4096);
    if (near < BUCKETS) {
      return (int) near;
    }
    if (near >= FAR_EDGES[FAR_EDGES.length - 1]) {
      return FAR_BUCKETS;
    }
    // the last edge at most near (a size trim's counting meets one such drop in most blocks)
    int lo = 0;
    int hi = FAR_EDGES.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (near >= FAR_EDGES[mid]) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return BUCKETS + lo;
  }

  /**
   * Estimated bits (1/16 units) a trailing value saves: its zero flag (rare after the
   * others, 2 bits), its length in unary (half a bit a symbol), the bits below its leading one
   * and its sign (raw), and the zero flags of the gap before it (half a bit each).
   */
  static int bits16(int v, int gap) {
    int a = v < 0 ? -v : v;
    int len = 32 - Integer.numberOfLeadingZeros(a);
    return 32 + 8 * len + 16 * (len - 1) + 16 + 8 * gap;
  }
}
