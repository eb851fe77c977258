package dev.tegula.wasm;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Json;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import java.util.function.Supplier;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * tegula.js's compress with every option (format, quality, target size or SSIM, resize, grey,
 * metadata), run by the api's pipeline: the options come as one {@link EncodeRequest} string,
 * the source is a JPEG, PNG or .tgl file ({@code width} 0) or RGBA8 pixels with the packed
 * metadata that goes with them.
 * Reached from JavaScript as {@code exports.encoder()}; results are JSON as in {@link
 * TegulaExports}, bytes wait for the take methods.
 */
public final class Encoding {
  static final Encoding INSTANCE = new Encoding();

  private final Handover pendingBytes = new Handover();
  private final Handover pendingPixels = new Handover();
  private final Handover pendingMetadata = new Handover();

  private Encoding() {}

  /**
   * Encodes one image whole through the api's pipeline ({@link Tegula#compress(DecodedImage,
   * CompressOptions)}): JSON {@code {width, height, format, quality, qualityHundredths, chroma,
   * lossless, encodes, ssim, bytes}} ({@code quality} is the one chosen when a target size or SSIM
   * was asked for, {@code qualityHundredths} the same on the search's fine scale, {@code chroma}
   * the chroma subsampling ("4:2:0", "4:4:4", "4:2:2", "grey") or null (PNG, lossless), {@code
   * encodes} how many encodes that took, {@code ssim} the one reached for a target SSIM or null)
   * with the file waiting for {@link #takeBytes}.
   */
  @JSExport
  public String encode(byte[] data, int width, int height, byte[] metadata, String options) {
    return encoding(() -> data, width, height, metadata, options);
  }

  private String encoding(Supplier<byte[]> input, int width, int height, byte[] metadata,
      String options) {
    clear();
    return Replies.of(() -> {
      byte[] data = input.get();
      EncodeRequest r = EncodeRequest.parse(options);
      CompressOptions o = options(r);
      CompressResult res = Tegula.compress(source(data, width, height, metadata, r, o), o);
      pendingBytes.put(res.bytes());
      boolean lossless = res.quality() < 0;
      return new Json()
          .put("width", res.width())
          .put("height", res.height())
          .put("format", r.format)
          .put("quality", lossless ? 100 : res.quality())
          .put("qualityHundredths", lossless ? 10000 : res.qualityHundredths())
          .put("chroma", res.chroma())
          .put("lambdaHundredths", res.lambdaHundredths())
          .put("trimmed", res.trimmed())
          .put("lossless", lossless)
          .put("encodes", res.encodes())
          .putRaw("ssim", Double.isNaN(res.ssim()) ? "null" : String.valueOf(res.ssim()))
          .put("warning", res.warning())
          .put("bytes", res.size())
          .toString();
    });
  }

  /**
   * {@link #encode} of the {@code length} bytes (a file, or RGBA8 pixels when {@code width} is
   * not 0) staged through {@link TegulaExports#stageInput}: one copy in JavaScript instead of a
   * {@code byte[]} crossing an element at a time.
   */
  @JSExport
  public String encodeStaged(int length, int width, int height, byte[] metadata, String options) {
    return encoding(() -> LinearPixels.SHARED.staged(0, length), width, height, metadata, options);
  }

  /** {@link #prepare} of the {@code length} bytes staged as for {@link #encodeStaged}. */
  @JSExport
  public String prepareStaged(int length, int width, int height, byte[] metadata,
      String options) {
    return preparing(() -> LinearPixels.SHARED.staged(0, length), width, height, metadata,
        options);
  }

  /**
   * The first step of a compress spread over tiles: decodes a file (or takes pixels), and runs
   * the api's pixel and metadata stages ({@link Tegula#prepare}: upright, resized, grey, metadata
   * kept, stripped or without location) leaving the 8-bit RGBA for {@link #takeDecodedPixels}
   * (a file the options only turn upright, decoded straight into linear memory: {@link
   * Tegula#prepareInto}) or else {@link #takePixels}, and the metadata, packed, for {@link
   * #takeMetadata}. JSON {@code {width, height, sixteen}}: {@code sixteen} when 16-bit samples
   * remain, which only a whole-image lossless encode keeps.
   */
  @JSExport
  public String prepare(byte[] data, int width, int height, byte[] metadata, String options) {
    return preparing(() -> data, width, height, metadata, options);
  }

  private String preparing(Supplier<byte[]> input, int width, int height, byte[] metadata,
      String options) {
    clear();
    return Replies.of(() -> {
      byte[] data = input.get();
      EncodeRequest r = EncodeRequest.parse(options);
      CompressOptions o = options(r);
      if (width == 0 && data != null) {
        DecodeReport d = Tegula.prepareInto(data, o, limits(r), LinearPixels.SHARED.target());
        if (d != null) {
          LinearPixels.SHARED.ready(d.width() * d.height() * 4);
          pendingMetadata.put(MetadataPacking.pack(d.metadata()));
          return prepared(d.width(), d.height(), false);
        }
      }
      DecodedImage d = Tegula.prepare(source(data, width, height, metadata, r, o), o);
      pendingPixels.put(d.image().rgba());
      pendingMetadata.put(MetadataPacking.pack(d.metadata()));
      return prepared(d.image().width(), d.image().height(), d.image().has16BitSamples());
    });
  }

  private static String prepared(int width, int height, boolean sixteen) {
    return new Json().put("width", width).put("height", height).put("sixteen", sixteen)
        .toString();
  }

  /**
   * The pixels of the last {@link #prepare} when they wait in linear memory, as {@link
   * TegulaExports#takeDecodedPixels} hands them over; null when they wait for {@link
   * #takePixels} instead.
   */
  @JSExport
  public Int8Array takeDecodedPixels() {
    return LinearPixels.SHARED.take();
  }

  @JSExport
  public byte[] takeBytes() {
    return pendingBytes.take();
  }

  @JSExport
  public byte[] takePixels() {
    return pendingPixels.take();
  }

  @JSExport
  public byte[] takeMetadata() {
    return pendingMetadata.take();
  }

  /**
   * A file decoded as stored (the pipeline turns it upright; a JPEG shrunk when the options
   * resize it far: {@link Tegula#decodeForCompress}), or pixels with their metadata.
   */
  private static DecodedImage source(byte[] data, int width, int height, byte[] packed,
      EncodeRequest r, CompressOptions o) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    Limits limits = limits(r);
    if (width == 0) {
      return Tegula.decodeForCompress(data, o, limits);
    }
    limits.checkDimensions(width, height, -1);
    return new DecodedImage(new Image(width, height, data), null, MetadataPacking.unpack(packed),
        true, null);
  }

  private static Limits limits(EncodeRequest r) {
    return r.maxPixels > 0 ? Limits.DEFAULT.withMaxPixels(r.maxPixels) : Limits.DEFAULT;
  }

  /** The api's options; ones that cannot work together fail here, before anything is decoded. */
  private static CompressOptions options(EncodeRequest r) {
    CompressOptions o = r.lossless ? CompressOptions.lossless() : CompressOptions.lossy(r.quality);
    ImageFormat format = r.format.equals("jpeg") ? ImageFormat.JPEG
        : r.format.equals("png") ? ImageFormat.PNG : ImageFormat.TGL;
    o = o.withFormat(format)
        .withTileSize(r.tileSize)
        .withPngEffort(r.pngEffort)
        .withMaxSizeBytes(r.maxSizeBytes)
        .withTargetSsim(r.targetSsim)
        .withMaxDimension(r.maxDimension)
        .withGammaCorrectResize(r.gammaCorrect)
        .withGrayscale(r.grayscale)
        .withStripMetadata(r.strip)
        .withStripGps(r.stripGps)
        .withKeepOrientation(r.keepOrientation)
        .withChroma(EncodeRequest.subsampling(r.chroma))
        .withJpegBaseline(r.baseline)
        .withJpegRestartInterval(r.restartInterval);
    String problem = o.problem();
    if (problem != null) {
      throw new IllegalArgumentException("invalid options: " + problem);
    }
    return o;
  }

  private void clear() {
    LinearPixels.SHARED.clear();
    pendingBytes.clear();
    pendingPixels.clear();
    pendingMetadata.clear();
  }
}
