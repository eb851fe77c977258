package dev.tegula.api;

/**
 * |x| of a double without a branch, for the estimates' loops over DCT coefficients. TeaVM's
 * WebAssembly makes Math.abs(double) a comparison and a jump, which coefficients' random signs
 * send either way (HotSpot clears the sign bit). In the browser, with this in {@link SizeCurve}'s
 * symbol count and {@link SourceLattice}, the size estimate's count fell from 0.42 to 0.20 of the
 * size searches' encode time in a profile, and the bench's size searches took 0.68-1.00 of their
 * time (the 0.26 MP photo 0.68-0.74). SsimCurve's quantization error kept Math.abs: there this
 * measured slower. The same value as Math.abs for every double (NaN stays NaN).
 */
final class Abs {
  private Abs() {}

  static double of(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & Long.MAX_VALUE);
  }
}
