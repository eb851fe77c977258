package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;
import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;
import java.util.Arrays;

/**
 * The lossless plane codec of .tgl (codec 2, docs/format-lossless.md). The container calls it per
 * tile, for the colour samples and for alpha planes; the pixels come back exactly.
 *
 * <p>Coded data (§2): a method byte, a colour transform byte, then one range-coded stream holding
 * the planes one after the other. Each plane is predicted pixel by pixel (weighted predictor,
 * least-squares refinement, neighbourhood matching) and its residuals are coded with contexts
 * mixed per binary decision. Everything is integer arithmetic: the JVM and WebAssembly produce and
 * read the same bytes.
 */
public final class LosslessCodec {
  private LosslessCodec() {}

  /** §2 methods: predictive coding with mixed contexts (§4-§6), the fast method (§9). */
  static final int METHOD_PREDICTIVE = 1;
  static final int METHOD_FAST = 2;
  /**
   * §2: method 1 codes a tile of samples over 8 bits only up to this many pixels. Its decoder
   * keeps the tile's first two planes whole (12 bytes per pixel at 16 bits), and issue 8's bound
   * of 12 bytes per pixel plus 16 MiB has only the slack left for them once the image's two
   * outputs (RGBA8 and RGBA16) are counted.
   */
  static final int METHOD_1_MAX_WIDE_PIXELS = 1 << 20;
  public static final int MIN_EFFORT = 1;
  public static final int MAX_EFFORT = 4;
  /** Fast method, transform chosen by estimate: about as fast as the fast method gets. */
  public static final int DEFAULT_EFFORT = 2;
  /**
   * Efforts 2 and 3 code a tile with at most one distinct colour per this many pixels with
   * method 1: such tiles are drawings, text or screenshots, whose repeated shapes its match
   * candidates catch and the fast method does not (photographs have far more colours).
   */
  private static final int SYNTHETIC_PIXELS_PER_COLOUR = 32;
  /** Side of the central square on which the encoder tries the colour transforms. */
  private static final int TRIAL_SIZE = 64;

  /**
   * Codes {@code width · height} pixels at the default effort.
   *
   * @param samples interleaved, {@code channels} (1-4) per pixel, values 0..(2^bitDepth-1)
   * @param channels 1 grey or a lone alpha plane, 2 grey + alpha, 3 RGB, 4 RGBA
   * @param bitDepth 8 or 16
   */
  public static byte[] encode(int[] samples, int width, int height, int channels, int bitDepth) {
    return encode(samples, width, height, channels, bitDepth, DEFAULT_EFFORT);
  }

  /**
   * Codes {@code width · height} pixels with the given effort (§8): 1 to 3 use the fast method
   * (§9; 1 with YCoCg-R, 2 with the colour transform chosen by an estimate, 3 by coding the
   * tile with each candidate), 4 the predictive method with mixed contexts (§4-§6), several
   * times slower to encode and decode and a few percent smaller. Efforts 2 and 3 also use method
   * 1 for colour tiles with few distinct colours (drawings, text, screenshots).
   */
  public static byte[] encode(int[] samples, int width, int height, int channels, int bitDepth,
      int effort) {
    int pixels = checkShape(width, height, channels, bitDepth);
    if (samples == null || samples.length < pixels * channels) {
      throw new IllegalArgumentException("samples must hold width * height * channels values");
    }
    if (effort < MIN_EFFORT || effort > MAX_EFFORT) {
      throw new IllegalArgumentException("effort must be " + MIN_EFFORT + "-" + MAX_EFFORT
          + ", not " + effort);
    }
    int max = (1 << bitDepth) - 1;
    int count = pixels * channels;
    for (int i = 0; i < count; i++) {
      if (samples[i] < 0 || samples[i] > max) {
        throw new IllegalArgumentException(
            "sample " + i + " is " + samples[i] + ", outside 0.." + max);
      }
    }
    boolean method1Allowed = bitDepth <= 8 || pixels <= METHOD_1_MAX_WIDE_PIXELS;
    if (method1Allowed && (effort == MAX_EFFORT || (effort > 1 && channels >= 3
        && ColourCount.atMost(samples, pixels, channels, pixels / SYNTHETIC_PIXELS_PER_COLOUR)))) {
      ColourTransform transform = channels >= 3
          ? chooseTransform(samples, width, height, channels, bitDepth)
          : ColourTransform.NO_TRANSFORM;
      return encode(samples, width, height, channels, bitDepth, transform);
    }
    if (channels < 3) {
      return encodeFast(samples, width, height, channels, bitDepth,
          ColourTransform.NO_TRANSFORM);
    }
    if (effort == 1) {
      return encodeFast(samples, width, height, channels, bitDepth, ColourTransform.YCOCG_R);
    }
    ColourTransform[] candidates = candidates(samples, width, height, channels);
    if (effort == 2) {
      return encodeFast(samples, width, height, channels, bitDepth,
          TransformEstimate.best(samples, width, height, channels, candidates));
    }
    byte[] best = null;
    for (ColourTransform t : candidates) {
      byte[] coded = encodeFast(samples, width, height, channels, bitDepth, t);
      if (best == null || coded.length < best.length) {
        best = coded;
      }
    }
    return best;
  }

  /**
   * The colour transforms the encoder considers: subtract green, YCoCg-R, G with R - G and
   * B - (R + G)/2, no change, and the cross transform fitted to the tile.
   */
  private static ColourTransform[] candidates(int[] samples, int width, int height,
      int channels) {
    return new ColourTransform[] {
      ColourTransform.cross(32, 32, 0), ColourTransform.YCOCG_R, ColourTransform.cross(32, 16, 16),
      ColourTransform.cross(0, 0, 0), ColourTransform.fit(samples, width, height, channels)
    };
  }

  /** §9: the fast method with the given colour transform. */
  private static byte[] encodeFast(int[] samples, int width, int height, int channels,
      int bitDepth, ColourTransform transform) {
    int pixels = width * height;
    int[][] planes = split(samples, pixels, channels, transform);
    int[][] residuals = new int[channels][pixels];
    int max = (1 << bitDepth) - 1;
    int header = 1 + transform.headerBytes();
    byte[][] coded = new byte[channels][];
    int total = header;
    for (int k = 0; k < channels; k++) {
      PlaneScale scale = PlaneScale.of(planes[k], pixels);
      scale.apply(planes[k], pixels);
      int refs = references(k, transform);
      int lo = scale.low(transform.low(k, max));
      int hi = scale.high(transform.high(k, max));
      coded[k] = FastPlaneCoder.encode(planes[k], residuals[k], refs > 0 ? residuals[0] : null,
          refs > 1 ? residuals[1] : null, width, height, FastPlaneCoder.shift(bitDepth, scale),
          lo, hi, scale, transform.low(k, max));
      total += coded[k].length;
    }
    byte[] out = new byte[total];
    out[0] = (byte) METHOD_FAST;
    transform.write(out, 1);
    int at = header;
    for (int k = 0; k < channels; k++) {
      System.arraycopy(coded[k], 0, out, at, coded[k].length);
      at += coded[k].length;
    }
    return out;
  }

  /** §3, §4: planes P1 and P2 of a colour transform refer to the planes before them. */
  private static int references(int k, ColourTransform transform) {
    return transform.kind != ColourTransform.NONE && k < 3 ? k : 0;
  }

  /**
   * The strong method's choice of colour transform for a tile: each candidate codes the central
   * 64 x 64 pixels, and the smallest result wins.
   */
  private static ColourTransform chooseTransform(int[] samples, int width, int height,
      int channels, int bitDepth) {
    int tw = Math.min(width, TRIAL_SIZE);
    int th = Math.min(height, TRIAL_SIZE);
    int x0 = (width - tw) / 2;
    int y0 = (height - th) / 2;
    int[] crop = new int[tw * th * channels];
    for (int y = 0; y < th; y++) {
      System.arraycopy(samples, ((y0 + y) * width + x0) * channels, crop, y * tw * channels,
          tw * channels);
    }
    ColourTransform[] candidates = candidates(samples, width, height, channels);
    ColourTransform best = candidates[0];
    int bestLength = Integer.MAX_VALUE;
    for (ColourTransform t : candidates) {
      int length = encode(crop, tw, th, channels, bitDepth, t).length;
      if (length < bestLength) {
        bestLength = length;
        best = t;
      }
    }
    return best;
  }

  private static byte[] encode(int[] samples, int width, int height, int channels, int bitDepth,
      ColourTransform transform) {
    int pixels = width * height;
    int[][] planes = split(samples, pixels, channels, transform);
    RangeEncoder enc = new RangeEncoder(pixels * channels / 2 + 64);
    int max = (1 << bitDepth) - 1;
    PlaneCoder coder = new PlaneCoder();
    LosslessScratch stores = new LosslessScratch();
    int[] lows = new int[channels];
    for (int k = 0; k < channels; k++) {
      PlaneScale scale = PlaneScale.of(planes[k], pixels);
      scale.write(enc, transform.low(k, max));
      scale.apply(planes[k], pixels);
      int lo = scale.low(transform.low(k, max));
      int hi = scale.high(transform.high(k, max));
      lows[k] = lo;
      int refs = references(k, transform);
      boolean keep = channels >= 3 && k < 2;
      if (keep) {
        prepareStores(stores, k, width, height, channels, max, hi - lo);
      }
      coder.start(width, height, bitDepth, lo, hi, Arrays.copyOf(stores.values, refs),
          Arrays.copyOf(stores.predictions, refs), lows);
      for (int y = 0; y < height; y++) {
        coder.encodeRow(enc, y, planes[k]);
        if (keep) {
          keepRow(stores, k, y, coder, lo);
        }
      }
    }
    byte[] coded = enc.finish();
    int header = 1 + transform.headerBytes();
    byte[] out = new byte[header + coded.length];
    out[0] = (byte) METHOD_PREDICTIVE;
    transform.write(out, 1);
    System.arraycopy(coded, 0, out, header, coded.length);
    return out;
  }

  /**
   * Makes room for plane k's samples and predictions (P0 and P1 are referred to, §4). The kind
   * follows the widest range such a plane can have in this bit depth (§3: 0..max without a
   * transform, within about 17·max with one), so that every tile of a file reuses the same
   * arrays.
   */
  private static void prepareStores(LosslessScratch s, int k, int width, int height,
      int channels, int max, int range) {
    int kind = Math.max(PlaneStore.kindFor(channels >= 3 && k > 0 && k < 3 ? 18L * max : max),
        PlaneStore.kindFor(range));
    s.values[k].prepare(width, height, kind);
    s.predictions[k].prepare(width, height, kind);
  }

  private static void keepRow(LosslessScratch s, int k, int y, PlaneCoder coder, int lo) {
    s.values[k].put(y, coder.rowValues(), coder.rowStart(), lo);
    s.predictions[k].putPredictions(y, coder.rowValues(), coder.rowResiduals(), coder.rowStart(),
        lo);
  }

  /** Receives a decoded tile row by row (§2), so a caller needs no buffer for the whole tile. */
  public interface RowSink {
    /**
     * @param samples row {@code y}'s {@code width · channels} samples, interleaved; the array is
     *     reused for the next row
     */
    void row(int y, int[] samples);
  }

  /**
   * Decodes {@code data[offset, offset + length)} into {@code out} (width · height · channels
   * samples, interleaved).
   *
   * @throws MalformedInputException if the data is not a valid coding of such a plane
   */
  public static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, int bitDepth, int[] out) {
    int pixels = checkShape(width, height, channels, bitDepth);
    if (out == null || out.length < pixels * channels) {
      throw new IllegalArgumentException("out must hold width * height * channels values");
    }
    int stride = width * channels;
    decode(data, offset, length, width, height, channels, bitDepth,
        (y, row) -> System.arraycopy(row, 0, out, y * stride, stride));
  }

  /**
   * Decodes {@code data[offset, offset + length)}, handing the rows to {@code sink} top to bottom.
   * Rows already handed over stay valid when a later one turns out damaged and this throws.
   *
   * @throws MalformedInputException if the data is not a valid coding of such a plane
   */
  public static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, int bitDepth, RowSink sink) {
    decode(data, offset, length, width, height, channels, bitDepth, sink, new LosslessScratch());
  }

  /**
   * As {@link #decode(byte[], int, int, int, int, int, int, RowSink)}, with working memory that
   * the caller reuses from tile to tile ({@code scratch}: one thread at a time).
   */
  public static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, int bitDepth, RowSink sink, LosslessScratch scratch) {
    checkShape(width, height, channels, bitDepth);
    if (scratch == null) {
      throw new IllegalArgumentException("scratch must not be null");
    }
    if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("offset and length must lie within data");
    }
    if (sink == null) {
      throw new IllegalArgumentException("sink must not be null");
    }
    if (length < 2) {
      throw new MalformedInputException("lossless data: " + length
          + " bytes, too short for its header", offset);
    }
    int method = data[offset] & 0xFF;
    if (method != METHOD_PREDICTIVE && method != METHOD_FAST) {
      throw new MalformedInputException("lossless data: unknown coding method " + method, offset);
    }
    if (method == METHOD_PREDICTIVE && bitDepth > 8
        && (long) width * height > METHOD_1_MAX_WIDE_PIXELS) {
      throw new MalformedInputException("lossless data: method 1 for a tile of " + width + "x"
          + height + " samples over 8 bits (at most " + METHOD_1_MAX_WIDE_PIXELS
          + " pixels, format-lossless.md §2)", offset);
    }
    ColourTransform transform = readTransform(data, offset + 1, length - 1, channels);
    int header = 1 + transform.headerBytes();
    int max = (1 << bitDepth) - 1;
    PlaneScale[] scales = new PlaneScale[channels];
    Output output = new Output(width, channels, max, transform, sink, scratch);
    if (method == METHOD_FAST) {
      decodeFast(data, offset + header, offset + length, width, height, bitDepth, transform,
          scales, output, scratch);
    } else {
      decodePredictive(data, offset + header, length - header, width, height, bitDepth,
          transform, scales, output, scratch);
    }
    if (output.bad >= 0) {
      throw new MalformedInputException("lossless data: pixel (" + output.bad % width + ", "
          + output.bad / width + ") leaves the sample range after the colour transform", -1);
    }
  }

  /** Undoes the plane scales and the colour transform of one row and hands it on. */
  private static final class Output {
    private final int width;
    private final int channels;
    private final int max;
    private final ColourTransform transform;
    private final RowSink sink;
    private final int[][] undone;
    private final int[] line;
    /** The first pixel the colour transform takes out of range, or -1. */
    int bad = -1;

    Output(int width, int channels, int max, ColourTransform transform, RowSink sink,
        LosslessScratch scratch) {
      this.width = width;
      this.channels = channels;
      this.max = max;
      this.transform = transform;
      this.sink = sink;
      undone = scratch.undone(channels, width);
      line = scratch.line(width * channels);
    }

    /** Row {@code y}, found in each plane from {@code from}. */
    void row(int y, int[][] planes, int from, PlaneScale[] scales) {
      for (int k = 0; k < channels; k++) {
        int[] src = planes[k];
        int[] dst = undone[k];
        int step = scales[k].step;
        int offset = scales[k].offset;
        if (step >= 2) {
          for (int x = 0; x < width; x++) {
            dst[x] = offset + step * src[from + x];
          }
        } else {
          System.arraycopy(src, from, dst, 0, width);
        }
      }
      if (channels >= 3) {
        int b = transform.inverse(undone, channels, width, max, line);
        if (b >= 0 && bad < 0) {
          bad = y * width + b;
        }
      } else {
        for (int k = 0; k < channels; k++) {
          int[] p = undone[k];
          for (int x = 0, at = k; x < width; x++, at += channels) {
            line[at] = p[x];
          }
        }
      }
      sink.row(y, line);
    }
  }

  /**
   * §2, §4: method 1's planes, one after another in one range-coded stream. Issue 8's memory
   * bound: only what later planes and the output need is kept whole, in the scratch's stores,
   * as narrow as the samples allow: P0's and P1's samples and predictions when they are
   * referred to (3 or 4 channels), P0's samples with 2 channels. The last plane goes to the
   * output row by row as it decodes; with 4 channels P2's samples take the rows of P1's
   * predictions that P2 has read (it reads P1's residuals at its own row only).
   */
  private static void decodePredictive(byte[] data, int at, int length, int width, int height,
      int bitDepth, ColourTransform transform, PlaneScale[] scales, Output output,
      LosslessScratch s) {
    int max = (1 << bitDepth) - 1;
    int channels = scales.length;
    int last = channels - 1;
    RangeDecoder dec = new RangeDecoder(data, at, length);
    PlaneCoder coder = s.coder();
    int[] lows = new int[channels];
    int[][] rows = s.rows(channels, width);
    PlaneStore[] stored = new PlaneStore[channels];
    for (int k = 0; k < channels; k++) {
      scales[k] = PlaneScale.read(dec, transform.low(k, max), transform.high(k, max), k);
      int lo = scales[k].low(transform.low(k, max));
      int hi = scales[k].high(transform.high(k, max));
      lows[k] = lo;
      int refs = references(k, transform);
      boolean referred = channels >= 3 && k < 2;
      if (referred) {
        prepareStores(s, k, width, height, channels, max, hi - lo);
        stored[k] = s.values[k];
      } else if (k < last) {
        // channels 2: P0 waits for P1; channels 4: P2 waits for P3 in P1's predictions
        stored[k] = k == 0 ? s.values[0] : s.predictions[1];
        if (k == 0) {
          s.values[0].prepare(width, height, PlaneStore.kindFor(Math.max(max, hi - lo)));
        } else if (PlaneStore.kindFor(hi - lo) > PlaneStore.kindFor(18L * max)) {
          throw new IllegalStateException("plane 2's range exceeds the store of plane 1");
        }
      }
      coder.start(width, height, bitDepth, lo, hi, Arrays.copyOf(s.values, refs),
          Arrays.copyOf(s.predictions, refs), lows);
      for (int y = 0; y < height; y++) {
        coder.decodeRow(dec, y, k);
        if (referred) {
          keepRow(s, k, y, coder, lo);
        } else if (k < last) {
          stored[k].put(y, coder.rowValues(), coder.rowStart(), lo);
        } else {
          for (int j = 0; j < last; j++) {
            stored[j].get(y, rows[j], 0, lows[j]);
          }
          System.arraycopy(coder.rowValues(), coder.rowStart(), rows[last], 0, width);
          output.row(y, rows, 0, scales);
        }
      }
    }
    if (dec.overrun() > 0) {
      throw new MalformedInputException(
          "lossless data ends before its last sample", (long) at + length);
    }
  }

  /**
   * §9: the planes of the fast method, each three sections long, up to {@code end}. The planes
   * lie one after another but their samples decode row by row side by side, each plane keeping
   * three rows (§9.2 looks back two rows and at the earlier planes' residuals at the pixel).
   */
  private static void decodeFast(byte[] data, int at, int end, int width, int height,
      int bitDepth, ColourTransform transform, PlaneScale[] scales, Output output,
      LosslessScratch s) {
    int max = (1 << bitDepth) - 1;
    int channels = scales.length;
    FastPlaneCoder.RowDecoder[] decoders = new FastPlaneCoder.RowDecoder[channels];
    for (int k = 0; k < channels; k++) {
      int contexts = FastPlaneCoder.contexts(references(k, transform) > 0);
      int[] base = s.base(k);
      FastPlaneCoder.Sections sec = new FastPlaneCoder.Sections();
      int[] table = FastPlaneCoder.readSide(data, at, end, k, contexts, transform.low(k, max),
          transform.high(k, max), scales, base, sec, s.tokenWork(), s.table(k));
      s.keepTable(k, table);
      int lo = scales[k].low(transform.low(k, max));
      int hi = scales[k].high(transform.high(k, max));
      decoders[k] = new FastPlaneCoder.RowDecoder(data, sec, table, base, width,
          FastPlaneCoder.shift(bitDepth, scales[k]), lo, hi, k, s.fastWeighted(k));
      at = sec.end;
    }
    if (at != end) {
      throw new MalformedInputException("lossless data: " + (end - at)
          + " bytes after the last plane", at);
    }
    int[][] rows = s.windows(channels, 3 * width);
    int[][] residuals = s.residualWindows(channels, 3 * width);
    for (int y = 0; y < height; y++) {
      for (int k = 0; k < channels; k++) {
        int refs = references(k, transform);
        decoders[k].row(y, rows[k], residuals[k], refs > 0 ? residuals[0] : null,
            refs > 1 ? residuals[1] : null, width);
      }
      output.row(y, rows, 2 * width, scales);
      for (int k = 0; k < channels; k++) {
        System.arraycopy(rows[k], width, rows[k], 0, 2 * width);
        System.arraycopy(residuals[k], width, residuals[k], 0, 2 * width);
      }
    }
    for (int k = 0; k < channels; k++) {
      decoders[k].finish();
    }
  }

  private static int checkShape(int width, int height, int channels, int bitDepth) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be at least 1");
    }
    if (channels < 1 || channels > 4) {
      throw new IllegalArgumentException("channels must be 1 to 4, not " + channels);
    }
    if (bitDepth != 8 && bitDepth != 16) {
      throw new IllegalArgumentException("bitDepth must be 8 or 16, not " + bitDepth);
    }
    long samples = (long) width * height * channels;
    if (samples > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many samples for one plane: " + samples);
    }
    return width * height;
  }

  /** §2: the transform kind byte and, for the cross transform, its three multipliers. */
  private static ColourTransform readTransform(byte[] data, int at, int available, int channels) {
    int kind = data[at] & 0xFF;
    if (channels < 3) {
      if (kind != ColourTransform.NONE) {
        throw new MalformedInputException("lossless data: colour transform " + kind
            + " given for " + channels + " channel(s)", at);
      }
      return ColourTransform.NO_TRANSFORM;
    }
    if (kind == ColourTransform.YCOCG) {
      return ColourTransform.YCOCG_R;
    }
    if (kind != ColourTransform.CROSS) {
      throw new MalformedInputException("lossless data: unknown colour transform " + kind, at);
    }
    if (available < 4) {
      throw new MalformedInputException("lossless data: header ends in the transform", at);
    }
    return ColourTransform.cross(data[at + 1], data[at + 2], data[at + 3]);
  }

  private static int[][] split(int[] samples, int pixels, int channels,
      ColourTransform transform) {
    int[][] planes = new int[channels][pixels];
    if (channels >= 3) {
      transform.forward(samples, channels, pixels, planes);
    } else {
      for (int k = 0; k < channels; k++) {
        int[] p = planes[k];
        for (int i = 0, at = k; i < pixels; i++, at += channels) {
          p[i] = samples[at];
        }
      }
    }
    return planes;
  }
}
