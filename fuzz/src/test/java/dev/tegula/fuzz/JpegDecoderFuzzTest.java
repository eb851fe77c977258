package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.jpeg.JpegDecoder;

/**
 * Fuzzes the JPEG decoder, whole and shrunk. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/JpegDecoderFuzzTestInputs/<method>/} and are replayed
 * by every normal test run.
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

  /**
   * A decode at 1/2, 1/4 or 1/8 (by the input's length, so that every JPEG seed serves): the
   * reduced IDCTs and the scaled planes and upsampling; when the whole decode succeeds too, the
   * shrunk one has its size divided, rounded up.
   */
  @FuzzTest(maxDuration = "5m")
  void decodeShrunk(byte[] data) {
    int n = 2 << (data.length % 3);
    DecodedImage shrunk = DecoderContract.check(JpegDecoder::decode, data,
        DecoderContract.OPTIONS.withJpegShrink(n));
    if (shrunk == null) {
      return;
    }
    DecodedImage whole = DecoderContract.check(JpegDecoder::decode, data, DecoderContract.OPTIONS);
    if (whole == null) {
      throw new AssertionError("decodes at 1/" + n + " but not whole");
    }
    int w = (whole.image().width() + n - 1) / n;
    int h = (whole.image().height() + n - 1) / n;
    if (shrunk.image().width() != w || shrunk.image().height() != h) {
      throw new AssertionError("1/" + n + " of " + whole.image().width() + "x"
          + whole.image().height() + " came out " + shrunk.image().width() + "x"
          + shrunk.image().height());
    }
  }
}
