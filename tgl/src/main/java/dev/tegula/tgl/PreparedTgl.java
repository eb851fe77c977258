package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.tgl.lossy.PreparedLossyTile;

/**
 * An image made ready for lossy .tgl encodes at any quality of one chroma resolution
 * ({@link TglEncoder#prepare}): every tile's colour transform, lapping, forward DCT and AQ
 * levels ({@link dev.tegula.tgl.lossy.PreparedLossyTile}), its constant planes and its lossless
 * alpha plane, none of which depends on the quality. Each {@link #encode} gives the bytes of
 * {@link TglEncoder#encode} with the same options.
 *
 * <p>The tiles' coefficients are shorts: about 3 bytes per pixel with 4:2:0 chroma, 6 with full
 * chroma, 2 for grey (tiles padded to whole 16x16 macroblocks). The image is kept, not copied: the
 * rare tile stored raw at a top quality takes its samples from it again, so it must not change
 * while this is in use.
 */
public final class PreparedTgl {
  private final Image image;
  private final TglEncodeOptions options;
  private final TglHeader header;
  private final boolean fullChroma;
  private final PreparedTile[] tiles;

  PreparedTgl(Image image, TglEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    if (options.isLossless()) {
      throw new IllegalArgumentException("only lossy encodes are prepared");
    }
    this.image = image;
    this.options = options;
    this.header = new TglEncoding(image, null, options).header();
    this.fullChroma = options.chromaUsed() == TglEncodeOptions.Chroma.FULL;
    this.tiles = new PreparedTile[(int) header.tileCount()];
    for (int t = 0; t < tiles.length; t++) {
      tiles[t] = TileEncoder.prepare(image, header, header.tile(t), options);
    }
  }

  /**
   * Whether {@link #encode} takes {@code options}: lossy, with the tile size and effort (of the
   * alpha plane) prepared for and, for a colour image, the same chroma resolution at its quality
   * ({@link TglEncodeOptions#chromaUsed}).
   */
  public boolean accepts(TglEncodeOptions o) {
    return o != null && !o.isLossless() && o.tileSize() == options.tileSize()
        && o.effort() == options.effort()
        && o.containerCodecsOnly() == options.containerCodecsOnly()
        && (header.colour() == 1 || (o.chromaUsed() == TglEncodeOptions.Chroma.FULL) == fullChroma);
  }

  /**
   * The bytes {@link TglEncoder#encode} gives for the prepared image with these options.
   *
   * @param metadata EXIF, ICC, XMP and text to carry verbatim (null for none)
   * @throws IllegalArgumentException when {@code options} is not {@link #accepts accepted}
   */
  public byte[] encode(Metadata metadata, TglEncodeOptions o) {
    if (!accepts(o)) {
      throw new IllegalArgumentException("options do not match the prepared tiles (lossy, tile "
          + options.tileSize() + ", effort " + options.effort()
          + (header.colour() == 1 ? "" : fullChroma ? ", full chroma" : ", 4:2:0") + ")");
    }
    return encode(metadata, o, PreparedLossyTile.NO_TRIM, null);
  }

  /**
   * {@link #encode} with every lossy tile trimmed to {@code threshold} (or {@link
   * PreparedLossyTile#NO_TRIM}), and with {@code savings} counting what trims would save.
   */
  private byte[] encode(Metadata metadata, TglEncodeOptions o, int threshold, long[] savings) {
    TglHeader h = new TglHeader(header.width(), header.height(), header.colour(), header.alpha(),
        header.bitDepth(), true, o.quality(), header.tileWidth(), header.tileHeight());
    byte[][] coded = new byte[tiles.length][];
    for (int t = 0; t < tiles.length; t++) {
      coded[t] = TileEncoder.encode(tiles[t], image, h, o, threshold, savings);
    }
    return TglEncoding.assemble(h, metadata == null ? Metadata.EMPTY : metadata, coded);
  }

  /**
   * A file fitted to a byte budget.
   *
   * @param file the bytes
   * @param trimmed whether coefficients were dropped to fit it (the encode alone was over)
   * @param codings the tiles' codings after the encode's own, trimmed or tried (each costs
   *     about as much as a prepared encode)
   */
  public record Budgeted(byte[] file, boolean trimmed, int codings) {}

  /** The largest share of a budget that a budgeted {@link #encode} trims. */
  public static final double MAX_TRIM_SHARE = 0.1;
  /** Codings of a trimmed file at most: the first usually lands, a second when it did not. */
  private static final int TRIM_ROUNDS = 3;
  /**
   * Real bits a first round expects per thousand estimated: on the size searches' trims of
   * session 36 the ratio's median was 824 (10th percentile 664, 90th 1,046). A first round that
   * saves too little costs another coding of the tiles; one that saves a little too much only
   * lands lower in the band. Measured (TargetLanding .tgl size, the twelve sets, trims counted
   * as encodes, the price bound then at 3 times BudgetTrim's lambda), 700 / 800 / 900 / 1,000:
   * within 3 encodes 1,004 / 1,004 / 1,002 / 996 of 1,011, trims taking a second coding 0 / 1 /
   * 11 / 50 of about 240.
   */
  private static final long FIRST_RATIO = 800;
  /** What a trim aims under the budget, per mille of it: the estimate's error is about this. */
  private static final int TRIM_MARGIN_PER_MILLE = 4;

  /**
   * {@link #encode}, fitted to a budget: when the file is over {@code maxBytes} by at most
   * {@code trimShare} of it, every lossy tile drops its blocks' cheapest trailing values (one
   * price threshold over the whole image, {@link PreparedLossyTile#encodeHundredths}) until the
   * file fits, coding the tiles again each round (at most {@value #TRIM_ROUNDS}); otherwise, or
   * when it would not fit without dearer drops, or after those rounds, the file as encoded. The
   * same options and budget give the same bytes.
   *
   * @param maxBytes the budget, at least 1
   * @param trimShare the largest share of {@code maxBytes} a trim may remove, 0 to {@link
   *     #MAX_TRIM_SHARE}
   * @throws IllegalArgumentException as {@link #encode}, or for a budget or share out of range
   */
  public Budgeted encode(Metadata metadata, TglEncodeOptions o, int maxBytes, double trimShare) {
    if (maxBytes < 1 || !(trimShare >= 0 && trimShare <= MAX_TRIM_SHARE)) {
      throw new IllegalArgumentException("budget " + maxBytes + " bytes, trim share " + trimShare
          + ": need at least 1 byte and a share from 0 to " + MAX_TRIM_SHARE);
    }
    // what trims would save is counted in the encode's own pass: a pass of its own cost about a
    // quarter of an encode
    long[] saved = new long[PreparedLossyTile.TRIM_BUCKETS];
    byte[] untrimmed = encode(metadata, o, PreparedLossyTile.NO_TRIM, saved);
    if (untrimmed.length <= maxBytes || untrimmed.length > maxBytes * (1 + trimShare)) {
      return new Budgeted(untrimmed, false, 0);
    }
    // from here saved[b] is what every threshold up to b saves together
    for (int b = 1; b < saved.length; b++) {
      saved[b] += saved[b - 1];
    }
    long goal = maxBytes - (long) maxBytes * TRIM_MARGIN_PER_MILLE / 1000;
    double floor = maxBytes * (1 - trimShare);
    // real bits saved per thousand estimated, learnt from each round
    long ratio = FIRST_RATIO;
    // thresholds known to leave the file over the budget, and to take it under the floor
    int over = -1;
    int under = saved.length;
    int codings = 0;
    for (int round = 0; round < TRIM_ROUNDS && over + 1 < under; round++) {
      long need = ((untrimmed.length - goal) * 8 * 16 * 1000 + ratio - 1) / ratio;
      int threshold = 0;
      while (threshold < saved.length && saved[threshold] < need) {
        threshold++;
      }
      if (threshold == saved.length && round == 0) {
        // what is left costs more than a lower quality would: the encode stands as it is
        return new Budgeted(untrimmed, false, codings);
      }
      threshold = Math.max(over + 1, Math.min(under - 1, threshold));
      byte[] trimmed = encode(metadata, o, threshold, null);
      codings++;
      if (trimmed.length <= maxBytes && trimmed.length >= floor) {
        return new Budgeted(trimmed, true, codings);
      }
      if (trimmed.length > maxBytes) {
        over = threshold;
      } else {
        under = threshold;
      }
      long real = (untrimmed.length - (long) trimmed.length) * 8 * 16;
      ratio = Math.min(4000, Math.max(250, real * 1000 / Math.max(1, saved[threshold])));
    }
    // a trim that took the file under the floor would read as a quality's size to the caller
    return new Budgeted(untrimmed, false, codings);
  }

  /**
   * {@link #encode} with every lossy tile trimmed to price bucket {@code threshold}, 0 to {@link
   * PreparedLossyTile#FAR_TRIM_BUCKETS} - 1, or {@link PreparedLossyTile#NO_TRIM}: a target SSIM
   * search's trimmed pass.
   *
   * @throws IllegalArgumentException as {@link #encode}, or for a threshold out of range
   */
  public byte[] encode(Metadata metadata, TglEncodeOptions o, int threshold) {
    checkTrim(o, threshold);
    return encode(metadata, o, threshold, null);
  }

  /**
   * What trims of every lossy tile would save at {@code o}'s quality, in 1/16 bits, by the price
   * bucket they become affordable at (cumulative: entry b is what threshold b saves), counted
   * without coding the tiles: the {@link PreparedLossyTile#TRIM_BUCKETS} thresholds of a trim a
   * lower quality could replace, or with {@code far} all {@link
   * PreparedLossyTile#FAR_TRIM_BUCKETS}, up to the dearest drops a trim makes.
   */
  public long[] trimSavings(TglEncodeOptions o, boolean far) {
    checkTrim(o, PreparedLossyTile.NO_TRIM);
    long[] saved = new long[far ? PreparedLossyTile.FAR_TRIM_BUCKETS
        : PreparedLossyTile.TRIM_BUCKETS];
    for (PreparedTile t : tiles) {
      if (t.constantColour() == null && t.lossy() != null) {
        t.lossy().trimSavings(o.qualityHundredths(), saved);
      }
    }
    for (int b = 1; b < saved.length; b++) {
      saved[b] += saved[b - 1];
    }
    return saved;
  }

  /**
   * Writes into {@code rgba} (the image's size, RGBA) the pixels every lossy-coded tile of
   * {@link #encode(Metadata, TglEncodeOptions, int)} decodes to, without coding them; constant
   * tiles, and the rare tile a top quality stores raw, are left as they are (a caller starts from
   * the untrimmed file's decode, which holds them).
   */
  public void reconstruct(TglEncodeOptions o, int threshold, byte[] rgba) {
    checkTrim(o, threshold);
    if (rgba == null || rgba.length != (long) header.width() * header.height() * 4) {
      throw new IllegalArgumentException("rgba must hold the image's pixels");
    }
    dev.tegula.tgl.lossy.LossyScratch scratch = new dev.tegula.tgl.lossy.LossyScratch();
    for (PreparedTile t : tiles) {
      if (t.constantColour() == null && t.lossy() != null) {
        t.lossy().reconstruct(o.qualityHundredths(), threshold, rgba, header.width(),
            t.rect().x(), t.rect().y(), scratch);
      }
    }
  }

  private void checkTrim(TglEncodeOptions o, int threshold) {
    if (!accepts(o)) {
      throw new IllegalArgumentException("options do not match the prepared tiles");
    }
    PreparedLossyTile.checkThreshold(threshold);
  }
}
