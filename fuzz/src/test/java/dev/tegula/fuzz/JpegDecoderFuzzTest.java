package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.Orientation;
import dev.tegula.jpeg.JpegDecoder;
import java.util.Arrays;

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
    // Turned as its rows are stored (RgbaTarget), it must equal the stored image turned whole;
    // an orientation that came only after a single-pass image's scan is reported, not applied.
    String warning = oriented.warning();
    Image expected = warning != null && warning.contains("after the image data: not applied")
        ? plain.image() : Orientation.apply(plain.image(), orientation);
    if (oriented.image().width() != expected.width()
        || oriented.image().height() != expected.height()
        || !Arrays.equals(oriented.image().rgba(), expected.rgba())) {
      throw new AssertionError("orientation " + orientation + " turned " + plain.image().width()
          + "x" + plain.image().height() + " into " + oriented.image().width() + "x"
          + oriented.image().height() + ", not as Orientation turns it");
    }
    // the WebAssembly build's route: the same rows into a ByteBuffer
    BufferTarget target = new BufferTarget();
    JpegDecoder.decode(data, DecoderContract.OPTIONS.withAutoOrient(true), target);
    byte[] pixels = new byte[expected.rgba().length];
    target.buffer().get(0, pixels);
    if (!Arrays.equals(pixels, oriented.image().rgba())) {
      throw new AssertionError("a BufferTarget holds other pixels than the image");
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
