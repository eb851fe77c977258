package dev.tegula.fuzz;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Issue 8's deterministic sweeps over one file: cut at many offsets, single-byte mutations and
 * length fields set to extreme values. Each decode runs on the calling thread and is timed.
 *
 * <p>Two sizes: the normal run (every test run, CI) samples offsets, mutations and length fields
 * by each file's decoding cost (fewer for large or slow-to-decode files, see {@link #sampled})
 * so that the three sweep classes stay within a few minutes on a loaded 2-core machine; with
 * {@code -Dtegula.sweep.full=true} they run the full counts (every offset of files up
 * to 64 KiB, 4096 spread offsets beyond, 10,000 mutations per file); add
 * {@code -Djunit.jupiter.execution.timeout.mode=disabled}, since a full sweep of a large file
 * outlasts the 10-minute guard against a hang:
 * <pre>
 * mvn -pl fuzz test -Dtest='*SweepTest' -Dtegula.sweep.full=true \
 *     -Djunit.jupiter.execution.timeout.mode=disabled
 * </pre>
 */
final class Sweep {
  static final boolean FULL = Boolean.getBoolean("tegula.sweep.full");
  /** A decode this slow twice running is a loop, not a loaded machine (the budget is 100 ms). */
  static final long HANG_NANOS = 2_000_000_000L;
  static final DecodeOptions OPTIONS = DecoderContract.OPTIONS;

  enum Kind { TRUNCATED, PARTIAL, COMPLETE, MALFORMED, UNSUPPORTED, LIMIT }

  interface Decoder {
    DecodedImage decode(byte[] data);
  }

  record Result(Kind kind, String message, DecodedImage image) {}

  /** What one sweep saw: outcome counts, the slowest decode, and contract breaches. */
  static final class Stats {
    final String name;
    final int[] counts = new int[Kind.values().length];
    final List<String> breaches = new ArrayList<>();
    int breachCount;
    long maxNanos;
    String slowest;
    int decodes;

    Stats(String name) {
      this.name = name;
    }

    void breach(String what) {
      breachCount++;
      if (breaches.size() < 1000) {
        breaches.add(what);
      }
    }

    String summary() {
      StringBuilder sb = new StringBuilder(name).append(": ").append(decodes).append(" decodes");
      for (Kind k : Kind.values()) {
        if (counts[k.ordinal()] > 0) {
          sb.append(", ").append(k.name().toLowerCase()).append(' ').append(counts[k.ordinal()]);
        }
      }
      sb.append(String.format(", slowest %.1f ms (%s)", maxNanos / 1e6, slowest));
      return sb.toString();
    }

    String breachReport() {
      return name + ": " + breachCount + " breaches of the contract, first ones:\n  "
          + String.join("\n  ", breaches.subList(0, Math.min(12, breaches.size())));
    }
  }

  private Sweep() {}

  /**
   * Decodes once, timing it. Undeclared exceptions and Errors propagate (the test fails with
   * their stack); contract breaches that do not throw are recorded in {@code stats}.
   */
  static Result run(Decoder decoder, byte[] data, String what, Stats stats) {
    long t0 = System.nanoTime();
    Result r;
    try {
      DecodedImage d = decoder.decode(data);
      r = new Result(d.complete() ? Kind.COMPLETE : Kind.PARTIAL, d.warning(), d);
      if (!d.complete() && d.warning() == null) {
        stats.breach(what + ": incomplete image without a warning");
      }
      if (d.warning() != null && DecoderContract.isMaskedBug(d.warning())) {
        stats.breach(what + ": a bug reported as damage: " + d.warning());
      }
    } catch (TegulaException e) {
      r = new Result(kindOf(e), e.getMessage(), null);
      if (DecoderContract.isMaskedBug(e.getMessage())) {
        stats.breach(what + ": a bug reported as bad input: " + e.getMessage());
      }
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": undeclared " + e, e);
    }
    long nanos = System.nanoTime() - t0;
    stats.decodes++;
    stats.counts[r.kind().ordinal()]++;
    if (nanos > stats.maxNanos) {
      stats.maxNanos = nanos;
      stats.slowest = what;
    }
    if (nanos > HANG_NANOS) {
      // A loaded machine can stall a thread for seconds; a loop is slow every time.
      long again = System.nanoTime();
      try {
        decoder.decode(data);
      } catch (TegulaException expected) {
        // the same outcome as above
      }
      again = System.nanoTime() - again;
      if (again > HANG_NANOS) {
        stats.breach(what + String.format(": took %.1f s, then %.1f s again", nanos / 1e9,
            again / 1e9));
      }
    }
    return r;
  }

  private static Kind kindOf(TegulaException e) {
    if (e instanceof TruncatedInputException) {
      return Kind.TRUNCATED;
    }
    if (e instanceof MalformedInputException) {
      return Kind.MALFORMED;
    }
    if (e instanceof UnsupportedFeatureException) {
      return Kind.UNSUPPORTED;
    }
    if (e instanceof LimitExceededException) {
      return Kind.LIMIT;
    }
    throw new AssertionError("a TegulaException of no known kind: " + e);
  }

  /**
   * How many decodes a sweep of the normal run may spend on a file: the budget divided by the
   * file's cost (declared pixels times the decoder's relative cost per pixel), within bounds.
   */
  static int sampled(double budget, long cost, int min, int max) {
    return (int) Math.max(min, Math.min(max, budget / Math.max(1, cost)));
  }

  /** The offsets to cut at, ascending, all below {@code length}. */
  static int[] cutOffsets(int length, long cost) {
    int count;
    if (FULL) {
      count = length <= 65_536 ? length : 4096;
    } else {
      count = sampled(8e6, cost, 48, 400);
    }
    if (count >= length) {
      int[] all = new int[length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    // Every offset of the first bytes (headers, where parsers branch most), the rest spread.
    int head = Math.min(128, count / 2);
    int[] offsets = new int[count];
    for (int i = 0; i < head; i++) {
      offsets[i] = i;
    }
    int spread = count - head;
    for (int i = 0; i < spread; i++) {
      offsets[head + i] = head + (int) ((long) i * (length - head) / spread);
    }
    return offsets;
  }

  static int mutationCount(long cost) {
    return FULL ? 10_000 : sampled(4e6, cost, 16, 150);
  }

  /** Length fields to try: all of them, or in the normal run an even sample of costly files'. */
  static List<Field> sampleFields(List<Field> fields, long cost) {
    int count = FULL ? fields.size() : sampled(3e6, cost, 8, fields.size());
    if (count >= fields.size()) {
      return fields;
    }
    List<Field> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chosen.add(fields.get((int) ((long) i * fields.size() / count)));
    }
    return chosen;
  }

  /**
   * Cuts {@code data} at each offset. A cut of a file that decodes must end in "truncated", or a
   * partial image flagged incomplete, or (when only a trailer was cut) the intact pixels with a
   * warning; anything else is recorded as a breach naming the offset and what the decoder said.
   */
  static Stats cuts(String name, byte[] data, long cost, Decoder decoder) {
    Stats stats = new Stats(name + " cuts");
    Result intact = run(decoder, data, name + " intact", stats);
    boolean decodes = intact.image() != null;
    for (int n : cutOffsets(data.length, cost)) {
      String what = name + " cut at " + n;
      Result r = run(decoder, Arrays.copyOf(data, n), what, stats);
      if (!decodes) {
        continue; // a damaged original: any declared outcome will do
      }
      if (n == 0 && r.kind() == Kind.MALFORMED) {
        continue; // an empty input bears no sign of its format: "not a JPEG/PNG" is fair
      }
      switch (r.kind()) {
        case TRUNCATED, PARTIAL -> { }
        case COMPLETE -> {
          if (r.message() == null) {
            stats.breach(what + ": complete, no warning: the cut went unnoticed");
          } else if (!Arrays.equals(r.image().image().rgba(), intact.image().image().rgba())) {
            stats.breach(what + ": flagged complete but the pixels differ (" + r.message() + ")");
          }
        }
        default -> stats.breach(what + ": " + r.kind().name().toLowerCase() + ": " + r.message());
      }
    }
    return stats;
  }

  /** Single-byte changes at seeded random positions: any declared outcome, no hang. */
  static Stats mutations(String name, byte[] data, long cost, Decoder decoder, Mutator extra) {
    Stats stats = new Stats(name + " mutations");
    if (data.length == 0) {
      return stats;
    }
    SplittableRandom random = new SplittableRandom(name.hashCode());
    int count = mutationCount(cost);
    for (int i = 0; i < count; i++) {
      int at = random.nextInt(data.length);
      byte value = (byte) (data[at] + 1 + random.nextInt(255));
      byte[] damaged = data.clone();
      damaged[at] = value;
      extra.apply(damaged, i);
      run(decoder, damaged, name + " byte " + at + " = " + (value & 0xFF) + " (mutation " + i
          + ")", stats);
    }
    return stats;
  }

  /** A further change after the mutation, e.g. fixing checksums so it reaches the codec. */
  interface Mutator {
    void apply(byte[] data, int index);
  }

  /** A big-endian unsigned length field: where it is and how wide (2 or 4 bytes). */
  record Field(String label, int offset, int width) {}

  /**
   * Sets each length field in turn to 0, 1, its maximum, and its value +-1: any declared
   * outcome, no hang.
   */
  static Stats lengthFields(String name, byte[] data, List<Field> fields, long cost,
      Decoder decoder, Mutator extra) {
    Stats stats = new Stats(name + " length fields");
    for (Field f : sampleFields(fields, cost)) {
      long max = f.width() == 2 ? 0xFFFFL : 0xFFFF_FFFFL;
      long value = get(data, f.offset(), f.width());
      long[] candidates = {0, 1, max, value + 1, value - 1, max >>> 1};
      for (long v : candidates) {
        if (v < 0 || v > max || v == value) {
          continue;
        }
        byte[] changed = data.clone();
        put(changed, f.offset(), f.width(), v);
        extra.apply(changed, 0);
        run(decoder, changed, name + " " + f.label() + " at " + f.offset() + " = " + v, stats);
      }
    }
    return stats;
  }

  static long get(byte[] b, int at, int width) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  static void put(byte[] b, int at, int width, long v) {
    for (int i = width - 1; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
