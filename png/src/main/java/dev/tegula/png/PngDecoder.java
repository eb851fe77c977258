package dev.tegula.png;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.ImageTarget;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Orientation;
import dev.tegula.core.RgbaTarget;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;

/**
 * Decodes PNG (W3C PNG 3rd edition / ISO/IEC 15948) to RGBA8, and to RGBA16 for 16-bit sources.
 * Gamma, chromaticities and ICC profiles are not applied: the samples come out as stored, the
 * profile is handed on in the metadata.
 *
 * <p>Stages: {@link ChunkReader} (signature, chunks, CRC), {@link HeaderReader} (IHDR, PLTE, tRNS
 * and metadata before the image data), {@link IdatStream} (inflate), {@link ScanlineDecoder} with
 * {@link Unfilter} and {@link Adam7}, {@link SampleExpander} (to RGBA), then the chunks after the
 * image data and {@link Orientation} on request.
 */
public final class PngDecoder {
  private PngDecoder() {}

  /** Whether {@code data} starts with the 8-byte PNG signature (PNG spec §5.2). */
  public static boolean looksLikePng(byte[] data) {
    return ChunkReader.hasSignature(data);
  }

  /**
   * Whether {@code data} starts as the PNG signature does (PNG §5.2: 0x89 "PNG"), whole or not:
   * enough to say that a file {@link #looksLikePng} refuses was meant to be a PNG.
   */
  public static boolean startsLikePng(byte[] data) {
    if (data == null || data.length < 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (data[i] != ChunkReader.SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns if {@code data} starts with the PNG signature (PNG §5.2), else throws what is wrong
   * with it: the byte that differs ({@link MalformedInputException} at its offset), or an input
   * that ends inside the signature ({@link TruncatedInputException}). For callers that saw the
   * first bytes of a PNG signature and want the PNG decoder's own account of the rest.
   */
  public static void requireSignature(byte[] data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    ChunkReader.requireSignature(data);
  }

  /** Reads IHDR and the chunks before the image data; allocates nothing image-sized. */
  public static ImageInfo readInfo(byte[] data, Limits limits) {
    if (data == null || limits == null) {
      throw new IllegalArgumentException("data and limits must not be null");
    }
    Warnings warnings = new Warnings();
    ChunkReader reader = new ChunkReader(data, limits, warnings);
    MetadataReader metadata = new MetadataReader(data, limits, warnings, false);
    HeaderReader.Result head = HeaderReader.read(data, reader, metadata, limits, warnings);
    return info(head, metadata.orientation());
  }

  /**
   * Decodes the image. A file whose image data ends early (cut off, or damaged after some rows)
   * gives the rows decoded so far with {@code complete() == false} and a warning; a file that
   * ends before its first IDAT chunk is a {@link TruncatedInputException}.
   *
   * @throws TegulaException when the file is not a PNG, its header is invalid, a critical chunk is
   *     damaged, or it exceeds the limits
   */
  public static DecodedImage decode(byte[] data, DecodeOptions options) {
    Decode d = new Decode(data, options);
    int samples = sampleCount(d.header);
    ImageTarget target = new ImageTarget();
    short[] rgba16;
    try {
      target.start(d.header.width(), d.header.height(), 1);
      rgba16 = d.header.bitDepth() == 16 ? new short[samples] : null;
    } catch (OutOfMemoryError e) {
      throw new LimitExceededException(
          "not enough memory for a " + d.header.width() + "x" + d.header.height() + " image");
    }
    boolean complete = d.pixels(target, rgba16);
    ImageInfo info = info(d.head, d.metadata.orientation());
    Image image = new Image(d.header.width(), d.header.height(), target.image().rgba(), rgba16);
    if (options.autoOrient() && info.orientation() != 1) {
      try {
        image = Orientation.apply(image, info.orientation());
      } catch (OutOfMemoryError e) {
        throw new LimitExceededException("not enough memory to orient the image");
      }
    }
    return new DecodedImage(image, info, d.metadata.metadata(), complete, d.warnings.summary());
  }

  /**
   * {@link #decode(byte[], DecodeOptions)} to 8-bit RGBA in {@code target}, started once the
   * header passed the limits, turned upright by the EXIF orientation read before the image data
   * when {@link DecodeOptions#autoOrient()} asks for it (an eXIf chunk after the image data is
   * reported, not applied).
   */
  public static DecodeReport decode(byte[] data, DecodeOptions options, RgbaTarget target) {
    if (target == null) {
      throw new IllegalArgumentException("target must not be null");
    }
    Decode d = new Decode(data, options);
    int orientation = options.autoOrient() ? d.metadata.orientation() : 1;
    sampleCount(d.header);
    target.start(d.header.width(), d.header.height(), orientation);
    boolean complete = d.pixels(target, null);
    ImageInfo info = info(d.head, d.metadata.orientation());
    if (options.autoOrient() && info.orientation() != orientation) {
      d.warnings.add("EXIF orientation " + info.orientation()
          + " after the image data: not applied");
    }
    boolean swap = orientation >= 5;
    int w = d.header.width();
    int h = d.header.height();
    return new DecodeReport(swap ? h : w, swap ? w : h, info, d.metadata.metadata(), complete,
        d.warnings.summary());
  }

  /** One decode: the header and the chunks before the image data, read when it is made. */
  private static final class Decode {
    final byte[] data;
    final Warnings warnings = new Warnings();
    final ChunkReader reader;
    final MetadataReader metadata;
    final HeaderReader.Result head;
    final PngHeader header;
    final int rowBuffer;

    Decode(byte[] data, DecodeOptions options) {
      if (data == null || options == null) {
        throw new IllegalArgumentException("data and options must not be null");
      }
      this.data = data;
      Limits limits = options.limits();
      reader = new ChunkReader(data, limits, warnings);
      metadata = new MetadataReader(data, limits, warnings, true);
      head = HeaderReader.read(data, reader, metadata, limits, warnings);
      header = head.header();
      if (head.firstIdat() == null) {
        // Without a single byte of image data there is nothing to show, not even a partial image.
        throw new TruncatedInputException(head.problem(), reader.position());
      }
      rowBuffer = rowBuffer(header);
    }

    /** Decodes into the started target (and rgba16 unless null); true when complete. */
    boolean pixels(RgbaTarget target, short[] rgba16) {
      SampleExpander expander =
          new SampleExpander(header, head.palette(), head.transparency(), target, rgba16);
      return decodePixels(data, reader, head, metadata, warnings, expander, rowBuffer);
    }
  }

  /** Inflates and expands the image, then reads the chunks after it; true when complete. */
  private static boolean decodePixels(byte[] data, ChunkReader reader, HeaderReader.Result head,
      MetadataReader metadata, Warnings warnings, SampleExpander expander, int rowBuffer) {
    PngHeader header = head.header();
    IdatStream idat = new IdatStream(data, reader, head.firstIdat());
    try {
      ScanlineDecoder.Progress progress = ScanlineDecoder.decode(header, idat, expander, rowBuffer);
      if (!progress.complete()) {
        // Damaged data that yields no pixel at all is not an image; data that merely stops is.
        if (progress.corrupt() && progress.rows() == 0) {
          throw new MalformedInputException(progress.problem(), progress.offset());
        }
        ScanlineDecoder.zeroRest(header, progress.rows(), expander);
        warnings.add("image incomplete: " + progress.problem() + " in the chunk at byte "
            + progress.offset());
      } else {
        String trailer = idat.finish();
        if (trailer != null) {
          warnings.add(trailer);
        }
      }
      if (!idat.inputExhausted()) {
        TrailerReader.read(reader, idat.following(), metadata, warnings);
      } else if (progress.complete()) {
        warnings.add("the file is cut off after the image data (no IEND)");
      }
      return progress.complete();
    } finally {
      idat.close();
    }
  }

  /** Bytes of the widest scanline plus its filter byte; limited to what one array can hold. */
  private static int rowBuffer(PngHeader header) {
    long bytes = header.rowBytes(header.width()) + 1;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new LimitExceededException("scanlines of " + bytes + " bytes are too long");
    }
    return (int) bytes;
  }

  private static int sampleCount(PngHeader header) {
    long samples = (long) header.width() * header.height() * 4;
    if (samples > Integer.MAX_VALUE - 8) {
      throw new LimitExceededException("a " + header.width() + "x" + header.height()
          + " image does not fit in one array");
    }
    return (int) samples;
  }

  private static ImageInfo info(HeaderReader.Result head, int orientation) {
    PngHeader h = head.header();
    return new ImageInfo(
        "png",
        h.width(),
        h.height(),
        h.channels(),
        h.bitDepth(),
        h.colorSpace(),
        h.interlaced() ? "Adam7" : "non-interlaced",
        null,
        h.interlaced(),
        h.hasAlphaChannel() || head.transparency() != null,
        orientation,
        Adam7.nonEmptyPasses(h.width(), h.height(), h.interlaced()));
  }
}
