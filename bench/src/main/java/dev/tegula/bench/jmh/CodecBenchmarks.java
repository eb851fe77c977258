package dev.tegula.bench.jmh;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.bench.ImageIoCodec;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every Tegula decoder and encoder on one 1.71 MP photo ({@link BenchImages}), one thread, with
 * ImageIO's JPEG and PNG codecs on the same files as the baseline of the same run. Milliseconds
 * per image; scripts/bench-jvm turns them into MP/s and ratios against ImageIO.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CodecBenchmarks {
  private BenchImages images;
  private BufferedImage buffered;
  private CompressOptions thumbnail;

  @Setup
  public void setUp() {
    images = BenchImages.get();
    thumbnail = CompressOptions.lossy(BenchImages.QUALITY).withFormat(ImageFormat.JPEG)
        .withMaxDimension(Math.max(images.photo.width(), images.photo.height()) / 8);
    buffered = ImageIoCodec.toBufferedImage(images.photo);
    ImageIO.setUseCache(false);
  }

  @Benchmark
  public Object jpegDecodeTegula() {
    return Tegula.decode(images.jpeg);
  }

  /** The same file decoded at 1/2 (DecodeOptions.jpegShrink: the reduced IDCT). */
  @Benchmark
  public Object jpegDecodeTegulaHalf() {
    return Tegula.decode(images.jpeg, DecodeOptions.DEFAULT.withJpegShrink(2));
  }

  @Benchmark
  public Object jpegDecodeTegulaQuarter() {
    return Tegula.decode(images.jpeg, DecodeOptions.DEFAULT.withJpegShrink(4));
  }

  /**
   * A JPEG thumbnail, a q75 JPEG fitted within an eighth of the photo's longer side, as {@code
   * compress --max-dim} makes it: decoded at 1/2 first (shrink on load).
   */
  @Benchmark
  public Object jpegThumbnailShrunk() {
    return Tegula.compressFile(images.jpeg, thumbnail, Limits.DEFAULT);
  }

  /** {@link #jpegThumbnailShrunk} from a whole decode: the baseline of the same run. */
  @Benchmark
  public Object jpegThumbnailWhole() {
    return Tegula.compress(Tegula.decode(images.jpeg), thumbnail);
  }

  @Benchmark
  public Object jpegDecodeImageIo() throws IOException {
    return ImageIO.read(new ByteArrayInputStream(images.jpeg));
  }

  @Benchmark
  public Object pngDecodeTegula() {
    return Tegula.decode(images.png);
  }

  @Benchmark
  public Object pngDecodeImageIo() throws IOException {
    return ImageIO.read(new ByteArrayInputStream(images.png));
  }

  @Benchmark
  public Object tglDecodeLossyQ75() {
    return Tegula.decode(images.tglLossy);
  }

  @Benchmark
  public Object tglDecodeLossless() {
    return Tegula.decode(images.tglLossless);
  }

  @Benchmark
  public Object jpegEncodeTegulaQ75() {
    return Tegula.encodeJpeg(images.photo, Metadata.EMPTY,
        JpegEncodeOptions.ofQuality(BenchImages.QUALITY));
  }

  @Benchmark
  public Object jpegEncodeImageIoQ75() throws IOException {
    return ImageIoCodec.jpeg(buffered, BenchImages.QUALITY / 100f);
  }

  @Benchmark
  public Object pngEncodeTegula() {
    return Tegula.encodePng(images.photo, Metadata.EMPTY);
  }

  @Benchmark
  public Object pngEncodeImageIo() throws IOException {
    return ImageIoCodec.png(buffered);
  }

  @Benchmark
  public Object tglEncodeLossyQ75() {
    return Tegula.compress(images.photo, Metadata.EMPTY, CompressOptions.lossy(BenchImages.QUALITY));
  }

  @Benchmark
  public Object tglEncodeLossless() {
    return Tegula.compress(images.photo, Metadata.EMPTY, CompressOptions.lossless());
  }
}
