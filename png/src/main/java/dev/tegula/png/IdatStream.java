package dev.tegula.png;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The zlib datastream spread over consecutive IDAT chunks (PNG spec §10.1, §10.2, §11.2.4), inflated
 * on demand straight from the input array: chunks are fed to the inflater one at a time, never
 * concatenated, and the caller asks for exactly the bytes of the next scanline, so a stream that
 * would inflate to more than the image needs (a zlib bomb) costs nothing beyond the image.
 */
final class IdatStream {
  /** Why {@link #read} returned fewer bytes than asked. */
  enum End {
    /** More data may follow. */
    NONE,
    /** The file ended inside the image data. */
    TRUNCATED,
    /** A chunk other than IDAT came before the image was complete. */
    NO_MORE_IDAT,
    /** The zlib stream ended before the image was complete. */
    STREAM_END,
    /** The zlib data is corrupt. */
    CORRUPT
  }

  private final byte[] data;
  private final ChunkReader reader;
  private final Inflater inflater = new Inflater();
  private End end = End.NONE;
  private String detail = "";
  private long chunkOffset;
  /** The first chunk after the IDAT run, which the caller still has to look at. */
  private Chunk following;
  private boolean readerDone;

  IdatStream(byte[] data, ChunkReader reader, Chunk firstIdat) {
    this.data = data;
    this.reader = reader;
    feed(firstIdat);
  }

  End end() {
    return end;
  }

  /** What went wrong, for the warning. */
  String detail() {
    return detail;
  }

  /** Where the chunk being inflated (or the one that ended the run) starts. */
  long offset() {
    return chunkOffset;
  }

  /** The chunk that ended the IDAT run, or null. */
  Chunk following() {
    return following;
  }

  /** True once the chunk reader reached the end of the input (so the caller stops reading). */
  boolean inputExhausted() {
    return readerDone;
  }

  /** Fills {@code buf[off..off+len)}; returns the bytes delivered, fewer than len only at an end. */
  int read(byte[] buf, int off, int len) {
    int done = 0;
    int idle = 0;
    while (done < len && end == End.NONE) {
      int n;
      try {
        n = inflater.inflate(buf, off + done, len - done);
      } catch (DataFormatException e) {
        fail(End.CORRUPT, "corrupt zlib data in IDAT");
        break;
      } catch (RuntimeException e) {
        // The TeaVM inflater reports some damage as runtime exceptions; treat them alike.
        fail(End.CORRUPT, "corrupt zlib data in IDAT");
        break;
      }
      if (n > 0) {
        done += n;
        idle = 0;
        continue;
      }
      int s = step();
      if (s == STOP) {
        break;
      }
      // An inflater that neither produces output nor asks for input would loop forever.
      idle = s == FED ? 0 : idle + 1;
      if (idle > 2) {
        fail(End.CORRUPT, "zlib data in IDAT makes no progress");
      }
    }
    return done;
  }

  /**
   * After the image is complete: checks that the zlib stream ends (which verifies its Adler-32)
   * without inflating more than a few bytes, and says what it found.
   *
   * @return null when the stream ends cleanly, else a warning
   */
  String finish() {
    byte[] scratch = new byte[64];
    int idle = 0;
    while (end == End.NONE && !inflater.finished()) {
      int n;
      try {
        n = inflater.inflate(scratch);
      } catch (DataFormatException | RuntimeException e) {
        return "zlib data after the image is corrupt (Adler-32 or trailer), ignored";
      }
      if (n > 0) {
        return "extra compressed data after the image ignored";
      }
      int s = step();
      idle = s == FED ? 0 : idle + 1;
      if (s == STOP || idle > 2) {
        break;
      }
    }
    return inflater.finished() ? null : "the zlib stream in IDAT does not end properly";
  }

  void close() {
    inflater.end();
  }

  private static final int STOP = 0;
  private static final int FED = 1;
  private static final int RETRY = 2;

  /** Handles an inflater that returned nothing: STOP when there is no more image data. */
  private int step() {
    if (inflater.finished()) {
      fail(End.STREAM_END, "the zlib stream ended before the image was complete");
      return STOP;
    }
    if (inflater.needsDictionary()) {
      // §10.1: a preset dictionary is not allowed in PNG.
      fail(End.CORRUPT, "the zlib stream in IDAT asks for a preset dictionary");
      return STOP;
    }
    if (!inflater.needsInput()) {
      return RETRY;
    }
    Chunk next = reader.next();
    if (next == null) {
      readerDone = true;
      fail(End.TRUNCATED, "the file ends inside the image data");
      return STOP;
    }
    if (next.type() != Chunk.IDAT) {
      following = next;
      chunkOffset = next.offset();
      if (!next.complete()) {
        readerDone = true;
        fail(End.TRUNCATED, "the file ends inside the image data");
      } else {
        fail(End.NO_MORE_IDAT, "the image data ends at the " + next.name() + " chunk");
      }
      return STOP;
    }
    feed(next);
    return FED;
  }

  private void feed(Chunk chunk) {
    chunkOffset = chunk.offset();
    inflater.setInput(data, chunk.dataOffset(), chunk.available());
    if (!chunk.complete()) {
      // The last chunk of a cut file: use what is there, then report the truncation.
      readerDone = true;
    }
  }

  private void fail(End why, String message) {
    end = why;
    detail = message;
  }
}
