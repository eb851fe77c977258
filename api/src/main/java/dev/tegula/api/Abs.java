package dev.tegula.api;

/**
 * |x| and the sign of a double from its bits, without a branch, for the estimates' loops over DCT
 * coefficients. TeaVM's WebAssembly makes Math.abs(double) a comparison and a jump, which
 * coefficients' random signs send either way (HotSpot clears the sign bit). In the browser, with
 * this in {@link SizeCurve}'s symbol count and {@link SourceLattice}, the size estimate's count
 * fell from 0.42 to 0.20 of the size searches' encode time in a profile, and the bench's size
 * searches took 0.68-1.00 of their time (the 0.26 MP photo 0.68-0.74). SsimCurve's quantization
 * error kept Math.abs: there this measured slower. The same value as Math.abs for every double (NaN
 * stays NaN).
 */
final class Abs {
  private Abs() {}

  static double of(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & Long.MAX_VALUE);
  }

  /**
   * 1 with the sign of {@code x} (-1 for -0.0), from its sign bit: Math.copySign(1.0, x) on the
   * JVM. TeaVM's Math.copySign branches and returns {@code x} itself for a zero, which would make
   * the browser's estimates differ from the JVM's.
   */
  static double signOf(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & Long.MIN_VALUE | ONE);
  }

  /**
   * The bits of 1.0, written as a constant: a computed initializer would give the class a static
   * initializer, and under TeaVM every call of {@link #of} would first check that it ran (an
   * indirect call).
   */
  private static final long ONE = 0x3FF0000000000000L;
}
