package dev.tegula.tgl;

import dev.tegula.tgl.lossless.LosslessCodec;
import dev.tegula.tgl.lossy.LossyCodec;

/**
 * How to write a .tgl file: the mode, the lossy quality and chroma resolution, the lossless effort
 * and the tile size. Immutable.
 */
public final class TglEncodeOptions {
  /** Lossy colour's chroma resolution (format-lossy.md §2, the FULL_CHROMA flag). */
  public enum Chroma {
    /** Cb and Cr at full resolution: the flag set. */
    FULL("4:4:4"),
    /** Cb and Cr averaged over 2x2 pixels. */
    HALF("4:2:0");

    private final String label;

    Chroma(String label) {
      this.label = label;
    }

    /** "4:4:4" or "4:2:0", as JPEG names the same resolutions. */
    public String label() {
      return label;
    }
  }

  private final boolean lossless;
  /** The lossy quality in hundredths (format-lossy.md §6.1). */
  private final int hundredths;
  private final int tileSize;
  private final boolean containerCodecsOnly;
  private final boolean alphaWithColour;
  private final int effort;
  /** null: the encoder's choice by quality. */
  private final Chroma chroma;

  /** Lossless effort: 1-3 the fast method, 4 the strongest (format-lossless.md §8). */
  public static final int MIN_EFFORT = LosslessCodec.MIN_EFFORT;
  public static final int MAX_EFFORT = LosslessCodec.MAX_EFFORT;
  public static final int DEFAULT_EFFORT = LosslessCodec.DEFAULT_EFFORT;

  private TglEncodeOptions(boolean lossless, int hundredths, int tileSize, boolean containerOnly,
      boolean alphaWithColour, int effort) {
    this(lossless, hundredths, tileSize, containerOnly, alphaWithColour, effort, null);
  }

  private TglEncodeOptions(boolean lossless, int hundredths, int tileSize, boolean containerOnly,
      boolean alphaWithColour, int effort, Chroma chroma) {
    if (hundredths < 0 || hundredths > 10000) {
      throw new IllegalArgumentException("quality must be 0-100, not " + hundredths / 100.0);
    }
    if (tileSize < TglFormat.MIN_TILE_SIDE || tileSize > TglFormat.MAX_TILE_SIDE) {
      throw new IllegalArgumentException("tile size must be " + TglFormat.MIN_TILE_SIDE + "-"
          + TglFormat.MAX_TILE_SIDE + ", not " + tileSize);
    }
    if (effort < MIN_EFFORT || effort > MAX_EFFORT) {
      throw new IllegalArgumentException("effort must be " + MIN_EFFORT + "-" + MAX_EFFORT
          + ", not " + effort);
    }
    this.effort = effort;
    this.lossless = lossless;
    this.hundredths = hundredths;
    this.tileSize = tileSize;
    this.containerCodecsOnly = containerOnly;
    this.alphaWithColour = alphaWithColour;
    this.chroma = chroma;
  }

  /** Pixels restored exactly, alpha and 16-bit samples included. */
  public static TglEncodeOptions lossless() {
    return new TglEncodeOptions(true, 0, TglFormat.DEFAULT_TILE_SIDE, false, false,
        DEFAULT_EFFORT);
  }

  /** Lossy colour at {@code quality} 0-100 (higher is better and larger); alpha stays exact. */
  public static TglEncodeOptions lossy(int quality) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0-100, not " + quality);
    }
    return lossyHundredths(quality * 100);
  }

  /**
   * Lossy colour at a quality in hundredths, 0-10000 (7550 is 75.5): the quantizer steps move
   * linearly between whole qualities, so a target size can be met closely.
   */
  public static TglEncodeOptions lossyHundredths(int hundredths) {
    return new TglEncodeOptions(false, hundredths, TglFormat.DEFAULT_TILE_SIDE, false, false,
        DEFAULT_EFFORT);
  }

  /** Square tiles of {@code side} pixels, 16-4096 (default 512). */
  public TglEncodeOptions withTileSize(int side) {
    return new TglEncodeOptions(lossless, hundredths, side, containerCodecsOnly,
        alphaWithColour, effort, chroma);
  }

  /**
   * Tests of the container only: every plane is constant or stored (codecs 0 and 1), so the
   * container can be exercised without the pixel codecs. Not for real files.
   */
  TglEncodeOptions withContainerCodecsOnly() {
    return new TglEncodeOptions(lossless, hundredths, tileSize, true, alphaWithColour, effort,
        chroma);
  }

  /**
   * Lossless mode: alpha coded in one plane with the colour (format.md §8.1 content 2) instead of
   * its own plane; for measuring which the codec prefers.
   */
  TglEncodeOptions withAlphaInColourPlane() {
    return new TglEncodeOptions(lossless, hundredths, tileSize, containerCodecsOnly, true, effort,
        chroma);
  }

  /**
   * The effort of the lossless codec, 1-4 (default 2), for lossless colour and for alpha in both
   * modes: 1-3 code with the fast method (3 tries each colour transform), 4 with the strongest
   * method, a few percent smaller and several times slower to encode and to decode.
   */
  public TglEncodeOptions withEffort(int effort) {
    return new TglEncodeOptions(lossless, hundredths, tileSize, containerCodecsOnly,
        alphaWithColour, effort, chroma);
  }

  /**
   * Lossy colour's chroma resolution at every quality: {@link Chroma#FULL} or {@link Chroma#HALF},
   * or null (the default) for the encoder's choice by quality, 4:2:0 below 97 and full from 97.
   * Grey images have no chroma and ignore it; lossless files keep every sample anyway.
   */
  public TglEncodeOptions withChroma(Chroma chroma) {
    return new TglEncodeOptions(lossless, hundredths, tileSize, containerCodecsOnly,
        alphaWithColour, effort, chroma);
  }

  /** The fixed chroma resolution, or null for the encoder's choice by quality. */
  public Chroma chroma() {
    return chroma;
  }

  /**
   * The chroma resolution a lossy colour encode at this quality uses: the fixed one, else the
   * encoder's choice.
   */
  public Chroma chromaUsed() {
    return chroma != null ? chroma
        : hundredths / 100 >= LossyCodec.fullChromaFromQuality() ? Chroma.FULL : Chroma.HALF;
  }

  /** For the lossy codec: true full chroma, false 4:2:0, null its choice by quality. */
  Boolean fullChroma() {
    return chroma == null ? null : chroma == Chroma.FULL;
  }

  public int effort() {
    return effort;
  }

  public boolean isLossless() {
    return lossless;
  }

  /** The lossy quality's whole part; 0 for lossless. */
  public int quality() {
    return hundredths / 100;
  }

  /** The lossy quality in hundredths; 0 for lossless. */
  public int qualityHundredths() {
    return hundredths;
  }

  public int tileSize() {
    return tileSize;
  }

  boolean containerCodecsOnly() {
    return containerCodecsOnly;
  }

  boolean alphaWithColour() {
    return alphaWithColour;
  }
}
