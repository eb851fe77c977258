package dev.tegula.jpeg;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One encode's file with its least valuable luma AC coefficients dropped, in {@link BudgetTrim}'s
 * order, as many as the caller asks: {@link #apply} moves to the first n drops (back or forth),
 * {@link #luma} is the luma plane a decoder gives for them and {@link #write} the file. A target
 * SSIM search scores its candidates on the luma plane alone (with the pass's chroma, which no drop
 * touches) and writes one file, so it can aim a pass over its band far more finely than a
 * hundredth of quality allows.
 *
 * <p>The luma plane is the decoder's own: each block dequantized and transformed by {@link Idct}
 * (bit-exact with libjpeg-turbo's islow), which {@link JpegDecoder} uses for every complete file
 * (its block smoothing runs only for progressive files cut short). Luma is at full resolution, so
 * a block's samples are its pixels' Y; a decoder's RGB is Y plus an offset from the pixel's
 * (upsampled) chroma, clamped to 0-255.
 *
 * <p>The order is drawn once, by dropping (the coefficients are then put back from a copy), up
 * to a share of the file's bits (by the estimate's saving) or the dearest drop {@link BudgetTrim}
 * makes; a drop is then one store and a changed block one inverse DCT.
 */
public final class LumaTrim {
  private final EncoderComponent luma;
  private final short[] original;
  private final int[] quant;
  private final Supplier<byte[]> writer;
  private final int width;
  private final int height;
  private int[] dropBlock = new int[1024];
  private byte[] dropK = new byte[1024];
  /** The estimate's bits saved by the first n drops, at n. */
  private long[] savedBits = new long[1025];
  private int count;
  private int applied;
  private final byte[] plane;
  /** Per luma block, the apply() that last marked it; the blocks marked by this one. */
  private final int[] mark;
  private int stamp;
  private int[] changed = new int[256];
  private final Idct idct = new Idct();
  private final short[] natural = new short[64];
  private final byte[] samples = new byte[64];

  LumaTrim(EncoderComponent[] quantized, EncoderComponent[] raw, int[][] tables, long[] lambda,
      long maxBits, long maxPrice, Supplier<byte[]> writer, int width, int height) {
    this.luma = quantized[0];
    this.original = luma.coef.clone();
    this.quant = tables[luma.quantTable];
    this.writer = writer;
    this.width = width;
    this.height = height;
    // the order is drawn by dropping, then the coefficients are put back as they were
    BudgetTrim order = new BudgetTrim(quantized, raw, tables, lambda, 1, maxPrice);
    while (savedBits[count] < maxBits) {
      int g = order.dropNext();
      if (g < 0) {
        break;
      }
      if (count == dropBlock.length) {
        dropBlock = Arrays.copyOf(dropBlock, count * 2);
        dropK = Arrays.copyOf(dropK, count * 2);
        savedBits = Arrays.copyOf(savedBits, count * 2 + 1);
      }
      dropBlock[count] = g;
      dropK[count] = (byte) order.droppedK;
      savedBits[count + 1] = savedBits[count] + order.droppedBits;
      count++;
    }
    System.arraycopy(original, 0, luma.coef, 0, original.length);
    int blocks = luma.blocksWide * luma.blocksHigh;
    this.mark = new int[blocks];
    this.plane = new byte[Math.multiplyExact(width, height)];
    for (int g = 0; g < blocks; g++) {
      transform(g);
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** How many drops the order holds. */
  public int drops() {
    return count;
  }

  /** The bits the first {@code n} drops save by the estimate (Annex K's typical codes). */
  public long savedBits(int n) {
    return savedBits[check(n)];
  }

  /** Moves to the first {@code n} drops of the order; {@link #luma} follows. */
  public void apply(int n) {
    check(n);
    stamp++;
    int touched = 0;
    short[] coef = luma.coef;
    for (int i = applied; i < n; i++) {
      coef[dropBlock[i] * 64 + dropK[i]] = 0;
      touched = touch(dropBlock[i], touched);
    }
    for (int i = applied - 1; i >= n; i--) {
      int at = dropBlock[i] * 64 + dropK[i];
      coef[at] = original[at];
      touched = touch(dropBlock[i], touched);
    }
    applied = n;
    for (int i = 0; i < touched; i++) {
      transform(changed[i]);
    }
  }

  /**
   * The decoded luma at the drops applied, {@code width * height} samples in rows; the array is
   * this trim's own and changes with {@link #apply}.
   */
  public byte[] luma() {
    return plane;
  }

  /** The file with the drops applied. */
  public byte[] write() {
    return writer.get();
  }

  private int check(int n) {
    if (n < 0 || n > count) {
      throw new IllegalArgumentException("drop count " + n + " outside 0.." + count);
    }
    return n;
  }

  private int touch(int g, int touched) {
    if (mark[g] == stamp) {
      return touched;
    }
    mark[g] = stamp;
    if (touched == changed.length) {
      changed = Arrays.copyOf(changed, touched * 2);
    }
    changed[touched] = g;
    return touched + 1;
  }

  /** Block g's decoded samples into the plane (the part inside the image). */
  private void transform(int g) {
    int off = g * 64;
    int[] order = ZigZag.NATURAL_ORDER;
    for (int k = 0; k < 64; k++) {
      natural[order[k]] = luma.coef[off + k];
    }
    idct.transform(natural, 0, quant, samples, 0, 8);
    int x0 = (g % luma.blocksWide) * 8;
    int y0 = (g / luma.blocksWide) * 8;
    int w = Math.min(8, width - x0);
    int h = Math.min(8, height - y0);
    for (int r = 0; r < h && w > 0; r++) {
      System.arraycopy(samples, r * 8, plane, (y0 + r) * width + x0, w);
    }
  }
}
