package dev.tegula.fuzz;

import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.nio.ByteBuffer;

/**
 * The contract every decoder keeps on any input: it returns a well-formed image or throws a
 * {@link TegulaException}. Anything else (another exception, an Error) propagates and is a finding.
 */
final class DecoderContract {
  /**
   * Fuzzing limits: small enough that a header declaring a huge image is refused instead of
   * slowing the fuzzer down (a mutated JPEG frame of 4 MP ran the JPEG target at 8 inputs a
   * second), large enough for every test file (the largest has 857,304 pixels).
   */
  static final DecodeOptions OPTIONS =
      new DecodeOptions(Limits.DEFAULT.withMaxPixels(1 << 20).withMaxScans(100), false);

  private DecoderContract() {}

  interface Decoder {
    DecodedImage decode(byte[] data, DecodeOptions options);
  }

  /** The decoded image, or null when the decoder refused the input as it may. */
  static DecodedImage check(Decoder decoder, byte[] data, DecodeOptions options) {
    DecodedImage d;
    try {
      d = decoder.decode(data, options);
    } catch (TegulaException expected) {
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        throw new AssertionError("exception without a message", expected);
      }
      if (isMaskedBug(expected.getMessage())) {
        throw new AssertionError("a bug reported as bad input: " + expected.getMessage(), expected);
      }
      return null;
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
    if (d.warning() != null && isMaskedBug(d.warning())) {
      throw new AssertionError("a bug reported as damage: " + d.warning());
    }
    return d;
  }

  /**
   * The JPEG decoder turns any RuntimeException escaping it into "internal decoder error (...)"
   * and the .tgl decoder turns one in a tile into a grey tile "its data does not decode
   * (java.lang...)": right for users, but to the fuzzer and the sweeps they are bugs.
   */
  static boolean isMaskedBug(String message) {
    return message.contains("internal decoder error") || message.contains("does not decode (");
  }

  /**
   * A target whose buffer held other pixels (bytes 0x5A), as the WebAssembly build's reused
   * buffer in linear memory does: a decode into it must write every pixel.
   */
  static BufferTarget dirtyTarget() {
    return new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        byte[] old = new byte[bytes];
        java.util.Arrays.fill(old, (byte) 0x5A);
        return ByteBuffer.wrap(old);
      }
    };
  }
}
