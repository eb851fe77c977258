package dev.tegula.png;

import dev.tegula.core.LimitExceededException;
import dev.tegula.core.MalformedInputException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the compressed text and profile chunks (zTXt, iTXt, iCCP; PNG spec §10.3) with a hard cap
 * on the output, so that a small chunk that expands to gigabytes stops at the cap instead of
 * exhausting memory.
 */
final class BoundedInflate {
  private BoundedInflate() {}

  /**
   * @param max the most bytes the caller may keep
   * @param offset of the chunk, for messages
   * @throws LimitExceededException when the data inflates to more than {@code max} bytes
   * @throws MalformedInputException when the zlib data is damaged or ends early
   */
  static byte[] inflate(byte[] data, int off, int len, int max, long offset, String what) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, off, len);
      byte[] out = new byte[(int) Math.min(Math.max(len * 4L, 256L), max + 1L)];
      int size = 0;
      int idle = 0;
      while (!inflater.finished()) {
        if (size == out.length) {
          if (size > max) {
            throw new LimitExceededException(
                what + " inflates to more than the metadata limit of " + max + " bytes", offset);
          }
          out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, (long) max + 1));
        }
        int n = inflater.inflate(out, size, out.length - size);
        size += n;
        if (n > 0) {
          idle = 0;
        } else if (inflater.needsInput() || inflater.needsDictionary() || ++idle > 2) {
          throw new MalformedInputException(what + ": compressed data ends early", offset);
        }
      }
      if (size > max) {
        throw new LimitExceededException(
            what + " inflates to more than the metadata limit of " + max + " bytes", offset);
      }
      return size == out.length ? out : Arrays.copyOf(out, size);
    } catch (DataFormatException e) {
      throw new MalformedInputException(what + ": corrupt compressed data", offset);
    } finally {
      inflater.end();
    }
  }
}
