package dev.tegula.recompress;

/**
 * Everything of a JPEG file but its quantized coefficients: the bytes outside entropy-coded data,
 * verbatim, and per scan what its re-encoding must do differently from libjpeg.
 *
 * @param pieces {@code pieces[k]}: the bytes from the end of scan k−1's entropy-coded data (the
 *     start of the file for k = 0) to the start of scan k's, i.e. up to and including its SOS
 *     segment: SOI, APPn, COM, DQT, DHT, DRI, SOF, anything before SOI
 * @param records one per scan
 * @param tail the bytes after the last scan's entropy-coded data: EOI and anything after it,
 *     or, when a later part of the file could not be modelled, all of it
 */
record JpegLayout(byte[][] pieces, ScanRecord[] records, byte[] tail) {
  int scans() {
    return pieces.length;
  }
}
