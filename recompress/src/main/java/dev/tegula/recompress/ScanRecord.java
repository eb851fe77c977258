package dev.tegula.recompress;

/**
 * What a scan's entropy-coded data holds beyond its coefficients, where it differs from what
 * libjpeg's encoder writes (so a file from libjpeg stores two empty lists):
 *
 * @param pads pairs (entropy-coded segment index, padding bits) for segments whose padding bits
 *     (T.81 §F.1.2.3) are not all ones; increasing segment indices
 * @param toggles indices of blocks (in scan order) after which the file ends an end-of-band run
 *     (§G.1.2.2) where libjpeg would not, or does not where libjpeg would; increasing
 */
record ScanRecord(int[] pads, int[] toggles) {}
