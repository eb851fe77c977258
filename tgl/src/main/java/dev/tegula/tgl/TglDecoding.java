package dev.tegula.tgl;

import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.RgbaTarget;
import dev.tegula.core.TruncatedInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Restores the pixels of an opened file tile by tile (format.md §11.1 step 5). A tile that is
 * missing, fails its CRC or does not decode is filled with grey and named in the warning; the
 * others are decoded as usual (§11.2).
 *
 * <p>The pixels go into an image of its own, or, for an 8-bit image, into an {@link RgbaTarget}
 * the caller owns: each tile is decoded into a tile of packed pixels, whose rows the target
 * takes. A target takes one tile at a time, so with a target the tiles run on one thread.
 */
public final class TglDecoding implements TileJob<DecodedImage> {
  /** Entries (single tiles or runs) named in the warning; beyond this they are counted. */
  private static final int MAX_ENTRIES = 64;

  private final TglFile file;
  /** The image's buffers, or null when the pixels go to {@link #target}. */
  private final byte[] rgba;
  private final short[] rgba16;
  private final RgbaTarget target;
  /** A tile's packed pixels on their way to {@link #target}. */
  private final int[] tilePixels;
  /** The EXIF orientation the target turns the image by, 1 without a target. */
  private final int orientation;
  private final String[] problems;
  private final boolean[] done;
  /**
   * Tile working memory not in use (issue 8: reused from tile to tile instead of made per tile);
   * tiles decoded at the same time each take their own, so there are as many as threads.
   */
  private final ArrayDeque<TileScratch> idle = new ArrayDeque<>();

  TglDecoding(TglFile file) {
    this.file = file;
    TglHeader h = file.header();
    long samples = (long) h.width() * h.height() * 4;
    if (samples > Integer.MAX_VALUE - 16) {
      throw new LimitExceededException("an image of " + h.width() + "x" + h.height()
          + " pixels does not fit in one Java array");
    }
    this.rgba = new byte[(int) samples];
    this.rgba16 = h.bitDepth() == 16 ? new short[(int) samples] : null;
    this.target = null;
    this.tilePixels = null;
    this.orientation = 1;
    this.problems = new String[file.tileCount()];
    this.done = new boolean[file.tileCount()];
  }

  /** Into {@code target}, turned upright by {@code orientation} (EXIF) on the way. */
  TglDecoding(TglFile file, RgbaTarget target, int orientation) {
    this.file = file;
    TglHeader h = file.header();
    if (h.bitDepth() != 8) {
      throw new IllegalArgumentException("a target takes 8-bit pixels; this image is 16-bit");
    }
    this.rgba = null;
    this.rgba16 = null;
    this.target = target;
    this.orientation = orientation;
    // a tile is at most tileWidth x tileHeight (§7.1), which the parser checked against the limits
    this.tilePixels = new int[Math.multiplyExact(Math.min(h.tileWidth(), h.width()),
        Math.min(h.tileHeight(), h.height()))];
    this.problems = new String[file.tileCount()];
    this.done = new boolean[file.tileCount()];
    target.start(h.width(), h.height(), orientation);
  }

  @Override
  public int tileCount() {
    return file.tileCount();
  }

  /** Decodes tile {@code index} into the image, or fills it grey and records why not. */
  @Override
  public void runTile(int index) {
    TglHeader h = file.header();
    TileEntry entry = file.tile(index);
    String problem = file.verifyTile(index);
    if (problem == null) {
      TileScratch idleScratch;
      synchronized (idle) {
        idleScratch = idle.poll();
      }
      TileScratch scratch = idleScratch != null ? idleScratch : new TileScratch();
      try {
        problem = TileDecoder.problemOf(() -> {
          if (target != null) {
            TileDecoder.decodePacked(file.data(), entry.dataOffset(), entry.dataLength(), h,
                entry.rect(), tilePixels, scratch);
          } else {
            TileDecoder.decode(file.data(), entry.dataOffset(), entry.dataLength(), h,
                entry.rect(), rgba, rgba16, scratch);
          }
        });
      } finally {
        synchronized (idle) {
          idle.push(scratch);
        }
      }
    }
    TileRect r = entry.rect();
    if (problem != null) {
      problems[index] = problem;
      if (target != null) {
        PixelPacking.fillGrey(tilePixels, r.width() * r.height());
      } else {
        PixelPacking.fillGrey(h, r, rgba, rgba16);
      }
    }
    if (target != null) {
      for (int y = 0; y < r.height(); y++) {
        target.row(r.y() + y, tilePixels, y * r.width(), r.x(), 1, r.width());
      }
    }
    done[index] = true;
  }

  /**
   * The image, once every tile has run.
   *
   * @throws TruncatedInputException when the file ends before any tile could be decoded
   * @throws MalformedInputException when every tile is damaged
   */
  @Override
  public DecodedImage finish() {
    if (target != null) {
      throw new IllegalStateException("the pixels went to a target: call finishInto()");
    }
    String warning = warning();
    TglHeader h = file.header();
    Image image = new Image(h.width(), h.height(), rgba, rgba16);
    return new DecodedImage(image, file.info(), file.metadata(), warning == null, warning);
  }

  /**
   * What the target holds, once every tile has run, with the size of the upright image.
   *
   * @throws TruncatedInputException when the file ends before any tile could be decoded
   * @throws MalformedInputException when every tile is damaged
   */
  public DecodeReport finishInto() {
    if (target == null) {
      throw new IllegalStateException("no target: call finish()");
    }
    String warning = warning();
    TglHeader h = file.header();
    boolean swap = orientation >= 5;
    return new DecodeReport(swap ? h.height() : h.width(), swap ? h.width() : h.height(),
        file.info(), file.metadata(), warning == null, warning);
  }

  /** The damaged tiles and the file's own warnings, or null; throws when no tile decoded. */
  private String warning() {
    int damaged = 0;
    boolean allCut = true;
    for (int t = 0; t < problems.length; t++) {
      if (!done[t]) {
        throw new IllegalStateException("tile " + t + " was not run");
      }
      if (problems[t] != null) {
        damaged++;
        allCut &= file.tile(t).cut();
      }
    }
    if (damaged == problems.length) {
      if (allCut) {
        throw new TruncatedInputException("the file ends before the first tile's data",
            file.data().length);
      }
      throw new MalformedInputException("no tile decodes; " + describeDamage(), -1);
    }
    List<String> warnings = new ArrayList<>();
    if (damaged > 0) {
      warnings.add(damaged + " of " + problems.length + " tiles damaged, shown grey: "
          + describeDamage());
    }
    warnings.addAll(file.warnings());
    return warnings.isEmpty() ? null : String.join("; ", warnings);
  }

  /**
   * Names every damaged tile (format.md §11.2); a run of consecutive tiles with the same problem,
   * as a truncation leaves, is named once as a range, so the warning stays short.
   */
  private String describeDamage() {
    StringBuilder sb = new StringBuilder();
    int entries = 0;
    for (int t = 0; t < problems.length; t++) {
      if (problems[t] == null) {
        continue;
      }
      int last = t;
      while (last + 1 < problems.length && problems[t].equals(problems[last + 1])) {
        last++;
      }
      if (entries == MAX_ENTRIES) {
        int rest = 0;
        for (int u = t; u < problems.length; u++) {
          rest += problems[u] == null ? 0 : 1;
        }
        sb.append("; and ").append(rest).append(" more tiles");
        break;
      }
      sb.append(entries++ == 0 ? "" : "; ");
      if (last == t) {
        sb.append(file.tile(t).rect().describe());
      } else {
        sb.append("tiles ").append(t).append('-').append(last).append(" (from ")
            .append(file.tile(t).rect().describe()).append(" to ")
            .append(file.tile(last).rect().describe()).append(')');
      }
      sb.append(": ").append(problems[t]);
      t = last;
    }
    return sb.toString();
  }

  /** Tiles that failed so far, with the reason (null entries are fine or not yet run). */
  public String problem(int index) {
    return problems[index];
  }
}
