package dev.tegula.wasm;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Json;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;

/** .tgl compress and restore for the exports: bytes in, bytes out, facts as JSON. */
final class Compression {
  /** @param bytes the output file, handed over by {@code takeBytes()} */
  record Result(String json, byte[] bytes) {}

  private Compression() {}

  /**
   * @param data a JPEG, PNG or .tgl file, or RGBA8 pixels when {@code width} is positive
   * @param quality 0-100 for lossy; ignored when {@code lossless}
   */
  static Result compress(byte[] data, int width, int height, int quality, boolean lossless,
      int tileSize, double maxPixels) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    Image image;
    Metadata metadata = Metadata.EMPTY;
    if (width > 0) {
      Limits.DEFAULT.checkDimensions(width, height, -1);
      image = new Image(width, height, data);
    } else {
      DecodedImage d = Tegula.decode(data, new DecodeOptions(Decoding.limits(maxPixels), false));
      image = d.image();
      metadata = d.metadata();
    }
    CompressOptions options = lossless ? CompressOptions.lossless() : CompressOptions.lossy(quality);
    if (tileSize > 0) {
      options = options.withTileSize(tileSize);
    }
    byte[] tgl = Tegula.compress(image, metadata, options);
    String json = new Json()
        .put("width", image.width())
        .put("height", image.height())
        .put("lossless", options.isLossless())
        .put("quality", options.isLossless() ? 100 : options.quality())
        .put("bytes", tgl.length)
        .toString();
    return new Result(json, tgl);
  }

  /** Restores a .tgl file to PNG (ICC and EXIF kept); damaged tiles come back grey. */
  static Result restore(byte[] data, double maxPixels) {
    DecodedImage d = Tegula.restore(data, new DecodeOptions(Decoding.limits(maxPixels), false));
    byte[] png = Tegula.encodePng(d.image(), d.metadata());
    String json = new Json()
        .put("width", d.image().width())
        .put("height", d.image().height())
        .put("complete", d.complete())
        .put("warning", d.warning())
        .put("bytes", png.length)
        .toString();
    return new Result(json, png);
  }

}
