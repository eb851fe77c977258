package dev.tegula.api;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.GreyProfile;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Metadata;
import dev.tegula.core.Orientation;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngEncoder;
import dev.tegula.png.PngEncoding;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import dev.tegula.transform.Grayscale;
import dev.tegula.transform.LocationRemoval;
import dev.tegula.transform.Resizer;
import java.util.List;
import java.util.function.Consumer;

/**
 * decode -> orient -> resize -> grey -> metadata -> encode (with the target search): the stages
 * every compress shares, in this order so that resizing sees the upright image and grey
 * conversion runs on the fewest pixels.
 */
final class CompressPipeline {
  private CompressPipeline() {}

  /** The pixels and metadata to encode: oriented, resized, grey, metadata edited. */
  static DecodedImage prepare(DecodedImage decoded, CompressOptions options) {
    Image image = decoded.image();
    Metadata metadata = decoded.metadata() == null ? Metadata.EMPTY : decoded.metadata();
    int orientation = Exif.orientation(metadata.exif());
    int shrink = shrinkOf(image, decoded.info(), options);
    if (shrink > 1) {
      // before turning: flipped, the partial last column or row would come first
      image = fittedShrunk(image, decoded.info(), shrink, options);
    }
    boolean turned = !options.keepOrientation() && orientation != 1;
    if (turned) {
      image = Orientation.apply(image, orientation);
    }
    if (options.maxDimension() > 0 && shrink == 1) {
      image = Resizer.fitWithin(image, options.maxDimension(), options.gammaCorrectResize());
    }
    if (options.grayscale()) {
      image = Grayscale.convert(image);
    }
    return new DecodedImage(image, decoded.info(), preparedMetadata(metadata, turned, options),
        decoded.complete(), decoded.warning());
  }

  /**
   * {@link #prepare}'s metadata: the EXIF orientation reset when the pixels were {@code turned}
   * upright, then all of it or the location stripped as the options ask.
   */
  static Metadata preparedMetadata(Metadata metadata, boolean turned, CompressOptions options) {
    if (turned) {
      byte[] upright = Exif.withUprightOrientation(metadata.exif());
      // an orientation we cannot reset in place would turn the upright image a second time
      metadata = new Metadata(metadata.icc(), Exif.orientation(upright) == 1 ? upright : null,
          metadata.xmp(), metadata.text());
    }
    if (options.stripMetadata()) {
      return Metadata.EMPTY;
    }
    return options.stripGps() ? LocationRemoval.strip(metadata) : metadata;
  }

  /**
   * How far a JPEG source may shrink as it decodes ({@link
   * dev.tegula.core.DecodeOptions#jpegShrink()}) for a compress with a maximum dimension, as
   * libvips (sharp) shrinks JPEGs on load: 2 when the decode at 1/2 is still at least twice the
   * fitted size on both sides, 4 when the decode at 1/4 is at least four times it, else 1 (and 1
   * with gamma-correct resizing: the reduced IDCT averages in gamma space). Lanczos-3 then makes
   * the final size. Never 8: the 1x1 IDCT is the block's mean, which aliases. Measured against
   * the original photos resized the same way (docs/benchmarks.md, shrink on load): at these
   * margins the result loses at most 0.9 dB (1/2) and 2.6 dB (1/4) of RGB PSNR to the whole
   * decode's, at 42 dB and more; at a margin of 1 it lost up to 3.5 dB, and 1/4 at a margin of
   * 2 up to 6.8.
   */
  static int jpegShrink(int width, int height, CompressOptions options) {
    if (options.maxDimension() <= 0 || options.gammaCorrectResize()) {
      return 1;
    }
    int[] fitted = Resizer.fittedSize(width, height, options.maxDimension());
    for (int s = 4; s >= 2; s >>= 1) {
      if ((width + s - 1) / s >= s * (long) fitted[0]
          && (height + s - 1) / s >= s * (long) fitted[1]) {
        return s;
      }
    }
    return 1;
  }

  /**
   * The shrink a JPEG was decoded with for these options ({@link Tegula#decodeForCompress}):
   * {@link #jpegShrink} of its file's size when the image is that much smaller, else 1.
   */
  private static int shrinkOf(Image image, ImageInfo info, CompressOptions options) {
    if (info == null || !"jpeg".equals(info.format())
        || (image.width() == info.width() && image.height() == info.height())) {
      return 1;
    }
    int n = jpegShrink(info.width(), info.height(), options);
    return n > 1 && image.width() == (info.width() + n - 1) / n
        && image.height() == (info.height() + n - 1) / n ? n : 1;
  }

  /**
   * A JPEG decoded at 1/n resized to the size its whole decode would be fitted to, reading its
   * pixels as W / n x H / n of picture (the last column and row hold a partial block).
   */
  private static Image fittedShrunk(Image image, ImageInfo info, int n,
      CompressOptions options) {
    int[] fitted = Resizer.fittedSize(info.width(), info.height(), options.maxDimension());
    return Resizer.resize(image, fitted[0], fitted[1], info.width() / (double) n,
        info.height() / (double) n, false);
  }

  /**
   * The PNG settings of an effort: zlib level 6 for efforts 0 and 1 (level 9 costs far more time
   * than the better filter choice of effort 1 saves), 9 for effort 2; efforts 3 and 4 use
   * Tegula's own deflate coder, whatever the level.
   */
  static PngEncodeOptions pngOptions(int effort) {
    return PngEncodeOptions.DEFAULT.withEffort(effort).withCompressionLevel(effort <= 1 ? 6 : 9);
  }

  /** Runs a step's jobs one after the other, in the calling thread. */
  static final Consumer<List<Runnable>> IN_SEQUENCE = jobs -> jobs.forEach(Runnable::run);

  static CompressResult encode(DecodedImage prepared, CompressOptions options) {
    return encode(prepared, options, IN_SEQUENCE);
  }

  /**
   * A PNG encode whose steps' independent jobs ({@link PngEncoding}) {@code pngJobs} runs: the
   * same bytes however it runs them.
   */
  static byte[] encodePng(Image image, Metadata metadata, PngEncodeOptions options,
      Consumer<List<Runnable>> pngJobs) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    PngEncoding png = PngEncoder.start(image, metadata == null ? Metadata.EMPTY : metadata,
        options);
    for (List<Runnable> jobs = png.nextJobs(); !jobs.isEmpty(); jobs = png.nextJobs()) {
      pngJobs.accept(jobs);
    }
    return png.result();
  }

  static CompressResult encode(DecodedImage prepared, CompressOptions options,
      Consumer<List<Runnable>> pngJobs) {
    Image image = prepared.image();
    Metadata metadata = prepared.metadata();
    options = forImage(options, image, metadata);
    ImageFormat format = options.format();
    String warning = prepared.complete() ? null : prepared.warning();
    if (format == ImageFormat.PNG || options.isLossless()) {
      byte[] out = format == ImageFormat.PNG
          ? encodePng(image, metadata, pngOptions(options.pngEffort()), pngJobs)
          : Tegula.compress(image, metadata, options);
      return new CompressResult(out, format, image.width(), image.height(), -1, 1, Double.NaN,
          warning);
    }
    TargetSearch.Result r;
    boolean trimmed = false;
    if (options.maxSizeBytes() > 0) {
      return encodeToSize(prepared, options);
    } else if (options.targetSsim() > 0) {
      if (image.width() < 7 || image.height() < 7) {
        // refused before any encode: the SSIM window (Metrics.ssim) does not fit
        throw new LimitExceededException("a target SSIM needs an image of at least 7x7 pixels, not "
            + image.width() + "x" + image.height());
      }
      SearchEncoder encoder = new SearchEncoder(image, metadata, options);
      r = TargetSearch.forSsim(format, 1, chromaChoice(options, image),
          options.targetSsim(), encoder,
          bytes -> dev.tegula.metrics.Metrics.ssim(image, Tegula.decode(bytes).image()),
          ssimCurve(options, image), true, encoder::ssimTrim);
      trimmed = encoder.trimmed(r.bytes());
    } else {
      // one encode: no preparation to share, and the one-shot encoders hold less (.tgl one
      // tile's coefficients at a time, JPEG's quantized in place)
      r = new TargetSearch.Result(encodeLossy(image, metadata, options, options.quality() * 100),
          options.quality() * 100, 1, Double.NaN);
    }
    return new CompressResult(r.bytes(), format, image.width(), image.height(), r.quality() / 100,
        r.encodes(), r.ssim(), warning, r.quality(), chroma(options, r.code(), image),
        lambda(options, r.code()), trimmed);
  }

  /**
   * The options a lossy JPEG of {@code image} is written with: one component (grey output) for a
   * grey image (R = G = B at every pixel, as .tgl codes it without chroma planes) unless the
   * caller fixed the subsampling, three wherever the ICC profile describes colour, even for
   * {@code --grayscale} (whose pixels are grey by then): a colour profile in a one-component
   * JPEG is invalid and decoders drop it, as the PNG encoder keeps such an image out of the
   * greyscale colour types. One component decodes to the same pixels (a grey pixel's chroma is
   * 128, which quantizes to nothing) without the chroma blocks' codes, and its quality ladder has
   * no chroma jump at 97. A colour profile with an exact grey equivalent does not hold a grey
   * image back (unless the caller fixed the chroma): the encoder writes that grey profile
   * ({@link GreyProfile}). .tgl codes a grey image without chroma whatever its profile and keeps
   * the profile as it came. Other formats are returned as they are.
   */
  static CompressOptions forImage(CompressOptions options, Image image, Metadata metadata) {
    if (options.format() != ImageFormat.JPEG || options.isLossless()) {
      return options;
    }
    // a colour profile the file must carry as it is
    boolean colourProfile = metadata != null && metadata.hasColourProfile()
        && (options.chroma() != null || !image.isGrey(image.has16BitSamples())
            || GreyProfile.fromColour(metadata.icc()) == null);
    if (options.grayscale()) {
      return colourProfile ? options.withGrayscale(false) : options;
    }
    return options.chroma() != null || colourProfile || !TglEncoder.lossyIsGrey(image) ? options
        : options.withGrayscale(true);
  }

  /**
   * The chroma subsampling a lossy encode at {@code code} used: the caller's, else the
   * encoder's choice by quality, or 4:4:4 below 97 where a size or SSIM search filled the jump;
   * "grey" for grey output (a grey .tgl source too: its file has no chroma planes).
   */
  static String chroma(CompressOptions options, int code, Image image) {
    if (options.format() == ImageFormat.JPEG) {
      return options.grayscale() ? "grey" : jpegOptions(options, code).subsampling().label();
    }
    return options.grayscale() || TglEncoder.lossyIsGrey(image) ? "grey"
        : tglOptions(options, code).chromaUsed().label();
  }

  /** The trellis lambda a lossy encode at {@code code} used: JPEG's, -1 for .tgl. */
  static int lambda(CompressOptions options, int code) {
    return options.format() == ImageFormat.JPEG ? TargetSearch.lambdaOf(code) : -1;
  }

  /** The JPEG encoder's options at a search code, with the caller's fixed choices applied. */
  static JpegEncodeOptions jpegOptions(CompressOptions options, int code) {
    JpegEncodeOptions jpeg = TargetSearch.jpegOptions(code).withGrayscale(options.grayscale())
        .withRestartInterval(options.jpegRestartInterval());
    if (options.chroma() != null) {
      jpeg = jpeg.withSubsampling(options.chroma());
    }
    return options.jpegBaseline() ? jpeg.withProgressive(false) : jpeg;
  }

  /** The .tgl encoder's options at a search code, with the caller's fixed choices applied. */
  static TglEncodeOptions tglOptions(CompressOptions options, int code) {
    TglEncodeOptions tgl = TargetSearch.tglOptions(code).withTileSize(options.tileSize());
    return options.chroma() == null ? tgl : tgl.withChroma(tglChroma(options.chroma()));
  }

  /**
   * .tgl's chroma resolution for a caller's choice; 4:2:2, which the format lacks, is refused
   * (problem() says so before any work; this guards the tile paths that take options unchecked).
   */
  static TglEncodeOptions.Chroma tglChroma(JpegEncodeOptions.Subsampling s) {
    if (s == JpegEncodeOptions.Subsampling.S422) {
      throw new IllegalArgumentException(CompressOptions.TGL_NO_422);
    }
    return s == JpegEncodeOptions.Subsampling.S444 ? TglEncodeOptions.Chroma.FULL
        : TglEncodeOptions.Chroma.HALF;
  }

  /**
   * The image's own estimated SSIM curve for a search with these options: with the caller's
   * fixed chroma or grey output, the one chroma side that output has ({@link ChromaSide}).
   */
  static SsimCurve ssimCurve(CompressOptions options, Image image) {
    return ssimCurve(options, image, SearchRules.DEFAULT);
  }

  /** {@link #ssimCurve} under {@code rules}, which the search on it follows. */
  static SsimCurve ssimCurve(CompressOptions options, Image image, SearchRules rules) {
    return SsimCurve.of(image, options.format() == ImageFormat.JPEG, options.chroma(),
        options.grayscale(), rules);
  }

  /** The same for a size search ({@link SizeCurve}). */
  static SizeCurve sizeCurve(CompressOptions options, Image image) {
    return sizeCurve(options, image, SearchRules.DEFAULT);
  }

  /** {@link #sizeCurve} under {@code rules}, which the search on it follows. */
  static SizeCurve sizeCurve(CompressOptions options, Image image, SearchRules rules) {
    return SsimCurve.sizeOf(image, options.format() == ImageFormat.JPEG, options.chroma(),
        options.grayscale(), rules);
  }

  /**
   * Whether a search may fill the jump at 97 with 4:4:4 below it: not for grey output (one
   * component), nor when the caller fixed the subsampling, nor for a grey image: .tgl codes it
   * without chroma planes (no jump), and JPEG's 4:4:4 file below 97 has the luma of 4:2:0's at
   * the same quality in more bytes (flat chroma blocks, four times as many), so a fill would
   * return a file of lower quality than 4:2:0 at 96.99, which fits.
   */
  static boolean chromaChoice(CompressOptions options, Image image) {
    return !options.grayscale() && options.chroma() == null && !TglEncoder.lossyIsGrey(image);
  }

  /**
   * The size search; when even quality 0 is too large and the caller allowed resizing (a
   * maximum dimension), the image is shrunk further by the square root of the size ratio (with a
   * 10% margin, at most 3 times) and searched again.
   */
  private static CompressResult encodeToSize(DecodedImage prepared, CompressOptions options) {
    Image image = prepared.image();
    int encodes = 0;
    for (int attempt = 0; ; attempt++) {
      Image current = image;
      SearchEncoder encoder = new SearchEncoder(current, prepared.metadata(), options)
          .fitting(options.maxSizeBytes(), SearchRules.DEFAULT);
      TargetSearch.Result r = TargetSearch.forSize(options.format(), 1,
          chromaChoice(options, current),
          (long) current.width() * current.height(), options.maxSizeBytes(), encoder,
          sizeCurve(options, current));
      // a .tgl trim codes the tiles again, at about an encode's cost: each coding counts
      encodes += r.encodes() + encoder.trimCodings();
      if (r.bytes() != null) {
        return new CompressResult(r.bytes(), options.format(), current.width(),
            current.height(), r.quality() / 100, encodes, Double.NaN,
            prepared.complete() ? null : prepared.warning(), r.quality(),
            chroma(options, r.code(), current), lambda(options, r.code()),
            encoder.trimmed(r.bytes()));
      }
      int longer = Math.max(current.width(), current.height());
      double shrink = Math.sqrt(options.maxSizeBytes() / (double) r.smallest()) * 0.9;
      int side = (int) (longer * shrink);
      if (options.maxDimension() == 0 || attempt == 2 || side < 16) {
        throw new LimitExceededException("even quality 0 gives " + r.smallest()
            + " bytes at " + current.width() + "x" + current.height() + ", over the "
            + options.maxSizeBytes() + "-byte target"
            + (options.maxDimension() == 0 ? "; only a smaller image (a maximum dimension) "
                + "can be smaller" : ""));
      }
      image = Resizer.fitWithin(current, side, options.gammaCorrectResize());
    }
  }

  /**
   * One lossy encode at a {@link TargetSearch} code: the quality in hundredths, on the fine scale
   * of both formats (JPEG's tables and .tgl's quantizer steps move between whole qualities,
   * format-lossy.md §6.1), possibly with 4:4:4 chroma below 97 (the jump filled).
   */
  static byte[] encodeLossy(Image image, Metadata metadata, CompressOptions options,
      int code) {
    if (options.format() == ImageFormat.JPEG) {
      return Tegula.encodeJpeg(image, metadata, jpegOptions(options, code));
    }
    // the same encode as Tegula.compress(image, metadata, CompressOptions.lossy(q)) at a
    // fractional q, which CompressOptions cannot carry
    return TglEncoder.encode(image, metadata, tglOptions(options, code));
  }
}
