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
 *       two (all for small images), with a deeper search and more passes. Rows that code to
 *       nearly nothing but repeats are deflated by zlib level 9 too, and the smaller kept
 *       ({@link #ZLIB_GUARD_PERCENT}).
 * </ul>
 */
final class FilterSearch {
  /** Trials keep a filtered copy of the image; beyond this many bytes effort drops to 0. */
  static final long MAX_TRIAL_BYTES = 1L << 28;

  /** Images up to this many filtered bytes have all their trials coded in full at effort 4. */
  private static final long FINALISTS_UP_TO = 1 << 18;
  /**
   * Images larger than this many filtered bytes are ranked on a sample of their rows (was 512K):
   * on the corpus every ranking but skimage_text's came out the same, and that one picked a trial
   * 34 bytes smaller, for a quarter of the ranking's time (its encode 12.6 -> 10.0 ms of CPU).
   * Smaller images are ranked in full: a few bands would hardly represent them.
   */
  private static final long SAMPLE_FROM = 1 << 16;
  private static final int SAMPLE_BAND = 16;
  private static final int SAMPLE_EVERY = 4;
  /**
   * Effort 3-4: when Tegula's coder makes the stream smaller than this many hundredths of what
   * zlib level 1 made of the same rows at ranking, zlib level 9 codes them too, and the smaller
   * stream is kept. Such data is nearly all long repeats, the case where the coder's bounded
   * match search (a few dozen tree nodes, inserts that stop at 32 matching bytes) misses the far
   * copies zlib's hash chains find: a 768x512 palette graphic of flat blocks and a dot pattern
   * repeating every 97 bytes (browser-tests' CompressFormatsTest) had its rows coded in 6,783
   * bytes at effort 3, 0.42 of level 1's, where zlib 9 takes 4,327. The corpus's photos, graphics
   * and alpha files code at 0.78-0.93 of level 1 (session 37), so none of them pays for the extra
   * pass.
   */
  private static final int ZLIB_GUARD_PERCENT = 60;

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
   * The search as steps of independent jobs (see {@link PngEncoding}): the trials' filtering
   * (the unfiltered trial ranked in the same job; min-sum and entropy filtered together from the
   * same candidate rows, in halves of the rows), their rankings, then the filtering of the
   * finalists (in halves), then the parts of their deflate coding; between steps, in the caller's
   * thread, the finalists are picked and the coded streams finished and compared. Run in sequence
   * the jobs give the same stream as at the same time.
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
    /** Large images are ranked on a sample of their rows. */
    private boolean sample;
    /** The filtered data of each trial, kept from ranking where it was filtered in full. */
    private byte[][] data;
    private Trial[] finalists;
    private byte[][] finalData;
    /** Each finalist's zlib level 1 size, estimated from its ranking. */
    private long[] levelOne;
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
          sample = size(first) > SAMPLE_FROM;
          List<Runnable> filters = new java.util.ArrayList<>();
          for (int i = 0; i < keyed.length; i++) {
            int t = i;
            Trial trial = trials.get(t);
            if (trial.strategy() == RowFilter.MIN_SUM && t + 1 < keyed.length
                && trials.get(t + 1).strategy() == RowFilter.ENTROPY) {
              // The two heuristics weigh the same five candidate rows: filtered together, in
              // two jobs of half the rows each.
              Rows rows = new Rows(trial.plan(), sample);
              data[t] = new byte[rows.length];
              data[t + 1] = new byte[rows.length];
              rows.halves(filters, RowFilter.MIN_SUM, data[t], RowFilter.ENTROPY, data[t + 1]);
              i++;
            } else {
              filters.add(() -> rank(t, filter(trial.plan(), trial.strategy(), sample)));
            }
          }
          return filters;
        case 1:
          List<Runnable> ranks = new java.util.ArrayList<>();
          for (int i = 0; i < keyed.length; i++) {
            int t = i;
            if (keyed[t] == 0) {
              ranks.add(() -> rank(t, data[t]));
            }
          }
          return ranks;
        case 2:
          java.util.Arrays.sort(keyed);
          // Small images are cheap to code: at effort 4 every trial is coded in full.
          boolean small = size(first) <= FINALISTS_UP_TO;
          int count = effort != 4 ? 1 : small ? keyed.length : 2;
          count = Math.min(count, keyed.length);
          finalists = new Trial[count];
          finalData = new byte[count][];
          levelOne = new long[count];
          List<Runnable> full = new java.util.ArrayList<>();
          for (int i = 0; i < count; i++) {
            int t = (int) (keyed[i] & 0xFFFF);
            finalists[i] = trials.get(t);
            finalData[i] = sample ? null : data[t];
            if (finalData[i] == null) {
              Rows rows = new Rows(finalists[i].plan(), false);
              // The ranked sample's bands are this trial's rows already, filtered the same way.
              rows.sampled = data[t];
              finalData[i] = new byte[rows.length];
              rows.halves(full, finalists[i].strategy(), finalData[i], -1, null);
            }
            // the rows' level 1 size, scaled up from a ranked sample (data[t] holds what was ranked)
            levelOne[i] = (keyed[i] >>> 16) * finalData[i].length / Math.max(1, data[t].length);
          }
          data = null;
          return full;
        case 3:
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
        case 4:
          int bestAt = 0;
          byte[] best = null;
          for (int i = 0; i < coders.length; i++) {
            byte[] z = coders[i].finish();
            coders[i] = null;
            if (best == null || z.length < best.length) {
              best = z;
              bestAt = i;
            }
          }
          Result coded = new Result(finalists[bestAt].plan(), best);
          if ((long) best.length * 100 >= levelOne[bestAt] * ZLIB_GUARD_PERCENT) {
            result = coded;
            return List.of();
          }
          byte[] d = finalData[bestAt];
          long limit = best.length - 1L;
          return List.of(() -> {
            byte[] z = ZlibCoder.compress(d, d.length, 9, Deflater.DEFAULT_STRATEGY, limit);
            result = z == null ? coded : new Result(coded.plan(), z);
          });
        default:
          throw new IllegalStateException("no step after the last");
      }
    }

    /** Ranks one trial by the size zlib level 1 gives its filtered rows (or their sample). */
    private void rank(int t, byte[] d) {
      byte[] z = ZlibCoder.compress(d, d.length, 1, Deflater.DEFAULT_STRATEGY, Long.MAX_VALUE);
      keyed[t] = ((long) z.length << 16) | t;
      data[t] = d;
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

  /** The whole image filtered with one strategy, rows one after the other with type bytes. */
  private byte[] filtered(Trial trial) {
    return filter(trial.plan(), trial.strategy(), false);
  }

  private byte[] filter(EncodingPlan plan, int strategy, boolean sample) {
    Rows rows = new Rows(plan, sample);
    byte[] out = new byte[rows.length];
    rows.fill(strategy, out, -1, null, 0, rows.bands);
    return out;
  }

  /**
   * The filtered rows of one plan, in bands of {@link #SAMPLE_BAND} rows: all of them, or for
   * ranking the trials of a large image every {@link #SAMPLE_EVERY}th band, filtered as in the
   * whole image. Bands are independent (a row's filter reads only the row above), so ranges of
   * them are filled by separate jobs into one array.
   */
  private final class Rows {
    private final EncodingPlan plan;
    private final int rowBytes;
    private final int every;
    /** How many bands are filtered. */
    final int bands;
    final int length;
    /**
     * For all the rows: the same strategy's rows of the sample (every {@link #SAMPLE_EVERY}th
     * band), copied rather than filtered again (a quarter of skimage_text's finalist filtering),
     * or null.
     */
    byte[] sampled;

    Rows(EncodingPlan plan, boolean sample) {
      this.plan = plan;
      this.rowBytes = (int) plan.rowBytes(width);
      this.every = sample ? SAMPLE_EVERY : 1;
      int all = (height + SAMPLE_BAND - 1) / SAMPLE_BAND;
      bands = (all + every - 1) / every;
      int rows = 0;
      for (int k = 0; k < bands; k++) {
        rows += Math.min(SAMPLE_BAND, height - k * every * SAMPLE_BAND);
      }
      length = Math.multiplyExact(rows, rowBytes + 1);
    }

    /** Adds the jobs that fill the first and the second half of the bands. */
    void halves(List<Runnable> jobs, int a, byte[] outA, int b, byte[] outB) {
      int half = bands / 2;
      if (half > 0) {
        jobs.add(() -> fill(a, outA, b, outB, 0, half));
      }
      jobs.add(() -> fill(a, outA, b, outB, half, bands));
    }

    /**
     * Bands {@code [k0, k1)} filtered with strategy {@code a} into {@code outA} and, unless
     * {@code b} is -1, with {@code b} from the same candidate rows into {@code outB}.
     */
    void fill(int a, byte[] outA, int b, byte[] outB, int k0, int k1) {
      ScanlinePacker packer = new ScanlinePacker(plan, width, rgba8, rgba16);
      byte[] row = new byte[rowBytes + 1];
      byte[] prev = new byte[rowBytes + 1];
      RowFilter filter = new RowFilter(plan.filterStride(), rowBytes);
      // Every band before k0 is whole: only the image's last band can be short.
      int o = (int) ((long) k0 * SAMPLE_BAND * (rowBytes + 1));
      for (int k = k0; k < k1; k++) {
        int y0 = k * every * SAMPLE_BAND;
        if (sampled != null && every == 1 && b < 0 && k % SAMPLE_EVERY == 0) {
          int n = Math.min(SAMPLE_BAND, height - y0) * (rowBytes + 1);
          System.arraycopy(sampled, (int) ((long) (k / SAMPLE_EVERY) * SAMPLE_BAND
              * (rowBytes + 1)), outA, o, n);
          o += n;
          continue;
        }
        if (y0 > 0) {
          packer.pack(y0 - 1, prev);
        } else {
          java.util.Arrays.fill(prev, (byte) 0);
        }
        for (int y = y0; y < Math.min(height, y0 + SAMPLE_BAND); y++) {
          packer.pack(y, row);
          if (b < 0) {
            System.arraycopy(filter.filter(row, prev, a), 0, outA, o, rowBytes + 1);
          } else {
            filter.filterTwo(row, prev, a, outA, b, outB, o);
          }
          o += rowBytes + 1;
          byte[] t = prev;
          prev = row;
          row = t;
        }
      }
    }
  }
}
