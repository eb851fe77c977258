package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.jpeg.JpegEncoder;
import dev.tegula.jpeg.LumaTrim;
import dev.tegula.jpeg.PreparedJpeg;
import dev.tegula.tgl.PreparedTgl;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import java.util.ArrayList;
import java.util.List;
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
  /** A size search's target, which encodes just over it are trimmed into; 0 for none. */
  private int budget;
  /** The files this encoder trimmed into the budget (a search trims few: one ends it). */
  private final List<byte[]> trimmed = new ArrayList<>();
  /** The .tgl tiles' codings its trims made after their encodes, landed or not. */
  private int trimCodings;

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

  /**
   * The largest share of a size target by which a JPEG encode may be over it and still be
   * trimmed into it. Dropping coefficients costs a little more SSIM than taking the same bytes by
   * a lower quality, more as the share grows (astronaut and coffee at q75, trimmed against the
   * quality giving the same size: 0.5 % 0.00001-0.00005 less SSIM, 1 % 0.00003-0.00028, 2 %
   * 0.00025-0.00043, 3 % 0.00052-0.00066), but a trimmed result lies nearer the target and
   * saves an encode, and BudgetTrim refuses dear drops. Measured in session 34 (TargetLanding
   * size, the twelve sets, aim {@link SizeSearch#JPEG_TRIM_AIM}), searches in the band within 3
   * encodes of 759 (734 without trims): no price bound, share 2.5 % 752, 3.5 % 755; price bound
   * 2 and 3.5 %: 751 in 1,312 encodes (1,540 without trims). docs/target-search.md §5.
   */
  static final double TRIM_SHARE = 0.035;

  /**
   * This encoder for a size search of {@code maxBytes}: an encode over it by at most {@link
   * #TRIM_SHARE} is trimmed into it ({@link SearchRules.Rule#JPEG_SIZE_TRIM}, {@link
   * SearchRules.Rule#TGL_SIZE_TRIM}). Returns this.
   */
  SearchEncoder fitting(long maxBytes, SearchRules rules) {
    if (rules.on(options.format() == ImageFormat.JPEG ? SearchRules.Rule.JPEG_SIZE_TRIM
        : SearchRules.Rule.TGL_SIZE_TRIM)) {
      budget = (int) Math.min(Integer.MAX_VALUE, maxBytes);
    }
    return this;
  }

  /**
   * The .tgl tiles' codings this encoder's trims have made after their encodes, landed or not:
   * each costs about as much as an encode of the prepared image.
   */
  int trimCodings() {
    return trimCodings;
  }

  /** Whether {@code file}, which this encoder returned, was trimmed into the size target. */
  boolean trimmed(byte[] file) {
    for (byte[] t : trimmed) {
      if (t == file) {
        return true;
      }
    }
    return false;
  }

  @Override
  public byte[] apply(int code) {
    return options.format() == ImageFormat.JPEG
        ? jpeg(CompressPipeline.jpegOptions(options, code))
        : tgl(CompressPipeline.tglOptions(options, code));
  }

  /** The bytes {@link JpegEncoder#encode} gives for the image and metadata with {@code o}. */
  byte[] jpeg(JpegEncodeOptions o) {
    if (budget == 0) {
      return preparedJpeg(o).encode(metadata, o);
    }
    PreparedJpeg.Budgeted fit = preparedJpeg(o).encode(metadata, o, budget, TRIM_SHARE);
    if (fit.trimmed()) {
      trimmed.add(fit.file());
    }
    return fit.file();
  }

  /**
   * The pass {@code passFile}, made at {@code code}, with its cheapest coefficients dropped until
   * its SSIM lies in {@code [low, high]} ({@link SsimTrim}), or null when that does not land. A
   * file it returns counts as {@link #trimmed}.
   */
  byte[] ssimTrim(int code, byte[] passFile, double passSsim, double low, double high,
      long guessBytes) {
    return ssimTrim(code, passFile, passSsim, low, high, guessBytes, SsimTrim.Reach.THIRD);
  }

  /** {@link #ssimTrim(int, byte[], double, double, double, long)} as far as {@code reach}. */
  byte[] ssimTrim(int code, byte[] passFile, double passSsim, double low, double high,
      long guessBytes, SsimTrim.Reach reach) {
    long guessBits = guessBytes * 8;
    SsimTrim.Trims trims;
    byte[] passPixels;
    if (options.format() == ImageFormat.JPEG) {
      JpegEncodeOptions o = CompressPipeline.jpegOptions(options, code);
      LumaTrim trim = preparedJpeg(o).lumaTrim(metadata, o,
          (long) (passFile.length * 8 * reach.maxShare), reach.maxPrice);
      if (!SsimTrim.worthTrying(trim.drops(), trim.savedBits(trim.drops()), image, guessBits)) {
        return null;
      }
      passPixels = Tegula.decode(passFile).image().rgba();
      trims = SsimTrim.jpeg(trim, passPixels);
    } else {
      TglEncodeOptions o = CompressPipeline.tglOptions(options, code);
      PreparedTgl prepared = preparedTgl(o);
      long[] saved16 = prepared.trimSavings(o, reach == SsimTrim.Reach.LAST);
      if (!SsimTrim.worthTrying(saved16.length, saved16[saved16.length - 1] / 16, image,
          guessBits)) {
        return null;
      }
      passPixels = Tegula.decode(passFile).image().rgba();
      trims = SsimTrim.tgl(prepared, o, metadata, saved16, passPixels);
    }
    byte[] out = SsimTrim.toBand(trims, image, passPixels, passSsim, low, high, guessBits,
        reach);
    if (out != null) {
      trimmed.add(out);
    }
    return out;
  }

  /** The bytes {@link TglEncoder#encode} gives for the image and metadata with {@code o}. */
  byte[] tgl(TglEncodeOptions o) {
    if (budget == 0) {
      return preparedTgl(o).encode(metadata, o);
    }
    PreparedTgl.Budgeted fit = preparedTgl(o).encode(metadata, o, budget, TRIM_SHARE);
    trimCodings += fit.codings();
    if (fit.trimmed()) {
      trimmed.add(fit.file());
    }
    return fit.file();
  }

  /** The image prepared for {@code o}'s JPEG side, made anew when the side changes. */
  private PreparedJpeg preparedJpeg(JpegEncodeOptions o) {
    if (jpeg == null || !jpeg.accepts(o)) {
      jpeg = null; // the other side's coefficients go before this side's are made
      jpeg = JpegEncoder.prepare(image, o);
    }
    return jpeg;
  }

  /** The image prepared for {@code o}'s .tgl side, made anew when the side changes. */
  private PreparedTgl preparedTgl(TglEncodeOptions o) {
    if (tgl == null || !tgl.accepts(o)) {
      tgl = null;
      tgl = TglEncoder.prepare(image, o);
    }
    return tgl;
  }
}
