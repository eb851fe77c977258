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
 * rarely changes side (2 of 936 JPEG SSIM searches of the landing sets encode both). The
 * probes' mosaics ({@link MosaicCurve}, {@link JpegProbe}, {@link TglMosaicCurve}) are coded
 * through one too.
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

  /**
   * An encoder of {@code image} (a probe's mosaic) at options given per encode, without
   * metadata: a probe codes its mosaic at several qualities and shares the preparation too.
   */
  SearchEncoder(Image image) {
    this(image, Metadata.EMPTY, null);
  }

  @Override
  public byte[] apply(int code) {
    return options.format() == ImageFormat.JPEG
        ? jpeg(CompressPipeline.jpegOptions(options, code))
        : tgl(CompressPipeline.tglOptions(options, code));
  }

  /** The bytes {@link JpegEncoder#encode} gives for the image and metadata with {@code o}. */
  byte[] jpeg(JpegEncodeOptions o) {
    if (jpeg == null || !jpeg.accepts(o)) {
      jpeg = null; // the other side's coefficients go before this side's are made
      jpeg = JpegEncoder.prepare(image, o);
    }
    return jpeg.encode(metadata, o);
  }

  /** The bytes {@link TglEncoder#encode} gives for the image and metadata with {@code o}. */
  byte[] tgl(TglEncodeOptions o) {
    if (tgl == null || !tgl.accepts(o)) {
      tgl = null;
      tgl = TglEncoder.prepare(image, o);
    }
    return tgl.encode(metadata, o);
  }
}
