package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;
import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * Plane scaling (format-lossless.md §4.6): when every sample of a plane is {@code offset + step·q}
 * for one step ≥ 2, the plane is coded as the q. This is what 8-bit data stored in 16 bits
 * (v·257), 10- or 12-bit data shifted to 16 bits, or an 8-bit image whose histogram has regular
 * gaps look like; without it their low bits would look like noise to the predictor. The mapping is
 * affine, so neighbourhoods keep their shape.
 */
final class PlaneScale {
  private static final int FIELD_BITS = 20;

  static final PlaneScale NONE = new PlaneScale(0, 1);

  final int offset;
  final int step;

  private PlaneScale(int offset, int step) {
    this.offset = offset;
    this.step = step;
  }

  /** The scaling of a plane's samples: the smallest sample and the gcd of the differences. */
  static PlaneScale of(int[] plane, int pixels) {
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < pixels; i++) {
      min = Math.min(min, plane[i]);
    }
    int g = 0;
    for (int i = 0; i < pixels && g != 1; i++) {
      g = gcd(g, plane[i] - min);
    }
    return g >= 2 ? new PlaneScale(min, g) : NONE;
  }

  /** Writes the plane header: a flag, and offset - lo and step in 20 direct bits each. */
  void write(RangeEncoder enc, int lo) {
    enc.encodeDirect(step >= 2 ? 1 : 0, 1);
    if (step >= 2) {
      enc.encodeDirect(offset - lo, FIELD_BITS);
      enc.encodeDirect(step, FIELD_BITS);
    }
  }

  /** The same header in the fast method's side bits (§9.3). */
  void write(BitWriter out, int lo) {
    out.write(step >= 2 ? 1 : 0, 1);
    if (step >= 2) {
      out.write(offset - lo, FIELD_BITS);
      out.write(step, FIELD_BITS);
    }
  }

  static PlaneScale read(BitReader in, int lo, int hi, int planeIndex) {
    if (in.read(1) == 0) {
      return NONE;
    }
    int offset = lo + in.read(FIELD_BITS);
    return checked(offset, in.read(FIELD_BITS), hi, planeIndex);
  }

  private static PlaneScale checked(int offset, int step, int hi, int planeIndex) {
    if (step < 2 || offset > hi) {
      throw new MalformedInputException("lossless data: plane " + planeIndex
          + " has an impossible scale (offset " + offset + ", step " + step + ")", -1);
    }
    return new PlaneScale(offset, step);
  }

  /** Reads a plane header for a plane whose samples lie in lo..hi. */
  static PlaneScale read(RangeDecoder dec, int lo, int hi, int planeIndex) {
    if (dec.decodeDirect(1) == 0) {
      return NONE;
    }
    int offset = lo + dec.decodeDirect(FIELD_BITS);
    return checked(offset, dec.decodeDirect(FIELD_BITS), hi, planeIndex);
  }

  /** The largest q of a plane whose samples are at most hi. */
  int high(int hi) {
    return step >= 2 ? (hi - offset) / step : hi;
  }

  int low(int lo) {
    return step >= 2 ? 0 : lo;
  }

  /** Samples to q, in place. */
  void apply(int[] plane, int pixels) {
    if (step >= 2) {
      for (int i = 0; i < pixels; i++) {
        plane[i] = (plane[i] - offset) / step;
      }
    }
  }

  /** q back to samples, in place. */
  void undo(int[] plane, int pixels) {
    if (step >= 2) {
      for (int i = 0; i < pixels; i++) {
        plane[i] = offset + step * plane[i];
      }
    }
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
