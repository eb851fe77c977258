package dev.tegula.wasm;

import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The decode-only module, {@code tegula-decode.wasm}: decode, info and the tile-by-tile .tgl
 * decode of {@link TegulaExports}, under the same names, and nothing that encodes or compares.
 * A page that only shows images ({@code <tegula-img>}, {@code init({decodeOnly: true})}) loads
 * about half the bytes: TeaVM compiles only what these exports reach.
 */
public final class DecodeExports {
  private static final LinearPixels decodedPixels = LinearPixels.SHARED;

  private DecodeExports() {}

  public static void main(String[] args) {
    // Nothing to start: the exports are called from the worker.
  }

  /** As {@link TegulaExports#decode}. */
  @JSExport
  public static String decode(byte[] data, boolean autoOrient, double maxPixels,
      int jpegShrink) {
    return Decoding.decode(decodedPixels, data, autoOrient, maxPixels,
        jpegShrink);
  }

  /** As {@link TegulaExports#info}. */
  @JSExport
  public static String info(byte[] data) {
    return Decoding.info(data);
  }

  /** As {@link TegulaExports#takeDecodedPixels}. */
  @JSExport
  public static Int8Array takeDecodedPixels() {
    return decodedPixels.take();
  }

  /** The decoding half of {@link TegulaExports#tiles}: openTgl, restoreTile and their takes. */
  @JSExport
  public static TileRestoring tiles() {
    return TileRestoring.INSTANCE;
  }

  /** Tells the worker that encoding, comparing and restoring to PNG are not here. */
  @JSExport
  public static boolean decodeOnly() {
    return true;
  }

  /** As {@link TegulaExports#version}. */
  @JSExport
  public static String version() {
    return TegulaExports.VERSION;
  }
}
