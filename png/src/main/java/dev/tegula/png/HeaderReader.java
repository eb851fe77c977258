package dev.tegula.png;

import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;

/**
 * Reads the chunks before the image data, in the order of PNG spec §5.6: IHDR first (§11.2.2,
 * checked against the limits before anything is allocated), then PLTE (§11.2.3), tRNS (§11.3.2.1)
 * and metadata, up to the first IDAT (§11.2.4).
 */
final class HeaderReader {
  /**
   * What the chunks before the image data said.
   *
   * @param firstIdat the first IDAT chunk, or null when the file ends before the image data
   * @param problem why there is no image data (when firstIdat is null)
   */
  record Result(
      PngHeader header, Palette palette, Transparency transparency, Chunk firstIdat,
      String problem) {}

  private HeaderReader() {}

  static Result read(byte[] data, ChunkReader reader, MetadataReader metadata, Limits limits,
      Warnings warnings) {
    PngHeader header = readIhdr(data, reader, limits);
    Palette palette = null;
    Transparency transparency = null;
    boolean seenTrns = false;
    while (true) {
      Chunk chunk = reader.next();
      if (chunk == null) {
        return new Result(header, palette, transparency, null, "the file ends before the image data");
      }
      int type = chunk.type();
      if (!chunk.complete()) {
        if (type == Chunk.IDAT) {
          requirePalette(header, palette, chunk);
          return new Result(header, palette, transparency, chunk, null);
        }
        return new Result(header, palette, transparency, null,
            "the file ends inside the " + describe(chunk) + " before the image data");
      }
      if (type == Chunk.IDAT) {
        requirePalette(header, palette, chunk);
        return new Result(header, palette, transparency, chunk, null);
      } else if (type == Chunk.PLTE) {
        palette = readPalette(data, chunk, header, palette, warnings);
      } else if (type == Chunk.TRNS) {
        if (seenTrns) {
          warnings.add("ignored a second tRNS chunk at byte " + chunk.offset());
        } else {
          seenTrns = true;
          transparency = Transparency.parse(data, chunk, header, palette, warnings);
        }
      } else if (type == Chunk.IHDR) {
        throw new MalformedInputException("a second IHDR chunk", chunk.offset());
      } else if (type == Chunk.IEND) {
        throw new MalformedInputException("IEND before any IDAT chunk", chunk.offset());
      } else if (!metadata.accept(chunk)) {
        rejectUnknownCritical(chunk);
      }
    }
  }

  private static PngHeader readIhdr(byte[] data, ChunkReader reader, Limits limits) {
    Chunk first = reader.next();
    if (first == null) {
      throw new TruncatedInputException("the file ends after the PNG signature", reader.position());
    }
    if (first.type() == 0) {
      throw new TruncatedInputException("the file ends inside the IHDR chunk", first.offset());
    }
    if (first.type() != Chunk.IHDR) {
      throw new MalformedInputException(
          "the first chunk is " + first.name() + ", not IHDR", first.offset());
    }
    if (!first.complete()) {
      throw new TruncatedInputException("the file ends inside the IHDR chunk", first.offset());
    }
    PngHeader header = PngHeader.parse(data, first);
    limits.checkDimensions(header.width(), header.height(), first.dataOffset());
    return header;
  }

  private static Palette readPalette(
      byte[] data, Chunk chunk, PngHeader header, Palette palette, Warnings warnings) {
    switch (header.colorType()) {
      case PngHeader.PALETTE:
        if (palette != null) {
          throw new MalformedInputException("a second PLTE chunk", chunk.offset());
        }
        return Palette.parse(data, chunk, header);
      case PngHeader.GREY:
      case PngHeader.GREY_ALPHA:
        warnings.add("ignored PLTE chunk in a greyscale image at byte " + chunk.offset());
        return palette;
      default:
        // A suggested palette for truecolour images (§11.2.3); we do not quantise.
        return palette;
    }
  }

  private static void requirePalette(PngHeader header, Palette palette, Chunk idat) {
    if (header.colorType() == PngHeader.PALETTE && palette == null) {
      throw new MalformedInputException("indexed-colour image without PLTE before IDAT",
          idat.offset());
    }
  }

  /** §5.4: a decoder must not go on past a critical chunk it does not know. */
  static void rejectUnknownCritical(Chunk chunk) {
    if (chunk.isCritical()) {
      throw new UnsupportedFeatureException(
          "unknown critical chunk " + chunk.name(), chunk.offset());
    }
  }

  static String describe(Chunk chunk) {
    return chunk.type() == 0 ? "chunk header at byte " + chunk.offset()
        : chunk.name() + " chunk at byte " + chunk.offset();
  }
}
