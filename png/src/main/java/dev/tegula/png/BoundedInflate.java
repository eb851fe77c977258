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
        if (inflater.needsDictionary()) {
          throw new MalformedInputException(what + ": asks for a preset dictionary", offset);
        }
        // Called even without input left: TeaVM's inflater may still hold decoded output (and
        // reports "no progress" as an error where the JDK's returns 0).
        boolean starving = inflater.needsInput();
        int remaining = inflater.getRemaining();
        int n;
        try {
          n = inflater.inflate(out, size, out.length - size);
        } catch (DataFormatException | RuntimeException e) {
          if (!starving) {
            throw new MalformedInputException(what + ": corrupt compressed data", offset);
          }
          n = 0;
        }
        if (n == 0 && starving) {
          throw new MalformedInputException(what + ": compressed data ends early", offset);
        }
        size += n;
        idle = n > 0 || inflater.getRemaining() < remaining ? 0 : idle + 1;
        if (idle > 2) {
          throw new MalformedInputException(what + ": compressed data makes no progress", offset);
        }
      }
      if (size > max) {
        throw new LimitExceededException(
            what + " inflates to more than the metadata limit of " + max + " bytes", offset);
      }
      return size == out.length ? out : Arrays.copyOf(out, size);
    } finally {
      inflater.end();
    }
  }
}
