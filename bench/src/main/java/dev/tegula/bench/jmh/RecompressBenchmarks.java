package dev.tegula.bench.jmh;

import dev.tegula.api.JpegCoding;
import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.recompress.JpegCompression;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JPEG recompression (issue 7, docs/format-jpeg.md) on one thread: {@code Tegula} compress with
 * JPEG-lossless, restore to the original JPEG, restore straight to pixels, and the jpeg module's
 * decode of the same JPEG as the baseline of the same run. Issue 7's targets are MB of input JPEG
 * per second (compress >= 5, restore >= 15).
 *
 * <p><b>Input.</b> The photo of {@link BenchImages} (the corpus flower beside its mirror image,
 * 2268x756 = 1.71 MP) as two JPEGs made at set-up by Tegula's own encoder, since the repository
 * holds no cjpeg-made JPEG of a photo this large: {@code baseline} = 4:2:0, quality 85, libjpeg's
 * Annex K tables scaled as cjpeg scales them, the typical Huffman tables, plain rounding (what
 * {@code cjpeg -quality 85} writes, up to the encoder's own DCT and colour conversion rounding);
 * {@code progressive} = the same, progressive with optimized tables (Tegula's scan script). Set-up
 * checks that both are modelled (not stored verbatim) and restore byte for byte.
 *
 * <p><b>Reading the results.</b> Throughput per microsecond, so that the secondary result
 * {@code jpegBytes} (bytes of input JPEG per microsecond) <i>is</i> MB/s (10^6 bytes per second);
 * the primary result (operations per microsecond) times the JPEG's size gives the same. Compare
 * each job with {@code jpegDecode} of the same {@code photo} in the same run, e.g. restore / JPEG
 * decode. Run: {@code ./tegula bench --jvm --filter Recompress} (scripts/bench-jvm; JMH's own
 * summary at the end lists the {@code :jpegBytes} rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecompressBenchmarks {
  static final int QUALITY = 85;

  @Param({"baseline", "progressive"})
  public String photo;

  private byte[] jpeg;
  private byte[] tgl;
  /** The same JPEG with the adaptive coefficient coding (content 0, --jpeg-coding adaptive). */
  private byte[] tglAdaptive;

  /** Bytes of input JPEG done: per microsecond, MB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Input {
    public long jpegBytes;

    @Setup(Level.Iteration)
    public void clear() {
      jpegBytes = 0;
    }
  }

  /**
   * The input JPEG of {@code photo} ("baseline" or "progressive"), also what the peers of the same
   * run ({@code JpegXlPeer}) are measured on.
   */
  public static byte[] inputJpeg(String photo) {
    Image image = BenchImages.get().photo;
    boolean progressive = photo.equals("progressive");
    return Tegula.encodeJpeg(image, Metadata.EMPTY, new JpegEncodeOptions(QUALITY,
        JpegEncodeOptions.Subsampling.S420, progressive, progressive, 0, false, false,
        QUALITY * 100));
  }

  @Setup
  public void setUp() {
    jpeg = inputJpeg(photo);
    JpegCompression c = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT);
    if (!c.modelled()) {
      throw new IllegalStateException(photo + " JPEG stored verbatim: " + c.reason());
    }
    tgl = c.tgl();
    if (!Arrays.equals(Tegula.restoreOriginal(tgl, Limits.DEFAULT), jpeg)) {
      throw new IllegalStateException(photo + " JPEG does not restore byte for byte");
    }
    tglAdaptive = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT, JpegCoding.ADAPTIVE).tgl();
    if (!Arrays.equals(Tegula.restoreOriginal(tglAdaptive, Limits.DEFAULT), jpeg)) {
      throw new IllegalStateException(photo + " JPEG does not restore byte for byte (adaptive)");
    }
    System.out.printf("%n%s JPEG: %d bytes, .tgl %d bytes (%.1f%% smaller), adaptive coding %d"
        + " bytes (%.1f%% smaller)%n", photo, jpeg.length, tgl.length,
        100.0 * (jpeg.length - tgl.length) / jpeg.length, tglAdaptive.length,
        100.0 * (jpeg.length - tglAdaptive.length) / jpeg.length);
  }

  @Benchmark
  public Object jpegDecode(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.decode(jpeg);
  }

  @Benchmark
  public Object compress(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.compressJpegLossless(jpeg, Limits.DEFAULT);
  }

  @Benchmark
  public Object restoreJpeg(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.restoreOriginal(tgl, Limits.DEFAULT);
  }

  @Benchmark
  public Object restorePixels(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.decode(tgl);
  }

  @Benchmark
  public Object compressAdaptive(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.compressJpegLossless(jpeg, Limits.DEFAULT, JpegCoding.ADAPTIVE);
  }

  @Benchmark
  public Object restoreJpegAdaptive(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.restoreOriginal(tglAdaptive, Limits.DEFAULT);
  }

  @Benchmark
  public Object restorePixelsAdaptive(Input in) {
    in.jpegBytes += jpeg.length;
    return Tegula.decode(tglAdaptive);
  }
}
