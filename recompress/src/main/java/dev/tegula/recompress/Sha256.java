package dev.tegula.recompress;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of the original JPEG, kept at compress and checked on restore. The platform's
 * MessageDigest: the JDK's on the JVM (SHA intrinsics, 5.6x a pure-Java SHA-256 here, about 6 % of
 * a restore at 15 MB/s), and in the Wasm build the wasm module's pure-Java one, which TeaVM's
 * class-library substitution puts in its place (wasm's org.teavm.classlib.java.security).
 */
final class Sha256 {
  private Sha256() {}

  /** The 32-byte digest of {@code data[0, length)}. */
  static byte[] digest(byte[] data, int length) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must have SHA-256 (MessageDigest's javadoc)
      throw new IllegalStateException("this platform has no SHA-256", e);
    }
    md.update(data, 0, length);
    return md.digest();
  }
}
