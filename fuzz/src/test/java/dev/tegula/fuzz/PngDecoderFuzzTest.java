package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.png.PngDecoder;

/**
 * Fuzzes the PNG decoder. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/PngDecoderFuzzTestInputs/decode/} and are replayed by
 * every normal test run.
 */
class PngDecoderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    DecoderContract.check(PngDecoder::decode, data, DecoderContract.OPTIONS);
  }
}
