package dev.tegula.api;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngDecoder;
import dev.tegula.png.PngEncoder;

/**
 * The one entry point every caller uses (CLI, server, Wasm exports, tests): format detection,
 * header probing, decoding and encoding. No caller reaches into a format's internals.
 */
public final class Tegula {
  private Tegula() {}

  /** The format of {@code data} by its signature, or null when it is none Tegula reads. */
  public static ImageFormat detect(byte[] data) {
    requireData(data);
    if (JpegDecoder.looksLikeJpeg(data)) {
      return ImageFormat.JPEG;
    }
    if (PngDecoder.looksLikePng(data)) {
      return ImageFormat.PNG;
    }
    return null;
  }

  /** Reads only the headers: size, format variant, subsampling, bit depth, orientation. */
  public static ImageInfo readInfo(byte[] data, Limits limits) {
    return switch (requireFormat(data)) {
      case JPEG -> JpegDecoder.readInfo(data, limits);
      case PNG -> PngDecoder.readInfo(data, limits);
    };
  }

  public static ImageInfo readInfo(byte[] data) {
    return readInfo(data, Limits.DEFAULT);
  }

  /** Decodes any supported file to RGBA8 (and RGBA16 for 16-bit PNG). */
  public static DecodedImage decode(byte[] data, DecodeOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    return switch (requireFormat(data)) {
      case JPEG -> JpegDecoder.decode(data, options);
      case PNG -> PngDecoder.decode(data, options);
    };
  }

  public static DecodedImage decode(byte[] data) {
    return decode(data, DecodeOptions.DEFAULT);
  }

  /** Encodes an image as PNG, carrying ICC and EXIF from {@code metadata} (may be null). */
  public static byte[] encodePng(Image image, Metadata metadata) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    return PngEncoder.encode(image, metadata == null ? Metadata.EMPTY : metadata,
        PngEncodeOptions.DEFAULT);
  }

  /**
   * Quality of {@code test} against {@code reference}: PSNR, SSIM, MS-SSIM (see
   * {@link dev.tegula.metrics.Metrics}), with the per-pixel SSIM map when {@code withMap}.
   *
   * @throws IllegalArgumentException when an image is null or the sizes differ
   */
  public static dev.tegula.metrics.Comparison compare(Image reference, Image test,
      boolean withMap) {
    return dev.tegula.metrics.Metrics.compare(reference, test, withMap);
  }

  private static ImageFormat requireFormat(byte[] data) {
    ImageFormat format = detect(data);
    if (format == null) {
      throw new MalformedInputException(describeUnknown(data), 0);
    }
    return format;
  }

  private static void requireData(byte[] data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
  }

  private static String describeUnknown(byte[] data) {
    if (data.length == 0) {
      return "empty input";
    }
    StringBuilder sb = new StringBuilder("not a JPEG or PNG file: starts with");
    for (int i = 0; i < Math.min(4, data.length); i++) {
      int b = data[i] & 0xFF;
      sb.append(" 0x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
    return sb.toString();
  }
}
