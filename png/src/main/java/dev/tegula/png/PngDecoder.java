package dev.tegula.png;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Orientation;
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
    if (data == null || options == null) {
      throw new IllegalArgumentException("data and options must not be null");
    }
    Limits limits = options.limits();
    Warnings warnings = new Warnings();
    ChunkReader reader = new ChunkReader(data, limits, warnings);
    MetadataReader metadata = new MetadataReader(data, limits, warnings, true);
    HeaderReader.Result head = HeaderReader.read(data, reader, metadata, limits, warnings);
    PngHeader header = head.header();
    if (head.firstIdat() == null) {
      // Without a single byte of image data there is nothing to show, not even a partial image.
      throw new TruncatedInputException(head.problem(), reader.position());
    }

    int rowBuffer = rowBuffer(header);
    boolean wide = header.bitDepth() == 16;
    int samples = sampleCount(header);
    byte[] rgba;
    short[] rgba16;
    try {
      rgba = new byte[samples];
      rgba16 = wide ? new short[samples] : null;
    } catch (OutOfMemoryError e) {
      throw new LimitExceededException(
          "not enough memory for a " + header.width() + "x" + header.height() + " image");
    }

    boolean complete =
        decodePixels(data, reader, head, metadata, warnings, rgba, rgba16, rowBuffer);

    ImageInfo info = info(head, metadata.orientation());
    Image image = new Image(header.width(), header.height(), rgba, rgba16);
    if (options.autoOrient() && info.orientation() != 1) {
      try {
        image = Orientation.apply(image, info.orientation());
      } catch (OutOfMemoryError e) {
        throw new LimitExceededException("not enough memory to orient the image");
      }
    }
    return new DecodedImage(image, info, metadata.metadata(), complete, warnings.summary());
  }

  /** Inflates and expands the image, then reads the chunks after it; true when complete. */
  private static boolean decodePixels(byte[] data, ChunkReader reader, HeaderReader.Result head,
      MetadataReader metadata, Warnings warnings, byte[] rgba, short[] rgba16, int rowBuffer) {
    PngHeader header = head.header();
    SampleExpander expander =
        new SampleExpander(header, head.palette(), head.transparency(), rgba, rgba16);
    IdatStream idat = new IdatStream(data, reader, head.firstIdat());
    try {
      ScanlineDecoder.Progress progress = ScanlineDecoder.decode(header, idat, expander, rowBuffer);
      if (!progress.complete()) {
        // Damaged data that yields no pixel at all is not an image; data that merely stops is.
        if (progress.corrupt() && progress.rows() == 0) {
          throw new MalformedInputException(progress.problem(), progress.offset());
        }
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
