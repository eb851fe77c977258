package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.api.Tegula;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.TegulaException;

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
}
