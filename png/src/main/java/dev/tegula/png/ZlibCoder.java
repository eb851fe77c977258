package dev.tegula.png;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * zlib streams (RFC 1950/1951) through {@link Deflater}, with a size limit so that a trial that
 * is already larger than the best one so far stops early, as OptiPNG's trials do.
 *
 * <p>The strategy is set before any input: TeaVM's Deflater (a jzlib port) applies it only on
 * {@code reset()}, which this class therefore calls after {@code setStrategy}.
 */
final class ZlibCoder {
  private static final int STEP = 1 << 16;

  private ZlibCoder() {}

  /**
   * @param limit give up once the output exceeds this many bytes
   * @return the stream, or null when it would exceed {@code limit}
   */
  static byte[] compress(byte[] data, int len, int level, int strategy, long limit) {
    Deflater deflater = new Deflater(level);
    try {
      if (strategy != Deflater.DEFAULT_STRATEGY) {
        // Feeding an empty input first makes TeaVM's Deflater initialise before the reset.
        deflater.setInput(data, 0, 0);
        deflater.setStrategy(strategy);
        deflater.reset();
      }
      byte[] out = new byte[(int) Math.min(Math.max(1024, len / 4 + 64), Integer.MAX_VALUE - 64)];
      int used = 0;
      int fed = 0;
      while (!deflater.finished()) {
        if (deflater.needsInput() && fed < len) {
          int n = Math.min(STEP, len - fed);
          deflater.setInput(data, fed, n);
          fed += n;
          if (fed == len) {
            deflater.finish();
          }
        } else if (deflater.needsInput() && fed == len && len == 0) {
          deflater.finish();
        }
        if (used == out.length) {
          out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, Integer.MAX_VALUE - 64));
        }
        used += deflater.deflate(out, used, out.length - used);
        if (used > limit) {
          return null;
        }
      }
      return Arrays.copyOf(out, used);
    } finally {
      deflater.end();
    }
  }
}
