package dev.tegula.fuzz;

import dev.tegula.core.DecodedImage;
import dev.tegula.tgl.TglDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8's sweeps over the .tgl version corpus. Every other mutation has its chunk CRCs fixed
 * afterwards (as the fuzz target does), and so do the length-field changes, so that damage
 * reaches the tile index, the plane framing and the pixel codecs instead of stopping at a CRC.
 */
class TglSweepTest extends SweepTestBase {
  static List<String> files() {
    return Corpus.of(Corpus.Format.TGL);
  }

  /** Both routes: the image, and tile by tile into a target (the WebAssembly build's). */
  @Override
  DecodedImage decode(byte[] data) {
    DecodedImage image = TglDecoder.decode(data, Sweep.OPTIONS.limits());
    TglDecoderFuzzTest.checkTargetRoute(data, image);
    return image;
  }

  /** The lossless codec decodes some 0.2-0.5 MP/s, far slower than JPEG. */
  @Override
  int costPerPixel() {
    return 20;
  }

  @Override
  void afterMutation(byte[] data, int index) {
    if (index % 2 == 0) {
      TglDecoderFuzzTest.fixChecksums(data);
    }
  }

  /** Chunk lengths (format.md §4.1), TIDX count and sizes (§7.2), plane lengths (§8.1). */
  @Override
  List<Sweep.Field> lengthFields(byte[] b) {
    List<Sweep.Field> fields = new ArrayList<>();
    int i = 10;
    while (i + 12 <= b.length) {
      String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
      long length = Sweep.get(b, i, 4);
      fields.add(new Sweep.Field(type + " length", i, 4));
      if (length > b.length - i - 12) {
        break;
      }
      int data = i + 8;
      if (type.equals("TIDX") && length >= 4) {
        fields.add(new Sweep.Field("TIDX tile count", data, 4));
        for (int at = data + 4; at + 4 <= data + length; at += 4) {
          fields.add(new Sweep.Field("TIDX tile size", at, 4));
        }
      }
      if (type.equals("TILE") && length >= 5) {
        int planes = b[data + 4] & 0xFF;
        int at = data + 5;
        for (int p = 0; p < planes && at + 6 <= data + length; p++) {
          fields.add(new Sweep.Field("TILE plane length", at + 2, 4));
          at += 6 + (int) Math.min(Sweep.get(b, at + 2, 4), Integer.MAX_VALUE - at - 6);
        }
      }
      i += 12 + (int) length;
    }
    return fields;
  }
}
