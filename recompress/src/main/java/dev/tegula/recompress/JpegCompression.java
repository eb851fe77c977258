package dev.tegula.recompress;

/**
 * The result of {@link JpegRecompression#compress}.
 *
 * @param tgl the .tgl file (mode 2)
 * @param modelled whether the coefficients were modelled, else the JPEG is stored verbatim
 * @param reason why it is stored verbatim (null when modelled); when modelled, why the model
 *     stops early if it does (the rest of the file is then kept verbatim), else null
 */
public record JpegCompression(byte[] tgl, boolean modelled, String reason) {}
