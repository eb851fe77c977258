package dev.tegula.fuzz;

import dev.tegula.core.DecodedImage;
import dev.tegula.png.PngDecoder;
import java.util.ArrayList;
import java.util.List;

/** Issue 8's sweeps over every PNG of the corpus (conformance, PngSuite, photos, damaged). */
class PngSweepTest extends SweepTestBase {
  static List<String> files() {
    return Corpus.of(Corpus.Format.PNG);
  }

  @Override
  DecodedImage decode(byte[] data) {
    return PngDecoder.decode(data, Sweep.OPTIONS);
  }

  /** Every chunk's length (PNG spec §5.3). */
  @Override
  List<Sweep.Field> lengthFields(byte[] b) {
    List<Sweep.Field> fields = new ArrayList<>();
    int i = 8;
    while (i + 8 <= b.length) {
      String type = new String(b, i + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      fields.add(new Sweep.Field(type + " length", i, 4));
      long length = Sweep.get(b, i, 4);
      if (length > b.length - i - 12) {
        break;
      }
      i += 12 + (int) length;
    }
    return fields;
  }
}
