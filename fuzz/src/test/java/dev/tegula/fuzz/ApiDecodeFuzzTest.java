package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.BufferTarget;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.util.Arrays;
import java.util.Objects;

/** Fuzzes format detection, header reading and decoding through the facade, as every caller uses it. */
class ApiDecodeFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void readInfoThenDecode(byte[] data) {
    try {
      ImageInfo info = Tegula.readInfo(data, DecoderContract.OPTIONS.limits());
      if (info.width() < 1 || info.height() < 1) {
        throw new AssertionError("readInfo returned an empty size");
      }
    } catch (TegulaException expected) {
      // Declared failure: fine.
    }
    DecoderContract.check(Tegula::decode, data, DecoderContract.OPTIONS);
  }

  /**
   * The browser's tiled compress prepares a file either way: {@link Tegula#prepareInto} (straight
   * into a target) must give what {@link Tegula#prepare} of {@link Tegula#decodeForCompress}
   * gives, pixels, size and metadata, or decline; and refuse exactly what that refuses. The first
   * byte picks the options (keep the orientation, strip, strip the location).
   */
  @FuzzTest(maxDuration = "5m")
  void prepareIntoMatchesPrepare(byte[] input) {
    if (input.length < 1) {
      return;
    }
    int pick = input[0];
    byte[] data = Arrays.copyOfRange(input, 1, input.length);
    CompressOptions o = CompressOptions.lossy(75).withKeepOrientation((pick & 1) != 0)
        .withStripMetadata((pick & 2) != 0).withStripGps((pick & 4) != 0);
    Limits limits = DecoderContract.OPTIONS.limits();
    DecodedImage prepared = null;
    TegulaException refused = null;
    try {
      prepared = Tegula.prepare(Tegula.decodeForCompress(data, o, limits), o);
    } catch (TegulaException e) {
      refused = e;
    }
    BufferTarget target = new BufferTarget();
    DecodeReport report;
    try {
      report = Tegula.prepareInto(data, o, limits, target);
    } catch (TegulaException e) {
      if (refused == null) {
        throw new AssertionError("prepareInto refused what prepare took: " + e.getMessage(), e);
      }
      return;
    }
    if (refused != null) {
      if (report != null) {
        throw new AssertionError("prepareInto took what prepare refused: " + refused.getMessage());
      }
      return;
    }
    if (report == null) {
      return;
    }
    if (report.width() != prepared.image().width() || report.height() != prepared.image().height()
        || report.complete() != prepared.complete()
        || !Arrays.equals(report.metadata().exif(), prepared.metadata().exif())
        || !Arrays.equals(report.metadata().icc(), prepared.metadata().icc())
        || !Arrays.equals(report.metadata().xmp(), prepared.metadata().xmp())
        || !Objects.equals(report.metadata().text(), prepared.metadata().text())) {
      throw new AssertionError("prepareInto's report differs from prepare's");
    }
    byte[] pixels = new byte[report.width() * report.height() * 4];
    target.buffer().duplicate().get(pixels);
    if (!Arrays.equals(pixels, prepared.image().rgba())) {
      throw new AssertionError("prepareInto's pixels differ from prepare's");
    }
  }
}
