package dev.tegula.cli.eval;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import java.util.Arrays;

/** Deterministic lossy stand-ins for tests: posterised PNG, optionally padded to twice the size. */
final class FakeCodecs {
  private FakeCodecs() {}

  /** Quantises R, G, B to 2 + quality/4 levels and stores the result as PNG. */
  static EvalCodec posterise(String name) {
    return new EvalCodec() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean lossless() {
        return false;
      }

      @Override
      public byte[] encode(Image image, int quality) {
        int levels = 2 + quality / 4;
        byte[] p = image.rgba().clone();
        for (int i = 0; i < p.length; i++) {
          if ((i & 3) != 3) {
            int level = ((p[i] & 0xFF) * (levels - 1) + 127) / 255;
            p[i] = (byte) ((level * 255 + (levels - 1) / 2) / (levels - 1));
          }
        }
        return Tegula.encodePng(new Image(image.width(), image.height(), p), null);
      }

      @Override
      public Image decode(byte[] data) {
        return Tegula.decode(data).image();
      }
    };
  }

  /** The same pixels as {@code codec}, in files exactly twice as long (zero padding after IEND). */
  static EvalCodec doubled(EvalCodec codec, String name) {
    return new EvalCodec() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean lossless() {
        return codec.lossless();
      }

      @Override
      public byte[] encode(Image image, int quality) {
        byte[] data = codec.encode(image, quality);
        return Arrays.copyOf(data, 2 * data.length);
      }

      @Override
      public Image decode(byte[] data) {
        return codec.decode(Arrays.copyOf(data, data.length / 2));
      }
    };
  }
}
