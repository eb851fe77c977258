package dev.tegula.fuzz;

import dev.tegula.core.DecodedImage;
import dev.tegula.jpeg.JpegDecoder;
import java.util.ArrayList;
import java.util.List;

/** Issue 8's sweeps over every JPEG of the corpus (conformance, arithmetic twins, damaged). */
class JpegSweepTest extends SweepTestBase {
  static List<String> files() {
    return Corpus.of(Corpus.Format.JPEG);
  }

  @Override
  DecodedImage decode(byte[] data) {
    return JpegDecoder.decode(data, Sweep.OPTIONS);
  }

  /** Every marker segment's length (T.81 §B.1.1.4), entropy-coded data skipped (§B.1.1.5). */
  @Override
  List<Sweep.Field> lengthFields(byte[] b) {
    List<Sweep.Field> fields = new ArrayList<>();
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        i++;
        continue;
      }
      int m = b[i + 1] & 0xFF;
      if (m == 0xFF || m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {
        i += m == 0xFF ? 1 : 2;
        continue;
      }
      if (m == 0xD9) {
        break;
      }
      fields.add(new Sweep.Field(String.format("FF%02X length", m), i + 2, 2));
      int next = i + 2 + (int) Sweep.get(b, i + 2, 2);
      if (next <= i) {
        break;
      }
      i = next;
      if (m == 0xDA) {
        while (i + 1 < b.length && !((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0
            && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7))) {
          i++;
        }
      }
    }
    return fields;
  }
}
