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
  /**
   * Whether the last inflate call filled all the room it had, so that the inflater may still hold
   * output; after a call that left room, it has given out everything its input made.
   */
  private boolean outputMayWait;

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
    while (done < len && usable()) {
      int remaining = inflater.getRemaining();
      int n = inflate(buf, off + done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
      if (n == 0 && inflater.needsInput()) {
        feedNext();
        continue;
      }
      // With input left and room for output, an inflater that neither consumes nor yields
      // anything is stuck.
      idle = n > 0 || inflater.getRemaining() < remaining ? 0 : idle + 1;
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
    while (idle <= 2 && !inflater.finished() && usable()) {
      int remaining = inflater.getRemaining();
      int n = inflate(scratch, 0, scratch.length);
      if (n > 0) {
        return "extra compressed data after the image ignored";
      }
      if (n < 0) {
        return "zlib data after the image is corrupt (Adler-32 or trailer), ignored";
      }
      if (inflater.needsInput()) {
        feedNext();
      } else {
        idle = inflater.getRemaining() < remaining ? 0 : idle + 1;
      }
    }
    return inflater.finished() ? null : "the zlib stream in IDAT does not end properly";
  }

  /**
   * One inflate call: the bytes produced, or -1 (with {@link #end()} set) on corrupt data.
   *
   * <p>The inflater may still hold output after it has consumed all input (TeaVM's, from jzlib,
   * decodes ahead into its window), so it is called when it needs input if the last call filled
   * its buffer; TeaVM's then reports "no progress" as an error where the JDK returns 0, which means
   * the same here. It is not called when it needs input and holds nothing: TeaVM's error would
   * capture a JavaScript stack trace at the end of every IDAT chunk (4 % of a PNG decode in
   * Chromium, session 51).
   */
  private int inflate(byte[] buf, int off, int len) {
    boolean starving = inflater.needsInput();
    if (starving && !outputMayWait) {
      return 0;
    }
    try {
      int n = inflater.inflate(buf, off, len);
      outputMayWait = n == len;
      return n;
    } catch (DataFormatException | RuntimeException e) {
      if (starving) {
        outputMayWait = false;
        return 0;
      }
      // RuntimeException too: the TeaVM inflater may report damage that way.
      fail(End.CORRUPT, "corrupt zlib data in IDAT");
      return -1;
    }
  }

  /** False (with {@link #end()} set) once the stream ended, failed or ran out of IDAT chunks. */
  private boolean usable() {
    if (end != End.NONE) {
      return false;
    }
    if (inflater.finished()) {
      fail(End.STREAM_END, "the zlib stream ended before the image was complete");
      return false;
    }
    if (inflater.needsDictionary()) {
      // §10.1: a preset dictionary is not allowed in PNG.
      fail(End.CORRUPT, "the zlib stream in IDAT asks for a preset dictionary");
      return false;
    }
    return true;
  }

  void close() {
    inflater.end();
  }

  private void feedNext() {
    Chunk next = readerDone ? null : reader.next();
    if (next == null) {
      readerDone = true;
      fail(End.TRUNCATED, "the file ends inside the image data");
    } else if (next.type() != Chunk.IDAT) {
      following = next;
      chunkOffset = next.offset();
      if (!next.complete()) {
        readerDone = true;
        fail(End.TRUNCATED, "the file ends inside the image data");
      } else {
        fail(End.NO_MORE_IDAT, "the image data ends at the " + next.name() + " chunk");
      }
    } else {
      feed(next);
    }
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
