package dev.tegula.api;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import dev.tegula.core.RgbaTarget;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.jpeg.JpegEncoder;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngDecoder;
import dev.tegula.png.PngEncoder;
import dev.tegula.recompress.JpegCompression;
import dev.tegula.recompress.JpegRecompression;
import dev.tegula.recompress.JpegTglInfo;
import dev.tegula.tgl.TglDecoder;
import dev.tegula.tgl.TglDecoding;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TileJob;

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
    if (TglDecoder.looksLikeTgl(data)) {
      return ImageFormat.TGL;
    }
    return null;
  }

  /** Reads only the headers: size, format variant, subsampling, bit depth, orientation. */
  public static ImageInfo readInfo(byte[] data, Limits limits) {
    return switch (requireFormat(data)) {
      case JPEG -> JpegDecoder.readInfo(data, limits);
      case PNG -> PngDecoder.readInfo(data, limits);
      case TGL -> {
        TglFile file = TglDecoder.open(data, limits);
        byte[] exif = file.metadata().exif();
        yield RestoreJob.withOrientation(file.info(),
            Exif.orientation(exif));
      }
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
      case TGL -> runAll(startRestore(data, options));
    };
  }

  public static DecodedImage decode(byte[] data) {
    return decode(data, DecodeOptions.DEFAULT);
  }

  /**
   * {@link #decode(byte[], DecodeOptions)} into the caller's {@code target}, 8-bit RGBA (no
   * RGBA16). A JPEG, a PNG or an 8-bit .tgl is decoded into it row by row (a .tgl tile by tile)
   * and turned upright on the way, with no image array of its own; a 16-bit .tgl and a .tgl that
   * keeps a JPEG decode to an image first, which is then copied in.
   */
  public static DecodeReport decodeInto(byte[] data, DecodeOptions options, RgbaTarget target) {
    if (options == null || target == null) {
      throw new IllegalArgumentException("options and target must not be null");
    }
    ImageFormat format = requireFormat(data);
    if (format == ImageFormat.JPEG) {
      return JpegDecoder.decode(data, options, target);
    }
    if (format == ImageFormat.PNG) {
      return PngDecoder.decode(data, options, target);
    }
    TglFile file = TglDecoder.open(data, options.limits());
    if (!file.header().jpeg() && file.header().bitDepth() == 8) {
      int orientation = Exif.orientation(file.metadata().exif());
      TglDecoding job = TglDecoder.start(file, target, options.autoOrient() ? orientation : 1);
      for (int t = 0; t < job.tileCount(); t++) {
        job.runTile(t);
      }
      DecodeReport r = job.finishInto();
      return new DecodeReport(r.width(), r.height(), RestoreJob.withOrientation(r.info(),
          orientation), r.metadata(), r.complete(), r.warning());
    }
    // the file is open already: its image comes from the job startRestore would make of it
    DecodedImage d = runAll(file.header().jpeg() ? new JpegRestoreJob(data, options)
        : new RestoreJob(TglDecoder.start(file), options));
    target.putImage(d.image());
    return DecodeReport.of(d);
  }

  /** Encodes an image as JPEG, carrying ICC and EXIF from {@code metadata} (may be null). */
  public static byte[] encodeJpeg(Image image, Metadata metadata, JpegEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    return JpegEncoder.encode(image, metadata == null ? Metadata.EMPTY : metadata, options);
  }

  /**
   * Encodes an image as PNG with the fast effort {@link CompressOptions#FAST_PNG_EFFORT} (for
   * interactive use: restoring, the app's downloads), carrying the metadata (may be null).
   */
  public static byte[] encodePng(Image image, Metadata metadata) {
    return encodePng(image, metadata,
        CompressPipeline.pngOptions(CompressOptions.FAST_PNG_EFFORT));
  }

  /** Encodes an image as PNG with the given options, carrying the metadata (may be null). */
  public static byte[] encodePng(Image image, Metadata metadata, PngEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    return PngEncoder.encode(image, metadata == null ? Metadata.EMPTY : metadata, options);
  }

  /**
   * {@link #encodePng(Image, Metadata, PngEncodeOptions)}, handing each step's independent jobs
   * ({@link dev.tegula.png.PngEncoding}) to {@code pngJobs}, for callers that run them on several
   * threads (the codecs start none); the bytes are the same however the jobs run.
   *
   * @param pngJobs runs every job of the list once, in any order and on any threads, and returns
   *     when all of them have finished (rethrowing a job's exception)
   */
  public static byte[] encodePng(Image image, Metadata metadata, PngEncodeOptions options,
      java.util.function.Consumer<java.util.List<Runnable>> pngJobs) {
    if (pngJobs == null) {
      throw new IllegalArgumentException("pngJobs must not be null");
    }
    return CompressPipeline.encodePng(image, metadata, options, pngJobs);
  }

  /**
   * The whole compress pipeline on a file: decode, turn upright (unless {@link
   * CompressOptions#keepOrientation()}), shrink to {@link CompressOptions#maxDimension()}, convert
   * to grey, strip metadata as asked, and encode as {@link CompressOptions#format()}, searching
   * the quality when a size or SSIM target is set.
   *
   * @throws IllegalArgumentException when the options do not work together ({@link
   *     CompressOptions#problem()}), before anything is decoded
   * @throws dev.tegula.core.LimitExceededException when the target cannot be reached (even
   *     quality 0 is too large, even 100 is not good enough)
   */
  public static CompressResult compressFile(byte[] data, CompressOptions options, Limits limits) {
    requireData(data);
    checkOptions(options);
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    if (options.jpegLossless()) {
      return jpegLossless(data, limits, options.jpegCoding());
    }
    return compress(decodeForCompress(data, options, limits), options);
  }

  /**
   * Decodes a file for {@link #compress(DecodedImage, CompressOptions)} with these options, as
   * stored (not turned upright): a JPEG that the maximum dimension shrinks by 4 or more decodes
   * at 1/2 of its size, by 16 or more at 1/4 (the reduced inverse DCT, {@link
   * DecodeOptions#jpegShrink()}), for a fraction of the time and memory; the compress resizes it
   * to the size a whole decode would give. Other files decode whole.
   */
  public static DecodedImage decodeForCompress(byte[] data, CompressOptions options,
      Limits limits) {
    checkOptions(options);
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    DecodeOptions d = new DecodeOptions(limits, false);
    if (requireFormat(data) == ImageFormat.JPEG) {
      ImageInfo info = JpegDecoder.readInfo(data, limits);
      d = d.withJpegShrink(CompressPipeline.jpegShrink(info.width(), info.height(), options));
    }
    return decode(data, d);
  }

  /** {@link CompressOptions#jpegLossless()}: the warning says when the JPEG is kept verbatim. */
  private static CompressResult jpegLossless(byte[] data, Limits limits, JpegCoding coding) {
    JpegCompression c = compressJpegLossless(data, limits, coding);
    JpegTglInfo info = JpegRecompression.inspect(c.tgl(), limits);
    return new CompressResult(c.tgl(), ImageFormat.TGL, info.width(), info.height(), -1, 1,
        Double.NaN, c.modelled() ? null : "the JPEG is stored verbatim: " + c.reason());
  }

  /**
   * {@link #compressFile} from a decoded image; it must have been decoded without {@link
   * DecodeOptions#autoOrient()}, since the orientation is taken from its EXIF.
   */
  public static CompressResult compress(DecodedImage decoded, CompressOptions options) {
    checkOptions(options);
    if (decoded == null) {
      throw new IllegalArgumentException("decoded must not be null");
    }
    return CompressPipeline.encode(CompressPipeline.prepare(decoded, options), options);
  }

  /**
   * {@link #compress(DecodedImage, CompressOptions)}, handing the independent jobs of a PNG
   * encode (its filter trials, the parts of its deflate coding: {@link
   * dev.tegula.png.PngEncoding}) to {@code pngJobs} step by step, for callers that run them on
   * several threads (the codecs start none). Other formats do not use it. The bytes are those of
   * {@link #compress(DecodedImage, CompressOptions)} however the jobs run.
   *
   * @param pngJobs runs every job of the list once, in any order and on any threads, and returns
   *     when all of them have finished (rethrowing a job's exception)
   */
  public static CompressResult compress(DecodedImage decoded, CompressOptions options,
      java.util.function.Consumer<java.util.List<Runnable>> pngJobs) {
    checkOptions(options);
    if (decoded == null || pngJobs == null) {
      throw new IllegalArgumentException("decoded and pngJobs must not be null");
    }
    return CompressPipeline.encode(CompressPipeline.prepare(decoded, options), options, pngJobs);
  }

  /**
   * Only the pixel and metadata stages of {@link #compress(DecodedImage, CompressOptions)}, for
   * callers that encode .tgl tiles in parallel with {@link #startCompress}.
   */
  public static DecodedImage prepare(DecodedImage decoded, CompressOptions options) {
    checkOptions(options);
    if (decoded == null) {
      throw new IllegalArgumentException("decoded must not be null");
    }
    return CompressPipeline.prepare(decoded, options);
  }

  /**
   * {@link #prepare} of a file straight into {@code target}, for callers that hand the pixels on
   * from there (the browser's tiled compress: the Wasm build's linear memory, which JavaScript
   * copies out at once, where a {@code byte[]} crosses an element at a time). Only for options
   * that change no pixel but the orientation (no maximum dimension, no grey) and files of at most
   * 8 bits a sample (the target holds 8); null, with nothing decoded, for the rest, which go
   * through {@link #decodeForCompress} and {@link #prepare}. Null too, after decoding, for a file
   * whose EXIF orientation the header did not give (an EXIF segment after a JPEG's image data:
   * the decoder may have rendered the image before it). The pixels and the report's metadata are
   * {@link #prepare}'s.
   */
  public static DecodeReport prepareInto(byte[] data, CompressOptions options, Limits limits,
      RgbaTarget target) {
    checkOptions(options);
    if (limits == null || target == null) {
      throw new IllegalArgumentException("limits and target must not be null");
    }
    if (options.maxDimension() > 0 || options.grayscale()) {
      return null;
    }
    ImageInfo info = readInfo(data, limits);
    if (info.bitDepth() > 8) {
      return null;
    }
    boolean upright = !options.keepOrientation();
    DecodeReport d = decodeInto(data, new DecodeOptions(limits, upright), target);
    Metadata m = d.metadata() == null ? Metadata.EMPTY : d.metadata();
    int orientation = Exif.orientation(m.exif());
    if (upright && orientation != info.orientation()) {
      return null;
    }
    boolean turned = upright && orientation != 1;
    return new DecodeReport(d.width(), d.height(), d.info(),
        CompressPipeline.preparedMetadata(m, turned, options), d.complete(), d.warning());
  }

  private static void checkOptions(CompressOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    String problem = options.problem();
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
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

  /**
   * Compresses an image to .tgl (docs/format.md), carrying EXIF, ICC, XMP and text from {@code
   * metadata} (may be null) byte for byte.
   *
   * @throws dev.tegula.core.UnsupportedFeatureException when the codec of the asked mode is not
   *     part of this build
   */
  public static byte[] compress(Image image, Metadata metadata, CompressOptions options) {
    return runAll(startCompress(image, metadata, options));
  }

  /**
   * {@link #compress} as a job of independent tiles, for callers that spread the tiles over
   * threads or workers (the codec itself never starts threads).
   */
  public static TileJob<byte[]> startCompress(Image image, Metadata metadata,
      CompressOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    if (options.format() != ImageFormat.TGL) {
      // isLossless() is true for PNG: without this, a PNG request would quietly become .tgl
      throw new IllegalArgumentException("compress(Image, ...) writes .tgl; "
          + "compress(DecodedImage, options) writes " + options.format());
    }
    TglEncodeOptions tgl = options.isLossless() ? TglEncodeOptions.lossless()
        : CompressPipeline.tglOptions(options, options.quality() * 100);
    return TglEncoder.start(image, metadata,
        tgl.withTileSize(options.tileSize()).withEffort(options.effort()));
  }

  /**
   * Restores the pixels of a .tgl file. Damaged tiles come back grey with {@code complete()}
   * false and a warning naming them.
   *
   * @throws MalformedInputException when {@code data} is not a .tgl file
   */
  public static DecodedImage restore(byte[] data, DecodeOptions options) {
    return runAll(startRestore(data, options));
  }

  /** {@link #restore} as a job of independent tiles; opening checks the limits first. */
  public static TileJob<DecodedImage> startRestore(byte[] data, DecodeOptions options) {
    requireData(data);
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    if (!TglDecoder.looksLikeTgl(data)) {
      throw new MalformedInputException(describeUnknown(data).replace("not a JPEG, PNG or .tgl",
          "not a .tgl"), 0);
    }
    TglFile file = TglDecoder.open(data, options.limits());
    if (file.header().jpeg()) {
      return new JpegRestoreJob(data, options);
    }
    return new RestoreJob(TglDecoder.start(file), options);
  }

  /**
   * Stores a JPEG file losslessly in .tgl (docs/format-jpeg.md): its coefficients are modelled
   * and the file is rebuilt bit for bit by {@link #restoreOriginal}. A JPEG the model does not
   * cover (arithmetic coding, damage ...) is stored verbatim; {@link JpegCompression#modelled()}
   * and {@link JpegCompression#reason()} say which happened. Never fails for a damaged JPEG.
   *
   * @throws IllegalArgumentException when {@code jpeg} is not a JPEG file (no SOI marker)
   */
  public static JpegCompression compressJpegLossless(byte[] jpeg, Limits limits) {
    return compressJpegLossless(jpeg, limits, JpegCoding.FAST);
  }

  /** {@link #compressJpegLossless(byte[], Limits)} with the given coefficient coding. */
  public static JpegCompression compressJpegLossless(byte[] jpeg, Limits limits,
      JpegCoding coding) {
    requireData(jpeg);
    if (coding == null) {
      throw new IllegalArgumentException("the JPEG coding must not be null");
    }
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      throw new IllegalArgumentException("JPEG-lossless compression needs a JPEG file; "
          + describeUnknown(jpeg).replace("not a JPEG, PNG or .tgl", "this is not a JPEG"));
    }
    return JpegRecompression.compressDetailed(jpeg, limits, coding == JpegCoding.FAST
        ? JpegRecompression.CODING_FAST : JpegRecompression.CODING_ADAPTIVE);
  }

  /**
   * The original JPEG file of a .tgl file made by {@link #compressJpegLossless}, byte for byte
   * (its SHA-256 is checked).
   *
   * @throws dev.tegula.core.UnsupportedFeatureException when the .tgl file holds an image, not a
   *     JPEG file
   * @throws MalformedInputException when the file is damaged (the message names the part)
   */
  public static byte[] restoreOriginal(byte[] data, Limits limits) {
    requireData(data);
    return JpegRecompression.restoreJpeg(data, limits);
  }

  public static byte[] restoreOriginal(byte[] data) {
    return restoreOriginal(data, Limits.DEFAULT);
  }

  /**
   * What a .tgl file of JPEG reconstruction holds (modelled or stored verbatim, the original's
   * length and SHA-256), or null for a .tgl file of an image.
   */
  public static JpegTglInfo inspectJpeg(byte[] data, Limits limits) {
    requireData(data);
    return TglDecoder.open(data, limits).header().jpeg()
        ? JpegRecompression.inspect(data, limits) : null;
  }

  /**
   * The structure of a .tgl file (version, header, chunks, tile positions) without decoding
   * pixels; {@link TglFile#verifyTile} checks a tile's checksum.
   */
  public static TglFile inspectTgl(byte[] data, Limits limits) {
    requireData(data);
    return TglDecoder.open(data, limits);
  }

  private static <T> T runAll(TileJob<T> job) {
    for (int t = 0; t < job.tileCount(); t++) {
      job.runTile(t);
    }
    return job.finish();
  }

  private static ImageFormat requireFormat(byte[] data) {
    ImageFormat format = detect(data);
    if (format == null) {
      if (PngDecoder.startsLikePng(data)) {
        // a damaged or cut-off PNG signature: the PNG decoder says which byte, or where it ends
        PngDecoder.requireSignature(data);
      }
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
    StringBuilder sb = new StringBuilder("not a JPEG, PNG or .tgl file: starts with");
    for (int i = 0; i < Math.min(4, data.length); i++) {
      int b = data[i] & 0xFF;
      sb.append(" 0x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
    return sb.toString();
  }
}
