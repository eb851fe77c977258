package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.jpeg.JpegEncoder;
import dev.tegula.jpeg.PreparedJpeg;
import dev.tegula.tgl.PreparedTgl;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import java.util.function.IntFunction;

/**
 * A target search's lossy encoder: {@link CompressPipeline#encodeLossy} at each code, the same
 * bytes, but the image is prepared once per chroma side ({@link PreparedJpeg}: colour
 * conversion, downsampling, DCT and masking analysis; {@link PreparedTgl}: the tiles' colour
 * transform, lapping, DCT and AQ levels) instead of at every encode. Only the side last encoded
 * is kept: its coefficients cost about 3 (4:2:0) to 6 (4:4:4) bytes a pixel, and a search
 * rarely changes side (2 of 936 JPEG SSIM searches of the landing sets encode both).
 */
final class SearchEncoder implements IntFunction<byte[]> {
  private final Image image;
  private final Metadata metadata;
  private final CompressOptions options;
  private PreparedJpeg jpeg;
  private PreparedTgl tgl;

  SearchEncoder(Image image, Metadata metadata, CompressOptions options) {
    this.image = image;
    this.metadata = metadata;
    this.options = options;
  }

  @Override
  public byte[] apply(int code) {
    if (options.format() == ImageFormat.JPEG) {
      JpegEncodeOptions o = CompressPipeline.jpegOptions(options, code);
      if (jpeg == null || !jpeg.accepts(o)) {
        jpeg = null; // the other side's coefficients go before this side's are made
        jpeg = JpegEncoder.prepare(image, o);
      }
      return jpeg.encode(metadata, o);
    }
    TglEncodeOptions o = CompressPipeline.tglOptions(options, code);
    if (tgl == null || !tgl.accepts(o)) {
      tgl = null;
      tgl = TglEncoder.prepare(image, o);
    }
    return tgl.encode(metadata, o);
  }
}
