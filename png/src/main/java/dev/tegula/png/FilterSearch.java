package dev.tegula.png;

import java.util.List;
import java.util.zip.Deflater;

/**
 * Produces the zlib stream of the image data (PNG spec §10, §9): for each exact representation
 * of the image ({@link ColorReduction}) the packed scanlines are filtered with a whole-image
 * strategy (one filter type for every row, or a per-row heuristic, {@link RowFilter}) and
 * deflated. The higher the effort, the more is tried:
 *
 * <ul>
 *   <li>level 0: the first representation, unfiltered, in stored blocks;
 *   <li>effort 0 (and images too large for trials): the first representation, the entropy
 *       heuristic (no filter for indexed and sub-byte images), filtered and deflated row by row;
 *   <li>effort 1: every representation and strategy deflated at zlib level 1, the smallest
 *       deflated again at the requested level;
 *   <li>effort 2: every representation and strategy deflated in full with zlib's default and
 *       filtered strategies, the smallest kept (a trial stops once it is larger than the best);
 *   <li>effort 3: ranked as in effort 1, the best coded by {@link DeflateCoder}, Tegula's
 *       near-optimal deflate coder (on the corpus's small graphic, skimage_text, coding the
 *       second best as well saved 8 bytes for a third of the encode's time); effort 4: the best
 *       two (all for small images), with a deeper search and more passes.
 * </ul>
 */
final class FilterSearch {
  /** Trials keep a filtered copy of the image; beyond this many bytes effort drops to 0. */
  static final long MAX_TRIAL_BYTES = 1L << 28;

  /** Images up to this many filtered bytes have all their trials coded in full at effort 4. */
  private static final long FINALISTS_UP_TO = 1 << 18;
  /** Images larger than this many filtered bytes are ranked on a sample of their rows. */
  private static final long SAMPLE_FROM = 1 << 19;
  private static final int SAMPLE_BAND = 16;
  private static final int SAMPLE_EVERY = 4;

  /** The representation chosen and its zlib stream. */
  record Result(EncodingPlan plan, byte[] zlib) {}

  private record Trial(EncodingPlan plan, int strategy) {}

  private final List<EncodingPlan> plans;
  private final int width;
  private final int height;
  private final byte[] rgba8;
  private final short[] rgba16;

  FilterSearch(List<EncodingPlan> plans, int width, int height, byte[] rgba8, short[] rgba16) {
    this.plans = plans;
    this.width = width;
    this.height = height;
    this.rgba8 = rgba8;
    this.rgba16 = rgba16;
  }

  /**
   * The search as steps of independent jobs (see {@link PngEncoding}): the trials' rankings, then
   * the filtering of the finalists, then the parts of their deflate coding; between steps, in the
   * caller's thread, the finalists are picked and the coded streams finished and compared. Run in
   * sequence the jobs give the same stream as at the same time.
   */
  Steps steps(PngEncodeOptions options) {
    return new Steps(options);
  }

  /** The state between steps; each job writes only its own slots. */
  final class Steps {
    private final PngEncodeOptions options;
    private final int level;
    private final int effort;
    private int stage;
    private Result result;
    private List<Trial> trials;
    private long[] keyed;
    /** The filtered data of each trial, kept from ranking where it was filtered in full. */
    private byte[][] data;
    private Trial[] finalists;
    private byte[][] finalData;
    private DeflateCoder[] coders;

    private Steps(PngEncodeOptions options) {
      this.options = options;
      this.level = options.compressionLevel();
      this.effort = size(plans.get(0)) > MAX_TRIAL_BYTES ? 0 : options.effort();
    }

    /** The jobs of the next step, empty once {@link #result} is ready. */
    List<Runnable> next() {
      while (result == null) {
        List<Runnable> jobs = advance();
        if (!jobs.isEmpty()) {
          return jobs;
        }
      }
      return List.of();
    }

    Result result() {
      if (result == null) {
        throw new IllegalStateException("the encoding has steps left to run");
      }
      return result;
    }

    private List<Runnable> advance() {
      EncodingPlan first = plans.get(0);
      switch (stage++) {
        case 0:
          if (level == 0 || effort == 0 || effort == 2) {
            return List.of(() -> result = whole(options, effort));
          }
          trials = trials(effort);
          keyed = new long[trials.size()];
          data = new byte[trials.size()][];
          boolean sample = size(first) > SAMPLE_FROM;
          List<Runnable> ranks = new java.util.ArrayList<>();
          for (int i = 0; i < keyed.length; i++) {
            int t = i;
            ranks.add(() -> rank(t, sample));
          }
          return ranks;
        case 1:
          java.util.Arrays.sort(keyed);
          // Small images are cheap to code: at effort 4 every trial is coded in full.
          boolean small = size(first) <= FINALISTS_UP_TO;
          int count = effort != 4 ? 1 : small ? keyed.length : 2;
          count = Math.min(count, keyed.length);
          finalists = new Trial[count];
          finalData = new byte[count][];
          List<Runnable> filters = new java.util.ArrayList<>();
          for (int i = 0; i < count; i++) {
            int t = (int) (keyed[i] & 0xFFFF);
            finalists[i] = trials.get(t);
            finalData[i] = data[t];
            if (finalData[i] == null) {
              int f = i;
              filters.add(() -> finalData[f] = filtered(finalists[f]));
            }
          }
          data = null;
          return filters;
        case 2:
          if (effort == 1) {
            byte[] d = finalData[0];
            return List.of(() -> result = new Result(finalists[0].plan(), ZlibCoder.compress(
                d, d.length, level, Deflater.DEFAULT_STRATEGY, Long.MAX_VALUE)));
          }
          coders = new DeflateCoder[finalists.length];
          List<Runnable> parts = new java.util.ArrayList<>();
          for (int i = 0; i < coders.length; i++) {
            DeflateCoder coder =
                new DeflateCoder(finalData[i], finalData[i].length, effort == 4);
            coders[i] = coder;
            for (int p = 0; p < coder.parts(); p++) {
              int part = p;
              parts.add(() -> coder.parsePart(part));
            }
          }
          return parts;
        default:
          Result best = null;
          for (int i = 0; i < coders.length; i++) {
            byte[] z = coders[i].finish();
            coders[i] = null;
            if (best == null || z.length < best.zlib().length) {
              best = new Result(finalists[i].plan(), z);
            }
          }
          result = best;
          return List.of();
      }
    }

    /**
     * Ranks one trial by the size zlib level 1 gives it. Large images are ranked on a sample:
     * every {@link #SAMPLE_EVERY}th band of {@link #SAMPLE_BAND} rows.
     */
    private void rank(int t, boolean sample) {
      Trial trial = trials.get(t);
      byte[] d = sample ? sampled(trial) : filtered(trial);
      byte[] z = ZlibCoder.compress(d, d.length, 1, Deflater.DEFAULT_STRATEGY, Long.MAX_VALUE);
      keyed[t] = ((long) z.length << 16) | t;
      if (!sample) {
        data[t] = d;
      }
    }
  }

  /** Level 0, effort 0 and effort 2, each one job. */
  private Result whole(PngEncodeOptions options, int effort) {
    EncodingPlan first = plans.get(0);
    int level = options.compressionLevel();
    if (level == 0) {
      // Filters only help a compressor; stored blocks gain nothing from them.
      byte[] data = filtered(new Trial(first, Unfilter.NONE));
      return new Result(first, DeflateCoder.stored(data, data.length));
    }
    if (effort == 0) {
      int strategy = first.filtersUseful() ? RowFilter.ENTROPY : Unfilter.NONE;
      return new Result(first, streamed(new Trial(first, strategy), level));
    }
    return bestOfAll(trials(effort), level);
  }

  private List<Trial> trials(int effort) {
    List<Trial> trials = new java.util.ArrayList<>();
    for (EncodingPlan plan : plans) {
      int[] strategies;
      if (!plan.filtersUseful() || effort != 2) {
        strategies = new int[] {Unfilter.NONE, RowFilter.MIN_SUM, RowFilter.ENTROPY};
      } else {
        strategies = new int[] {Unfilter.NONE, Unfilter.SUB, Unfilter.UP, Unfilter.PAETH,
            RowFilter.MIN_SUM, RowFilter.ENTROPY};
      }
      for (int s : strategies) {
        trials.add(new Trial(plan, s));
      }
    }
    return trials;
  }

  private Result bestOfAll(List<Trial> trials, int level) {
    Result best = null;
    for (Trial trial : trials) {
      byte[] data = filtered(trial);
      for (int zs : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED}) {
        long limit = best == null ? Long.MAX_VALUE : best.zlib().length - 1;
        byte[] z = ZlibCoder.compress(data, data.length, level, zs, limit);
        if (z != null) {
          best = new Result(trial.plan(), z);
        }
      }
    }
    return best;
  }

  /**
   * One pass that filters and deflates row by row, so that no image-sized buffer is needed
   * besides the output (effort 0, and any image too large for trials).
   */
  private byte[] streamed(Trial trial, int level) {
    EncodingPlan plan = trial.plan();
    int rowBytes = (int) plan.rowBytes(width);
    ScanlinePacker packer = new ScanlinePacker(plan, width, rgba8, rgba16);
    byte[] row = new byte[rowBytes + 1];
    byte[] prev = new byte[rowBytes + 1];
    RowFilter filter = new RowFilter(plan.filterStride(), rowBytes);
    Deflater deflater = new Deflater(level);
    try {
      byte[] out = new byte[Math.max(1024, (int) Math.min(size(plan) / 4, 1 << 24))];
      int used = 0;
      for (int y = 0; y < height; y++) {
        packer.pack(y, row);
        deflater.setInput(filter.filter(row, prev, trial.strategy()), 0, rowBytes + 1);
        if (y == height - 1) {
          deflater.finish();
        }
        while (y == height - 1 ? !deflater.finished() : !deflater.needsInput()) {
          if (used == out.length) {
            out = java.util.Arrays.copyOf(out,
                (int) Math.min((long) out.length * 2, Integer.MAX_VALUE - 64));
          }
          used += deflater.deflate(out, used, out.length - used);
        }
        byte[] t = prev;
        prev = row;
        row = t;
      }
      return java.util.Arrays.copyOf(out, used);
    } finally {
      deflater.end();
    }
  }

  private long size(EncodingPlan plan) {
    return (long) height * (plan.rowBytes(width) + 1);
  }

  /** Bands of rows, filtered as in the whole image, for ranking the trials of a large image. */
  private byte[] sampled(Trial trial) {
    EncodingPlan plan = trial.plan();
    int rowBytes = (int) plan.rowBytes(width);
    ScanlinePacker packer = new ScanlinePacker(plan, width, rgba8, rgba16);
    int bands = (height + SAMPLE_BAND - 1) / SAMPLE_BAND;
    int rows = 0;
    for (int b = 0; b < bands; b += SAMPLE_EVERY) {
      rows += Math.min(SAMPLE_BAND, height - b * SAMPLE_BAND);
    }
    byte[] out = new byte[Math.multiplyExact(rows, rowBytes + 1)];
    byte[] row = new byte[rowBytes + 1];
    byte[] prev = new byte[rowBytes + 1];
    RowFilter filter = new RowFilter(plan.filterStride(), rowBytes);
    int o = 0;
    for (int b = 0; b < bands; b += SAMPLE_EVERY) {
      int y0 = b * SAMPLE_BAND;
      if (y0 > 0) {
        packer.pack(y0 - 1, prev);
      } else {
        java.util.Arrays.fill(prev, (byte) 0);
      }
      for (int y = y0; y < Math.min(height, y0 + SAMPLE_BAND); y++) {
        packer.pack(y, row);
        System.arraycopy(filter.filter(row, prev, trial.strategy()), 0, out, o, rowBytes + 1);
        o += rowBytes + 1;
        byte[] t = prev;
        prev = row;
        row = t;
      }
    }
    return out;
  }

  /** The whole image filtered with one strategy, rows one after the other with type bytes. */
  private byte[] filtered(Trial trial) {
    EncodingPlan plan = trial.plan();
    int rowBytes = (int) plan.rowBytes(width);
    ScanlinePacker packer = new ScanlinePacker(plan, width, rgba8, rgba16);
    byte[] out = new byte[Math.multiplyExact(height, rowBytes + 1)];
    byte[] row = new byte[rowBytes + 1];
    byte[] prev = new byte[rowBytes + 1];
    RowFilter filter = new RowFilter(plan.filterStride(), rowBytes);
    for (int y = 0; y < height; y++) {
      packer.pack(y, row);
      byte[] f = filter.filter(row, prev, trial.strategy());
      System.arraycopy(f, 0, out, y * (rowBytes + 1), rowBytes + 1);
      byte[] t = prev;
      prev = row;
      row = t;
    }
    return out;
  }
}
