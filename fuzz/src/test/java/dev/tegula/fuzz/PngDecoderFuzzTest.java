package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodedImage;
import dev.tegula.png.PngDecoder;
import java.util.Arrays;

/**
 * Fuzzes the PNG decoder. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/PngDecoderFuzzTestInputs/decode/} and are replayed by
 * every normal test run.
 */
class PngDecoderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    DecodedImage image = DecoderContract.check(PngDecoder::decode, data, DecoderContract.OPTIONS);
    if (image == null) {
      return;
    }
    // The WebAssembly build's route, into a buffer that held other pixels: the same 8-bit pixels,
    // rows the data never reached transparent black.
    BufferTarget target = DecoderContract.dirtyTarget();
    PngDecoder.decode(data, DecoderContract.OPTIONS, target);
    byte[] pixels = new byte[image.image().rgba().length];
    target.buffer().get(0, pixels);
    if (!Arrays.equals(pixels, image.image().rgba())) {
      throw new AssertionError("a BufferTarget holds other pixels than the image");
    }
  }
}
