package dev.tegula.fuzz;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;

/**
 * The contract every decoder keeps on any input: it returns a well-formed image or throws a
 * {@link TegulaException}. Anything else (another exception, an Error) propagates and is a finding.
 */
final class DecoderContract {
  /**
   * Fuzzing limits: small enough that a header declaring a huge image is refused instead of
   * slowing the fuzzer down, large enough for every test file.
   */
  static final DecodeOptions OPTIONS =
      new DecodeOptions(Limits.DEFAULT.withMaxPixels(4_000_000).withMaxScans(100), false);

  private DecoderContract() {}

  interface Decoder {
    DecodedImage decode(byte[] data, DecodeOptions options);
  }

  static void check(Decoder decoder, byte[] data, DecodeOptions options) {
    DecodedImage d;
    try {
      d = decoder.decode(data, options);
    } catch (TegulaException expected) {
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        throw new AssertionError("exception without a message", expected);
      }
      return;
    }
    if (d == null || d.image() == null || d.info() == null || d.metadata() == null) {
      throw new AssertionError("decoder returned an incomplete result");
    }
    long pixels = (long) d.image().width() * d.image().height();
    if (pixels > options.limits().maxPixels()) {
      throw new AssertionError("image of " + pixels + " pixels passed the limit");
    }
    if (!d.complete() && d.warning() == null) {
      throw new AssertionError("incomplete image without a warning");
    }
  }
}
