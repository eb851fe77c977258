package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.tgl.TglDecoder;
import dev.tegula.tgl.TglDecoding;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Fuzzes the .tgl decoder (container and both pixel codecs). Tile checksums stop most mutations
 * at the container, so {@link #decodeWithFixedChecksums} first recomputes every chunk's CRC and
 * lets damaged data reach the lossless and lossy codecs. Findings live in
 * {@code src/test/resources/dev/tegula/fuzz/TglDecoderFuzzTestInputs/<method>/} and are replayed
 * by every normal test run.
 */
class TglDecoderFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    DecodedImage image = DecoderContract.check(
        (bytes, options) -> TglDecoder.decode(bytes, options.limits()), data,
        DecoderContract.OPTIONS);
    checkTargetRoute(data, image);
  }

  @FuzzTest(maxDuration = "5m")
  void decodeWithFixedChecksums(byte[] data) {
    byte[] fixed = data.clone();
    fixChecksums(fixed);
    DecodedImage image = DecoderContract.check(
        (bytes, options) -> TglDecoder.decode(bytes, options.limits()), fixed,
        DecoderContract.OPTIONS);
    checkTargetRoute(fixed, image);
  }

  /**
   * The WebAssembly build's route for an 8-bit image, tile by tile into a buffer that held other
   * pixels: the same pixels, completeness and warning as the image route.
   */
  static void checkTargetRoute(byte[] data, DecodedImage image) {
    if (image == null || image.image().rgba16() != null) {
      return;
    }
    BufferTarget target = DecoderContract.dirtyTarget();
    TglDecoding job = TglDecoder.start(TglDecoder.open(data, DecoderContract.OPTIONS.limits()),
        target, 1);
    for (int t = 0; t < job.tileCount(); t++) {
      job.runTile(t);
    }
    DecodeReport report = job.finishInto();
    byte[] pixels = new byte[image.image().rgba().length];
    target.buffer().get(0, pixels);
    if (!Arrays.equals(pixels, image.image().rgba()) || report.complete() != image.complete()
        || !Objects.equals(report.warning(), image.warning())) {
      throw new AssertionError("the target route differs from the image route");
    }
  }

  /** Walks the chunk framing (docs/format.md §4.1) from offset 10 and rewrites each CRC. */
  static void fixChecksums(byte[] b) {
    int at = 10;
    while (at >= 0 && b.length - at >= 12) {
      long length = ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16)
          | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
      if (length > b.length - at - 12) {
        return;
      }
      CRC32 crc = new CRC32();
      crc.update(b, at + 4, (int) length + 4);
      long v = crc.getValue();
      int end = at + 8 + (int) length;
      b[end] = (byte) (v >>> 24);
      b[end + 1] = (byte) (v >>> 16);
      b[end + 2] = (byte) (v >>> 8);
      b[end + 3] = (byte) v;
      at = end + 4;
    }
  }
}
