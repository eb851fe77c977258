package dev.tegula.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * The scans of a progressive JPEG (T.81 Annex G): the DC of all components first, then bands of
 * AC coefficients in two successive-approximation passes, as libjpeg's
 * {@code jpeg_simple_progression} (jcparam.c) orders them: a coarse low-frequency luminance band
 * comes early so that a partial file already shows a useful picture.
 */
final class ProgressiveScript {
  private ProgressiveScript() {}

  static List<ScanSpec> script(int components, int variant) {
    if (variant == 0) {
      return script(components);
    }
    List<ScanSpec> s = new ArrayList<>();
    if (variant == 1) { // spectral selection only
      s.add(new ScanSpec(components == 1 ? new int[] {0} : new int[] {0, 1, 2}, 0, 0, 0, 0));
      s.add(new ScanSpec(new int[] {0}, 1, 5, 0, 0));
      if (components == 3) {
        s.add(new ScanSpec(new int[] {1}, 1, 63, 0, 0));
        s.add(new ScanSpec(new int[] {2}, 1, 63, 0, 0));
      }
      s.add(new ScanSpec(new int[] {0}, 6, 63, 0, 0));
      return s;
    }
    if (variant == 2) { // successive approximation on luma only, one bit
      s.add(new ScanSpec(components == 1 ? new int[] {0} : new int[] {0, 1, 2}, 0, 0, 0, 0));
      s.add(new ScanSpec(new int[] {0}, 1, 5, 0, 1));
      if (components == 3) {
        s.add(new ScanSpec(new int[] {1}, 1, 63, 0, 0));
        s.add(new ScanSpec(new int[] {2}, 1, 63, 0, 0));
      }
      s.add(new ScanSpec(new int[] {0}, 6, 63, 0, 1));
      s.add(new ScanSpec(new int[] {0}, 1, 63, 1, 0));
      return s;
    }
    // variant 3: finer spectral bands
    s.add(new ScanSpec(components == 1 ? new int[] {0} : new int[] {0, 1, 2}, 0, 0, 0, 0));
    s.add(new ScanSpec(new int[] {0}, 1, 2, 0, 0));
    if (components == 3) {
      s.add(new ScanSpec(new int[] {1}, 1, 63, 0, 0));
      s.add(new ScanSpec(new int[] {2}, 1, 63, 0, 0));
    }
    s.add(new ScanSpec(new int[] {0}, 3, 9, 0, 0));
    s.add(new ScanSpec(new int[] {0}, 10, 63, 0, 0));
    return s;
  }

  /** The scan script for 1 (grayscale) or 3 (Y, Cb, Cr) components. */
  static List<ScanSpec> script(int components) {
    List<ScanSpec> s = new ArrayList<>();
    if (components == 1) {
      s.add(new ScanSpec(new int[] {0}, 0, 0, 0, 1));
      s.add(new ScanSpec(new int[] {0}, 1, 5, 0, 2));
      s.add(new ScanSpec(new int[] {0}, 6, 63, 0, 2));
      s.add(new ScanSpec(new int[] {0}, 1, 63, 2, 1));
      s.add(new ScanSpec(new int[] {0}, 0, 0, 1, 0));
      s.add(new ScanSpec(new int[] {0}, 1, 63, 1, 0));
      return s;
    }
    s.add(new ScanSpec(new int[] {0, 1, 2}, 0, 0, 0, 1));
    s.add(new ScanSpec(new int[] {0}, 1, 5, 0, 2));
    s.add(new ScanSpec(new int[] {2}, 1, 63, 0, 1));
    s.add(new ScanSpec(new int[] {1}, 1, 63, 0, 1));
    s.add(new ScanSpec(new int[] {0}, 6, 63, 0, 2));
    s.add(new ScanSpec(new int[] {0}, 1, 63, 2, 1));
    s.add(new ScanSpec(new int[] {0, 1, 2}, 0, 0, 1, 0));
    s.add(new ScanSpec(new int[] {2}, 1, 63, 1, 0));
    s.add(new ScanSpec(new int[] {1}, 1, 63, 1, 0));
    s.add(new ScanSpec(new int[] {0}, 1, 63, 1, 0));
    return s;
  }
}
