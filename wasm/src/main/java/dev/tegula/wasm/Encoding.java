package dev.tegula.wasm;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Json;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.core.UnsupportedFeatureException;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngEncoder;
import org.teavm.jso.JSExport;

/**
 * tegula.js's compress with every option (format, quality, target size or SSIM, resize, grey,
 * metadata): the options come as one {@link EncodeRequest} string, the source is a JPEG, PNG or
 * .tgl file ({@code width} 0) or RGBA8 pixels with the packed metadata that goes with them.
 * Reached from JavaScript as {@code exports.encoder()}; results are JSON as in {@link
 * TegulaExports}, bytes wait for the take methods.
 */
public final class Encoding {
  static final Encoding INSTANCE = new Encoding();

  private byte[] pendingBytes;
  private byte[] pendingPixels;
  private byte[] pendingMetadata;

  private Encoding() {}

  /**
   * Encodes one image whole: JSON {@code {width, height, format, quality, lossless, encodes,
   * bytes}} ({@code quality} is the one chosen when a target size or SSIM was asked for, {@code
   * encodes} how many encodes that took) with the file waiting for {@link #takeBytes}.
   */
  @JSExport
  public String encode(byte[] data, int width, int height, byte[] metadata, String options) {
    clear();
    return Replies.of(() -> {
      EncodeRequest r = EncodeRequest.parse(options);
      Source s = prepared(data, width, height, metadata, r);
      if (r.searches()) {
        throw new UnsupportedFeatureException(
            "maxSizeBytes and targetSsim need the codec's target search, not in this build");
      }
      pendingBytes = encodeOnce(s.image, s.metadata, r, r.quality);
      return facts(s.image, r, r.lossless ? 100 : r.quality, 1, pendingBytes.length);
    });
  }

  /**
   * The first step of a compress spread over tiles: decodes a file (or takes pixels), turns it
   * upright, resizes and greys it as asked, and leaves its 8-bit RGBA for {@link #takePixels} and
   * its metadata (what the output keeps, packed) for {@link #takeMetadata}. JSON {@code {width,
   * height, sixteen}}: {@code sixteen} when 16-bit samples remain, which only a whole-image
   * lossless encode keeps.
   */
  @JSExport
  public String prepare(byte[] data, int width, int height, byte[] metadata, String options) {
    clear();
    return Replies.of(() -> {
      EncodeRequest r = EncodeRequest.parse(options);
      Source s = prepared(data, width, height, metadata, r);
      pendingPixels = s.image.rgba();
      pendingMetadata = MetadataPacking.pack(s.metadata);
      return new Json()
          .put("width", s.image.width())
          .put("height", s.image.height())
          .put("sixteen", s.image.has16BitSamples())
          .toString();
    });
  }

  @JSExport
  public byte[] takeBytes() {
    byte[] b = pendingBytes;
    pendingBytes = null;
    return b;
  }

  @JSExport
  public byte[] takePixels() {
    byte[] p = pendingPixels;
    pendingPixels = null;
    return p;
  }

  @JSExport
  public byte[] takeMetadata() {
    byte[] m = pendingMetadata;
    pendingMetadata = null;
    return m;
  }

  private record Source(Image image, Metadata metadata) {}

  /** The image as it will be encoded: upright (unless kept as stored), resized, grey, stripped. */
  private static Source prepared(byte[] data, int width, int height, byte[] packed,
      EncodeRequest r) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    Limits limits = r.maxPixels > 0 ? Limits.DEFAULT.withMaxPixels(r.maxPixels) : Limits.DEFAULT;
    Image image;
    Metadata metadata;
    if (width > 0) {
      limits.checkDimensions(width, height, -1);
      image = new Image(width, height, data);
      metadata = MetadataPacking.unpack(packed);
    } else {
      DecodedImage d = Tegula.decode(data, new DecodeOptions(limits, !r.keepOrientation));
      image = d.image();
      metadata = d.metadata();
      if (!r.keepOrientation && metadata.exif() != null) {
        // the pixels are upright now: a viewer must not turn them again
        metadata = new Metadata(metadata.icc(), Exif.withUprightOrientation(metadata.exif()),
            metadata.xmp(), metadata.text());
      }
    }
    if (r.maxDimension > 0 || (r.grayscale && !r.format.equals("jpeg"))) {
      throw new UnsupportedFeatureException(
          "maxWidthOrHeight, and grayscale outside JPEG, need the codec's transforms, not in this build");
    }
    if (r.stripGps && !r.strip) {
      throw new UnsupportedFeatureException("stripGps needs the codec's EXIF editor, not in this build");
    }
    return new Source(image, r.strip ? Metadata.EMPTY : metadata);
  }

  private static byte[] encodeOnce(Image image, Metadata metadata, EncodeRequest r, int quality) {
    switch (r.format) {
      case "jpeg":
        if (r.lossless) {
          throw new IllegalArgumentException("JPEG output is lossy: lossless needs tgl or png");
        }
        return Tegula.encodeJpeg(image, metadata,
            JpegEncodeOptions.ofQuality(quality).withGrayscale(r.grayscale));
      case "png":
        return PngEncoder.encode(image, metadata,
            PngEncodeOptions.DEFAULT.withEffort(r.pngEffort));
      default:
        CompressOptions o = r.lossless ? CompressOptions.lossless() : CompressOptions.lossy(quality);
        return Tegula.compress(image, metadata, o.withTileSize(r.tileSize));
    }
  }

  private static String facts(Image image, EncodeRequest r, int quality, int encodes, int bytes) {
    return new Json()
        .put("width", image.width())
        .put("height", image.height())
        .put("format", r.format)
        .put("quality", quality)
        .put("lossless", r.lossless)
        .put("encodes", encodes)
        .put("bytes", bytes)
        .toString();
  }

  private void clear() {
    pendingBytes = null;
    pendingPixels = null;
    pendingMetadata = null;
  }
}
