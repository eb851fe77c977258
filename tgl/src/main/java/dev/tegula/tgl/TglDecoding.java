package dev.tegula.tgl;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Restores the pixels of an opened file tile by tile (format.md §11.1 step 5). A tile that is
 * missing, fails its CRC or does not decode is filled with grey and named in the warning; the
 * others are decoded as usual (§11.2).
 */
public final class TglDecoding implements TileJob<DecodedImage> {
  /** Damaged tiles named one by one in the warning; beyond this they are counted. */
  private static final int NAMED_TILES = 8;

  private final TglFile file;
  private final byte[] rgba;
  private final short[] rgba16;
  private final String[] problems;
  private final boolean[] done;

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
    this.problems = new String[file.tileCount()];
    this.done = new boolean[file.tileCount()];
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
      try {
        TileDecoder.decode(file.data(), entry.dataOffset(), entry.dataLength(), h, entry.rect(),
            rgba, rgba16);
      } catch (TegulaException e) {
        problem = "its data does not decode: " + e.getMessage();
      } catch (RuntimeException e) {
        // a codec bug on data that passed its CRC: still only this tile is lost
        problem = "its data does not decode (" + e.getClass().getName() + ")";
      }
    }
    if (problem != null) {
      problems[index] = problem;
      PixelPacking.fillGrey(h, entry.rect(), rgba, rgba16);
    }
    done[index] = true;
  }

  /**
   * @throws TruncatedInputException when the file ends before any tile could be decoded
   * @throws MalformedInputException when every tile is damaged
   */
  @Override
  public DecodedImage finish() {
    List<String> damaged = new ArrayList<>();
    boolean allCut = true;
    for (int t = 0; t < problems.length; t++) {
      if (!done[t]) {
        throw new IllegalStateException("tile " + t + " was not run");
      }
      if (problems[t] != null) {
        damaged.add(file.tile(t).rect().describe() + ": " + problems[t]);
        allCut &= file.tile(t).cut();
      }
    }
    if (damaged.size() == problems.length) {
      if (allCut) {
        throw new TruncatedInputException("the file ends before the first tile's data",
            file.data().length);
      }
      throw new MalformedInputException("no tile decodes; " + damaged.get(0)
          + (damaged.size() > 1 ? " (and " + (damaged.size() - 1) + " more)" : ""), -1);
    }
    List<String> warnings = new ArrayList<>();
    if (!damaged.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(damaged.size()).append(" of ").append(problems.length).append(" tiles damaged, shown grey: ");
      for (int i = 0; i < Math.min(NAMED_TILES, damaged.size()); i++) {
        sb.append(i == 0 ? "" : "; ").append(damaged.get(i));
      }
      if (damaged.size() > NAMED_TILES) {
        sb.append("; and ").append(damaged.size() - NAMED_TILES).append(" more");
      }
      warnings.add(sb.toString());
    }
    warnings.addAll(file.warnings());
    TglHeader h = file.header();
    Image image = new Image(h.width(), h.height(), rgba, rgba16);
    String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
    return new DecodedImage(image, file.info(), file.metadata(), warning == null, warning);
  }

  /** Tiles that failed so far, with the reason (null entries are fine or not yet run). */
  public String problem(int index) {
    return problems[index];
  }
}
