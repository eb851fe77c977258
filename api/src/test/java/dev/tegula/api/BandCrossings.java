package dev.tegula.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * Measurement code ({@link TargetMissCensus}): where a curve of SSIM along one setting crosses a
 * target, and which settings land in the band [target, top]. Positions are the setting's
 * integers in the direction that raises SSIM: quality hundredths, or minus the trellis lambda
 * hundredths at fixed tables. The curve may climb in stairs and need not be monotone, so a
 * bisection alone could step over a landing setting or pass a second crossing: the positions
 * the search already measured give the bracket; inside a monotone one the bisection ends on two
 * neighbours and their {@link #NEAR} neighbours on each side are measured too; a bracket whose
 * measured points are not monotone is measured at every position up to {@link #SCAN} of them,
 * and wider on a grid of that many points, each change of side bisected.
 */
final class BandCrossings {
  /** Positions measured on each side of a bisection's two neighbours, where a stair shows. */
  static final int NEAR = 3;
  /** A non-monotone bracket up to this many positions is measured at every one. */
  static final int SCAN = 60;
  /** A run of landing positions at a measured window's edge is followed at most this far. */
  static final int RUN_MAX = 60;

  private final IntToDoubleFunction ssim;
  private final int min;
  private final int max;
  private final double target;
  private final double top;
  private final TreeMap<Integer, Double> seen = new TreeMap<>();
  private final StringBuilder how = new StringBuilder();

  private BandCrossings(IntToDoubleFunction ssim, int min, int max, double target, double top) {
    this.ssim = ssim;
    this.min = min;
    this.max = max;
    this.target = target;
    this.top = top;
  }

  /**
   * Looks between {@code min} and {@code max} (inclusive), starting from the positions {@code
   * known} (those outside the range are ignored).
   */
  static BandCrossings of(IntToDoubleFunction ssim, int min, int max, double target, double top,
      Iterable<Integer> known) {
    BandCrossings b = new BandCrossings(ssim, min, max, target, top);
    for (int k : known) {
      if (k >= min && k <= max) {
        b.at(k);
      }
    }
    b.look();
    return b;
  }

  /** Every position from {@code from} to {@code to}, and runs of landing ones at the ends. */
  static BandCrossings scanned(IntToDoubleFunction ssim, int min, int max, double target,
      double top, int from, int to) {
    BandCrossings b = new BandCrossings(ssim, min, max, target, top);
    b.how.append("scanned ").append(Math.max(min, from)).append("..").append(Math.min(max, to));
    b.window(from, to);
    b.followRuns();
    return b;
  }

  private double at(int p) {
    return seen.computeIfAbsent(p, ssim::applyAsDouble);
  }

  private boolean passes(int p) {
    return at(p) >= target;
  }

  private void look() {
    if (firstPass() == null && !passes(max)) {
      how.append("the top fails");
      return;
    }
    if (lastFail() == null && passes(min)) {
      how.append("the bottom passes");
      window(min, min + NEAR);
      followRuns();
      return;
    }
    int minPass = firstPass();
    int maxFail = lastFail();
    Integer lo = seen.headMap(minPass).entrySet().stream().filter(e -> e.getValue() < target)
        .map(Map.Entry::getKey).reduce((a, b) -> b).orElse(null);
    if (lo == null) {
      lo = passes(min) ? null : min;
    }
    Integer hi = seen.tailMap(maxFail, false).entrySet().stream()
        .filter(e -> e.getValue() >= target).map(Map.Entry::getKey).findFirst().orElse(null);
    if (hi == null) {
      hi = passes(max) ? max : null;
    }
    if (maxFail < minPass && lo != null && hi != null) {
      int[] ab = bisect(lo, hi);
      how.append("bisected ").append(lo).append("..").append(hi);
      window(ab[0] - NEAR, ab[1] + NEAR);
    } else {
      int from = lo == null ? min : lo;
      int to = hi == null ? max : hi;
      if (to - from <= SCAN) {
        how.append("not monotone: scanned ").append(from).append("..").append(to);
        window(from, to);
      } else {
        int g = (to - from + SCAN - 1) / SCAN;
        how.append("not monotone: grid ").append(g).append(" over ").append(from).append("..")
            .append(to);
        List<Integer> grid = new ArrayList<>();
        for (int p = from; p < to; p += g) {
          grid.add(p);
        }
        grid.add(to);
        for (int p : grid) {
          at(p);
        }
        for (int i = 1; i < grid.size(); i++) {
          if (passes(grid.get(i - 1)) != passes(grid.get(i))) {
            int[] ab = bisect(grid.get(i - 1), grid.get(i));
            window(ab[0] - NEAR, ab[1] + NEAR);
          }
        }
      }
    }
    followRuns();
  }

  private Integer firstPass() {
    return seen.entrySet().stream().filter(e -> e.getValue() >= target).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  private Integer lastFail() {
    return seen.entrySet().stream().filter(e -> e.getValue() < target).map(Map.Entry::getKey)
        .reduce((a, b) -> b).orElse(null);
  }

  /** Two neighbouring positions between a and b on the sides a and b lie on. */
  private int[] bisect(int a, int b) {
    boolean sideA = passes(a);
    while (b - a > 1) {
      int m = (a + b) >> 1; // floor: lambda positions are negative
      if (passes(m) == sideA) {
        a = m;
      } else {
        b = m;
      }
    }
    return new int[] {a, b};
  }

  private void window(int from, int to) {
    for (int p = Math.max(min, from); p <= Math.min(max, to); p++) {
      at(p);
    }
  }

  /** Landing positions whose neighbour was not measured: the run goes on, measured until out. */
  private void followRuns() {
    for (int p : new ArrayList<>(seen.keySet())) {
      if (lands(seen.get(p))) {
        for (int q = p + 1; q <= Math.min(max, p + RUN_MAX) && !seen.containsKey(q); q++) {
          if (!lands(at(q))) {
            break;
          }
        }
        for (int q = p - 1; q >= Math.max(min, p - RUN_MAX) && !seen.containsKey(q); q--) {
          if (!lands(at(q))) {
            break;
          }
        }
      }
    }
  }

  private boolean lands(double s) {
    return s >= target && s <= top;
  }

  /** The positions measured, with their SSIM. */
  TreeMap<Integer, Double> seen() {
    return seen;
  }

  /** The measured positions whose SSIM lies in the band. */
  List<Integer> landings() {
    List<Integer> l = new ArrayList<>();
    seen.forEach((p, s) -> {
      if (lands(s)) {
        l.add(p);
      }
    });
    return l;
  }

  /**
   * Neighbouring positions {p, p + 1} on opposite sides of the target, in order: the places the
   * curve crosses it (up where p fails, down where p passes).
   */
  List<int[]> crossings() {
    List<int[]> c = new ArrayList<>();
    for (Map.Entry<Integer, Double> e : seen.entrySet()) {
      Double next = seen.get(e.getKey() + 1);
      if (next != null && (e.getValue() >= target) != (next >= target)) {
        c.add(new int[] {e.getKey(), e.getKey() + 1});
      }
    }
    return c;
  }

  /** Whether no measured position fails above one that passes. */
  boolean monotone() {
    boolean passed = false;
    for (double s : seen.values()) {
      if (s >= target) {
        passed = true;
      } else if (passed) {
        return false;
      }
    }
    return true;
  }

  /** What was done: the bracket bisected or scanned. */
  String how() {
    return how.toString();
  }
}
