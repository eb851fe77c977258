package dev.tegula.api;

/**
 * How smooth an image is, from {@link SsimCurve}'s sampled luma blocks: the share of their AC
 * energy in the five lowest zigzag positions, the gradients that .tgl's deblocking and lapping
 * rebuild where the quantizer zeroes them (the model scores those blocks as flat). The share runs
 * 0.47-0.86 on the corpus photos, graphics and every tuning set of decoded JPEGs (a median
 * 0.74), 0.97-0.99 on the blurred photos of {@code fitsm} (scripts/measure-sets): the weight is 0
 * up to {@link #FROM}, 1 from {@link #TO}, linear between, so that photos keep their correction.
 */
final class Smoothness {
  /** Above the tuning sets' photos (at most 0.864) with a margin. */
  static final double FROM = 0.90;
  /** About the share of a photo blurred by a Gaussian of sigma 5 (0.982-0.988). */
  static final double TO = 0.99;
  /** Natural positions of zigzag 1-5: (0,1), (1,0), (2,0), (1,1), (0,2). */
  private static final int[] LOW = {1, 8, 16, 9, 2};

  private Smoothness() {}

  /** The weight, 0-1, of orthonormal-DCT luma blocks (natural order); 0 without AC energy. */
  static double weight(double[][] luma) {
    double low = 0;
    double all = 0;
    for (double[] b : luma) {
      for (int k = 1; k < 64; k++) {
        all += b[k] * b[k];
      }
      for (int k : LOW) {
        low += b[k] * b[k];
      }
    }
    return all == 0 ? 0 : Math.max(0, Math.min(1, (low / all - FROM) / (TO - FROM)));
  }
}
