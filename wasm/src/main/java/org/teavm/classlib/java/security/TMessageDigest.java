package org.teavm.classlib.java.security;

import java.security.NoSuchAlgorithmException;

/**
 * {@code java.security.MessageDigest} for the Wasm build, SHA-256 only (FIPS 180-4 §6.2): TeaVM's
 * class library has no MessageDigest, and its class-library substitution (java.X.Y is looked up
 * as org.teavm.classlib.java.X.TY on the compile classpath) picks this class up, so recompress
 * calls the JDK's MessageDigest on the JVM, with its SHA intrinsics (5.6x the pure-Java code
 * below on this machine), and this code in the browser. Only what recompress calls is here.
 */
public final class TMessageDigest {
  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };

  private final int[] hash = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f,
      0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  private final int[] w = new int[64];
  private final byte[] pending = new byte[64];
  private int pendingLength;
  private long length;

  private TMessageDigest() {}

  public static TMessageDigest getInstance(String algorithm) throws NoSuchAlgorithmException {
    if (!"SHA-256".equals(algorithm)) {
      throw new NoSuchAlgorithmException(algorithm + " (the Wasm build has SHA-256 only)");
    }
    return new TMessageDigest();
  }

  public void update(byte[] data, int offset, int count) {
    if (offset < 0 || count < 0 || count > data.length - offset) {
      throw new IllegalArgumentException("bad range " + offset + "+" + count);
    }
    length += count;
    int end = offset + count;
    if (pendingLength > 0) {
      int take = Math.min(64 - pendingLength, count);
      System.arraycopy(data, offset, pending, pendingLength, take);
      pendingLength += take;
      offset += take;
      if (pendingLength < 64) {
        return;
      }
      block(pending, 0, hash, w);
      pendingLength = 0;
    }
    int full = offset + ((end - offset) & ~63);
    for (int at = offset; at < full; at += 64) {
      block(data, at, hash, w);
    }
    System.arraycopy(data, full, pending, 0, end - full);
    pendingLength = end - full;
  }

  /** The 32-byte digest of everything updated; used once (recompress makes one per file). */
  public byte[] digest() {
    // §5.1.1 padding: 0x80, zeros, the bit length as a 64-bit big-endian number
    byte[] tail = new byte[pendingLength < 56 ? 64 : 128];
    System.arraycopy(pending, 0, tail, 0, pendingLength);
    tail[pendingLength] = (byte) 0x80;
    long bits = length << 3;
    for (int i = 0; i < 8; i++) {
      tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    for (int at = 0; at < tail.length; at += 64) {
      block(tail, at, hash, w);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      out[4 * i] = (byte) (hash[i] >>> 24);
      out[4 * i + 1] = (byte) (hash[i] >>> 16);
      out[4 * i + 2] = (byte) (hash[i] >>> 8);
      out[4 * i + 3] = (byte) hash[i];
    }
    return out;
  }

  private static void block(byte[] b, int at, int[] hash, int[] w) {
    for (int t = 0; t < 16; t++) {
      int p = at + 4 * t;
      w[t] = ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
          | (b[p + 3] & 0xFF);
    }
    for (int t = 16; t < 64; t++) {
      int x = w[t - 15];
      int y = w[t - 2];
      int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
      int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    int a = hash[0];
    int bb = hash[1];
    int c = hash[2];
    int d = hash[3];
    int e = hash[4];
    int f = hash[5];
    int g = hash[6];
    int h = hash[7];
    for (int t = 0; t < 64; t++) {
      int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11)
          ^ Integer.rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
      int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
          + ((a & bb) ^ (a & c) ^ (bb & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = bb;
      bb = a;
      a = t1 + t2;
    }
    hash[0] += a;
    hash[1] += bb;
    hash[2] += c;
    hash[3] += d;
    hash[4] += e;
    hash[5] += f;
    hash[6] += g;
    hash[7] += h;
  }
}
