package dev.tegula.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata carried verbatim from the input so that nothing a user gave us is lost. (One
 * exception, which keeps the meaning: a one-channel JPEG or PNG of a grey image carries the exact
 * grey equivalent of a colour ICC profile, {@link GreyProfile}, as it cannot carry the colour one.)
 *
 * @param icc the ICC profile bytes (JPEG APP2 chunks joined, PNG iCCP inflated), or null
 * @param exif the EXIF/TIFF bytes starting at the TIFF header ("II*\0" or "MM\0*"), or null
 * @param xmp the XMP packet bytes, or null
 * @param text comments and text chunks in file order (JPEG COM under key "comment", PNG
 *     tEXt/zTXt/iTXt under their keyword); never null
 */
public record Metadata(byte[] icc, byte[] exif, byte[] xmp, Map<String, String> text) {
  public static final Metadata EMPTY = new Metadata(null, null, null, Map.of());

  public Metadata {
    text = text == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(text));
  }

  public boolean isEmpty() {
    return icc == null && exif == null && xmp == null && text.isEmpty();
  }

  /**
   * Whether there is an ICC profile and it is not a grey one: its data colour space (ICC.1:2022
   * §7.2.6, header bytes 16-19) is other than 'GRAY', or it is too short to say. A grey file (a
   * one-component JPEG, a greyscale PNG: PNG §11.3.3.3) cannot carry such a profile, and
   * decoders drop it there, so encoders keep a colour representation for it.
   */
  public boolean hasColourProfile() {
    return icc != null && !(icc.length >= 20 && icc[16] == 'G' && icc[17] == 'R'
        && icc[18] == 'A' && icc[19] == 'Y');
  }
}
