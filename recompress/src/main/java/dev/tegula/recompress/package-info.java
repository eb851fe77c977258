/**
 * JPEG recompression: a JPEG file's quantized DCT coefficients and everything else needed to
 * rebuild the file byte for byte, coded with context modelling inside a .tgl container.
 */
package dev.tegula.recompress;
