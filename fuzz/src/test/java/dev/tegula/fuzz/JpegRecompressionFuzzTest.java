package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import dev.tegula.recompress.JpegCompression;
import dev.tegula.recompress.JpegRecompression;
import java.util.Arrays;

/**
 * Fuzzes JPEG recompression (docs/format-jpeg.md). {@link #restore} and {@link
 * #restoreWithFixedChecksums} feed damaged mode-2 .tgl files to the restore, which must return
 * the original or throw a {@link TegulaException} (a wrong JPEG would need a SHA-256 collision);
 * {@link #compressThenRestore} feeds any bytes as a JPEG, which must come back byte for byte with
 * either coefficient coding (content 0 and the fast content 2).
 * Seeds and findings live in {@code src/test/resources/dev/tegula/fuzz/
 * JpegRecompressionFuzzTestInputs/<method>/} and are replayed by every normal test run.
 */
class JpegRecompressionFuzzTest {
  private static final Limits LIMITS = DecoderContract.OPTIONS.limits();

  @FuzzTest(maxDuration = "5m")
  void restore(byte[] data) {
    restoreOrFail(data);
    DecoderContract.check(JpegRecompression::restore, data, DecoderContract.OPTIONS);
  }

  @FuzzTest(maxDuration = "5m")
  void restoreWithFixedChecksums(byte[] data) {
    byte[] fixed = data.clone();
    TglDecoderFuzzTest.fixChecksums(fixed);
    restoreOrFail(fixed);
  }

  @FuzzTest(maxDuration = "5m")
  void compressThenRestore(byte[] jpeg) {
    for (int coding : new int[] {JpegRecompression.CODING_ADAPTIVE,
        JpegRecompression.CODING_FAST}) {
      JpegCompression c = JpegRecompression.compressDetailed(jpeg, LIMITS, coding);
      byte[] back = JpegRecompression.restoreJpeg(c.tgl(), LIMITS);
      if (!Arrays.equals(jpeg, back)) {
        throw new AssertionError("the restored file differs from the input ("
            + (c.modelled() ? "modelled, coding " + coding : "verbatim") + ")");
      }
    }
  }

  private static void restoreOrFail(byte[] data) {
    try {
      JpegRecompression.restoreJpeg(data, LIMITS);
    } catch (TegulaException expected) {
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        throw new AssertionError("exception without a message", expected);
      }
      if (DecoderContract.isMaskedBug(expected.getMessage())) {
        throw new AssertionError("a bug reported as bad input: " + expected.getMessage(),
            expected);
      }
    }
  }
}
