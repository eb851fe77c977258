/**
 * JPEG decoding (ITU-T T.81 | ISO/IEC 10918-1) in pure Java, giving the pixels libjpeg-turbo's
 * djpeg gives with its defaults (islow IDCT, fancy upsampling, block smoothing of incomplete
 * progressive images). Entry point: {@link dev.tegula.jpeg.JpegDecoder}.
 *
 * <p>One class per stage:
 *
 * <ol>
 *   <li>{@code JpegParser}: marker segments (§B.1-B.2), tables (§B.2.4), frame and scan headers,
 *       application segments (JFIF, Adobe, EXIF, ICC, XMP) and comments;
 *   <li>{@code HuffmanTable}, {@code HuffmanScanDecoder}: Huffman decoding (§C, §F.2.2) of
 *       sequential and progressive (§G.1.2) scans with restart intervals (§F.2.2.4);
 *       {@code ArithmeticScanDecoder}: arithmetic-coded scans (§F.2.4, §G.1.3, Annex D);
 *       {@code StandardHuffmanTables}: Annex K tables for frames that omit them;
 *   <li>{@code BlockSmoothing}: Annex K.8 estimation of missing low-frequency coefficients, as
 *       libjpeg-turbo 2.1 does for incomplete progressive images;
 *   <li>{@code Renderer}: the output pass, one iMCU row at a time, through the stages below;
 *   <li>{@code Idct}: dequantization and inverse DCT (§A.3.3) exactly as jidctint.c;
 *       {@code ReducedIdct}: jidctred.c's 4x4, 2x2 and 1x1 transforms for shrunk decodes;
 *   <li>{@code ComponentPlane}, {@code Upsampler}: samples per component and jdsample.c's
 *       upsampling with jdmainct.c's edge rows (§A.1.1 sampling factors);
 *   <li>{@code ColorConverter}, {@code FusedYccRow}: jdcolor.c colour conversion (T.871 §7 for
 *       YCbCr) and the fused 4:2:0 / 4:2:2 row path;
 *   <li>core's {@code Exif} and {@code Orientation}: the EXIF orientation tag and the
 *       upright transform.
 * </ol>
 *
 * <p>{@link dev.tegula.jpeg.JpegSegmentReader} opens {@code JpegParser} and
 * {@code HuffmanScanDecoder} to JPEG recompression, which needs the bytes of each segment and
 * what a scan holds besides its coefficients (padding bits, end-of-band runs): one parser of this
 * untrusted format, not two.
 *
 * <p>Coefficients of all scans go into per-component stores ({@code FrameComponent}); the pixels
 * are produced per iMCU row into the RGBA output, with no allocation per block or row. A
 * single-pass image (sequential, Huffman-coded, its first scan holding every component) is
 * rendered as it is decoded, and its stores hold one iMCU row.
 */
package dev.tegula.jpeg;
