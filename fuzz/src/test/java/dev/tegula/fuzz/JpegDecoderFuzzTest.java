package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.jpeg.JpegDecoder;

/**
 * Fuzzes the JPEG decoder. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/JpegDecoderFuzzTestInputs/decode/} and are replayed by
 * every normal test run.
 */
class JpegDecoderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    DecodedImage plain = DecoderContract.check(JpegDecoder::decode, data, DecoderContract.OPTIONS);
    int orientation = plain == null ? 1 : Exif.orientation(plain.metadata().exif());
    if (orientation == 1) {
      // upright (or refused): decoding again turned upright would run the same code to the same
      // end, and half the fuzzer's time went to it
      return;
    }
    DecodedImage oriented = DecoderContract.check(
        JpegDecoder::decode, data, DecoderContract.OPTIONS.withAutoOrient(true));
    if (oriented == null) {
      throw new AssertionError("decodes as stored but not when turned upright");
    }
    boolean swaps = orientation >= 5;
    int w = swaps ? plain.image().height() : plain.image().width();
    int h = swaps ? plain.image().width() : plain.image().height();
    if (oriented.image().width() != w || oriented.image().height() != h) {
      throw new AssertionError("orientation " + orientation + " turned " + plain.image().width()
          + "x" + plain.image().height() + " into " + oriented.image().width() + "x"
          + oriented.image().height());
    }
  }
}
