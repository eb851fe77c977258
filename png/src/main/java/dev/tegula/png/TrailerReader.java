package dev.tegula.png;

import dev.tegula.core.MalformedInputException;

/**
 * Reads the chunks after the image data up to IEND (PNG spec §5.6, §11.2.5): metadata that may
 * follow IDAT is kept, out-of-place chunks are skipped with a warning, a missing IEND is a warning.
 * Anything after IEND is ignored.
 */
final class TrailerReader {
  private TrailerReader() {}

  /** @param first the chunk that ended the IDAT run, or null */
  static void read(ChunkReader reader, Chunk first, MetadataReader metadata, Warnings warnings) {
    Chunk chunk = first != null ? first : reader.next();
    while (true) {
      if (chunk == null) {
        warnings.add("no IEND chunk");
        return;
      }
      if (!chunk.complete()) {
        warnings.add("the file ends inside the " + HeaderReader.describe(chunk)
            + " after the image data");
        return;
      }
      int type = chunk.type();
      if (type == Chunk.IEND) {
        return;
      }
      if (type == Chunk.IHDR) {
        throw new MalformedInputException("a second IHDR chunk", chunk.offset());
      }
      if (type == Chunk.PLTE || type == Chunk.TRNS) {
        warnings.add("ignored " + chunk.name() + " chunk after the image data at byte "
            + chunk.offset());
      } else if (type != Chunk.IDAT && !metadata.accept(chunk)) {
        HeaderReader.rejectUnknownCritical(chunk);
      }
      chunk = reader.next();
    }
  }
}
