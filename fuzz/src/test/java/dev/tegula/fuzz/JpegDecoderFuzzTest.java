package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.jpeg.JpegDecoder;

/**
 * Fuzzes the JPEG decoder. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/JpegDecoderFuzzTestInputs/decode/} and are replayed by
 * every normal test run.
 */
class JpegDecoderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    DecoderContract.check(JpegDecoder::decode, data, DecoderContract.OPTIONS);
    DecoderContract.check(
        JpegDecoder::decode, data, DecoderContract.OPTIONS.withAutoOrient(true));
  }
}
