package dev.tegula.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.DecodedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three sweeps of issue 8 over every corpus file of one format (see {@link Sweep}); each
 * subclass names its files ({@code static List<String> files()}), its decoder and where its
 * length fields are. Every breach is listed in the failure, with the offset and what the decoder
 * said; the slowest decode of each sweep is printed (surefire keeps it in the report).
 */
abstract class SweepTestBase {
  abstract DecodedImage decode(byte[] data);

  /** The big-endian length fields of this format's framing. */
  abstract List<Sweep.Field> lengthFields(byte[] data);

  /** Decoding cost per pixel relative to the JPEG decoder, to size the normal run's samples. */
  int costPerPixel() {
    return 1;
  }

  /** Declared pixels times the cost per pixel (a file without a readable header costs 1). */
  private long cost(byte[] data) {
    return MemoryBoundTest.declaredPixels(data) * costPerPixel() + 1;
  }

  /** A change applied after each mutation (e.g. fixing checksums); none by default. */
  void afterMutation(byte[] data, int index) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void cutAtManyOffsets(String name) {
    byte[] data = Corpus.bytes(name);
    check(Sweep.cuts(name, data, cost(data), this::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void singleByteMutations(String name) {
    byte[] data = Corpus.bytes(name);
    check(Sweep.mutations(name, data, cost(data), this::decode, this::afterMutation));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void lengthFieldsAtTheirLimits(String name) {
    byte[] data = Corpus.bytes(name);
    check(Sweep.lengthFields(name, data, lengthFields(data), cost(data), this::decode,
        this::afterMutation));
  }

  private static void check(Sweep.Stats stats) {
    System.out.println(stats.summary());
    stats.breaches.forEach(b -> System.out.println("  breach: " + b));
    assertEquals(0, stats.breachCount, stats::breachReport);
  }
}
