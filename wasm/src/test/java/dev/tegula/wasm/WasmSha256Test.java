package dev.tegula.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.teavm.classlib.java.security.TMessageDigest;

/**
 * The Wasm build's SHA-256 (TMessageDigest, which stands in for java.security.MessageDigest under
 * TeaVM) against the JDK's on the JVM: every padding boundary, updates split anywhere.
 */
class WasmSha256Test {
  @Test
  void matchesTheJdkAtEveryLengthAroundTheBlockBoundaries() throws Exception {
    Random rnd = new Random(256);
    byte[] data = new byte[5000];
    rnd.nextBytes(data);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    for (int n = 0; n <= 5000; n += n < 300 ? 1 : 97) {
      jdk.reset();
      jdk.update(data, 0, n);
      TMessageDigest ours = TMessageDigest.getInstance("SHA-256");
      ours.update(data, 0, n);
      assertArrayEquals(jdk.digest(), ours.digest(), "length " + n);
    }
  }

  @Test
  void updatesSplitAnywhereGiveTheSameDigest() throws Exception {
    Random rnd = new Random(7);
    byte[] data = new byte[1000];
    rnd.nextBytes(data);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
    for (int round = 0; round < 200; round++) {
      TMessageDigest ours = TMessageDigest.getInstance("SHA-256");
      int at = 0;
      while (at < data.length) {
        int n = Math.min(data.length - at, rnd.nextInt(round % 2 == 0 ? 70 : 300));
        ours.update(data, at, n);
        at += n;
      }
      assertArrayEquals(expected, ours.digest(), "round " + round);
    }
  }

  @Test
  void knowsTheFipsExampleAndOnlySha256() throws Exception {
    byte[] expected = new byte[32];
    String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    for (int i = 0; i < 32; i++) {
      expected[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    TMessageDigest ours = TMessageDigest.getInstance("SHA-256");
    ours.update("xabcx".getBytes("US-ASCII"), 1, 3);
    assertArrayEquals(expected, ours.digest());
    assertThrows(NoSuchAlgorithmException.class, () -> TMessageDigest.getInstance("MD5"));
  }
}
