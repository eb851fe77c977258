package dev.tegula.wasm;

import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.core.TegulaException;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * What JavaScript can call: bytes in, bytes and JSON out, no logic of its own.
 *
 * <p>One instance runs per Web Worker, single-threaded, so the last decoded pixels can wait in
 * linear memory until {@link #takeDecodedPixels()} hands them over, and a made file in a static
 * field until {@link #takeBytes()} does; that keeps every export's parameters and results to types
 * that cross the Wasm boundary cheaply (Int8Array, string, number).
 */
public final class TegulaExports {
  /** The codec build's version, the same in the decode-only module. */
  static final String VERSION = "0.1.0";

  private static final LinearPixels decodedPixels = LinearPixels.SHARED;
  private static final Handover pendingBytes = new Handover();

  private TegulaExports() {}

  public static void main(String[] args) {
    // Nothing to start: the exports are called from the worker.
  }

  /**
   * Decodes a JPEG, PNG or .tgl file. Returns JSON: {@code {width, height, complete, warning, info,
   * metadata}} with the pixels waiting for {@link #takeDecodedPixels()}, or {@code {error: {code,
   * message, offset}}}. {@code
   * jpegShrink} is {@link dev.tegula.core.DecodeOptions#jpegShrink} (1, 2, 4 or 8; anything else
   * is an "argument" error).
   */
  @JSExport
  public static String decode(byte[] data, boolean autoOrient, double maxPixels,
      int jpegShrink) {
    return Decoding.decode(decodedPixels, data, autoOrient, maxPixels,
        jpegShrink);
  }

  /**
   * The pixels of the last {@link #decode} or the heatmap of the last {@link #compare}, once: a
   * view of linear memory whose first width x height x 4 bytes are the RGBA, valid until the
   * module next runs (copy them out at once); null when none wait.
   */
  @JSExport
  public static Int8Array takeDecodedPixels() {
    return decodedPixels.take();
  }

  /** Reads only the headers; JSON as {@link ImageFacts#toJson} or an error object. */
  @JSExport
  public static String info(byte[] data) {
    return Decoding.info(data);
  }

  /**
   * Compares a test image with a reference. Each is RGBA8 with its width and height, or an encoded
   * file with width 0. Returns JSON as {@link dev.tegula.api.QualityFacts} (PSNR, SSIM, MS-SSIM),
   * with the SSIM heatmap's RGBA8 pixels (same size) waiting for {@link #takeDecodedPixels()}
   * when {@code heatmap} is set, or {@code {error}} (code "mismatch" when the sizes differ).
   */
  @JSExport
  public static String compare(byte[] a, int aw, int ah, byte[] b, int bw, int bh,
      double maxPixels, boolean heatmap) {
    return comparing(a, aw, ah, b, bw, bh, maxPixels, heatmap);
  }

  /**
   * A view of linear memory at least {@code bytes} long that a job's input is written into before
   * {@link #compareStaged}: one copy in JavaScript instead of a {@code byte[]} crossing, which
   * goes an element at a time. Valid until the module next allocates: fill it at once.
   */
  @JSExport
  public static Int8Array stageInput(int bytes) {
    return decodedPixels.stage(bytes);
  }

  /**
   * {@link #compare} of the two images staged through {@link #stageInput}: the reference's
   * {@code aLength} bytes first, then the test image's {@code bLength}.
   */
  @JSExport
  public static String compareStaged(int aLength, int aw, int ah, int bLength, int bw, int bh,
      double maxPixels, boolean heatmap) {
    byte[] a;
    byte[] b;
    try {
      a = decodedPixels.staged(0, aLength);
      b = decodedPixels.staged(aLength, bLength);
    } catch (IllegalArgumentException e) {
      return usageError(e);
    }
    return comparing(a, aw, ah, b, bw, bh, maxPixels, heatmap);
  }

  private static String comparing(byte[] a, int aw, int ah, byte[] b, int bw, int bh,
      double maxPixels, boolean heatmap) {
    decodedPixels.clear();
    try {
      Comparisons.Result r = Comparisons.compare(a, aw, ah, b, bw, bh, maxPixels, heatmap);
      if (r.heatmap() != null) {
        decodedPixels.hold(r.heatmap());
      }
      return r.json();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (RuntimeException | StackOverflowError e) {
      return Decoding.internalError(e);
    }
  }

  /**
   * Compresses to .tgl (docs/format.md): {@code data} is a JPEG, PNG or .tgl file (width 0; its
   * EXIF, ICC, XMP and text are kept) or RGBA8 pixels of {@code width} x {@code height}. Lossy at
   * {@code quality} 0-100 unless {@code lossless}; {@code tileSize} 0 for the default 512. Returns
   * JSON {@code {width, height, lossless, quality, bytes}} with the .tgl file waiting for {@link
   * #takeBytes()}, or {@code {error}} (code "unsupported" when the mode's codec is not built in).
   */
  @JSExport
  public static String compress(byte[] data, int width, int height, int quality,
      boolean lossless, int tileSize, double maxPixels) {
    pendingBytes.clear();
    try {
      Compression.Result r = Compression.compress(data, width, height, quality, lossless,
          tileSize, maxPixels);
      pendingBytes.put(r.bytes());
      return r.json();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (IllegalArgumentException e) {
      return usageError(e);
    } catch (RuntimeException | StackOverflowError e) {
      return Decoding.internalError(e);
    }
  }

  /**
   * Restores a .tgl file to PNG (ICC and EXIF kept). Returns JSON {@code {width, height, complete,
   * warning, bytes}} with the PNG waiting for {@link #takeBytes()}; damaged tiles come back grey
   * with complete false and the warning naming them.
   */
  @JSExport
  public static String restore(byte[] data, double maxPixels) {
    pendingBytes.clear();
    try {
      Compression.Result r = Compression.restore(data, maxPixels);
      pendingBytes.put(r.bytes());
      return r.json();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (IllegalArgumentException e) {
      return usageError(e);
    } catch (RuntimeException | StackOverflowError e) {
      return Decoding.internalError(e);
    }
  }

  /** Hands over the file made by the last successful compress or restore (once). */
  @JSExport
  public static byte[] takeBytes() {
    return pendingBytes.take();
  }

  /** Arguments the caller got wrong (a bad quality or tile size, pixels not matching the size). */
  private static String usageError(IllegalArgumentException e) {
    return new Json()
        .putRaw("error", new Json()
            .put("code", "argument")
            .put("message", String.valueOf(e.getMessage()))
            .put("offset", -1)
            .toString())
        .toString();
  }

  /**
   * Tile-at-a-time .tgl compress and restore for the browser's worker pool ({@link TileCoding}):
   * its methods are called on the object this returns.
   */
  @JSExport
  public static TileCoding tiles() {
    return TileCoding.INSTANCE;
  }

  /**
   * Whole-image compress with every option of tegula.js's compress() ({@link Encoding}): its
   * methods are called on the object this returns.
   */
  @JSExport
  public static Encoding encoder() {
    return Encoding.INSTANCE;
  }

  /**
   * JPEG recompression (a JPEG kept bit for bit in .tgl, {@link JpegLosslessExports}): its
   * methods are called on the object this returns.
   */
  @JSExport
  public static JpegLosslessExports jpegLossless() {
    return JpegLosslessExports.INSTANCE;
  }

  /** The codec build's version, so a page can tell which module it loaded. */
  @JSExport
  public static String version() {
    return VERSION;
  }
}
