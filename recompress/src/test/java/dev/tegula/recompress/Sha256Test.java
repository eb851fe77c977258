package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure-Java SHA-256 against the JDK's (which TeaVM lacks), at every padding boundary. */
class Sha256Test {
  @Test
  void matchesTheJdkAtEveryLengthAroundTheBlockBoundaries() throws Exception {
    Random rnd = new Random(256);
    byte[] data = new byte[5000];
    rnd.nextBytes(data);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    for (int n = 0; n <= 5000; n += n < 300 ? 1 : 97) {
      jdk.reset();
      jdk.update(data, 0, n);
      assertArrayEquals(jdk.digest(), Sha256.digest(data, n), "length " + n);
    }
  }

  @Test
  void knowsTheFipsExample() throws Exception {
    byte[] abc = "abc".getBytes("US-ASCII");
    byte[] expected = new byte[32];
    String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    for (int i = 0; i < 32; i++) {
      expected[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    assertArrayEquals(expected, Sha256.digest(Arrays.copyOf(abc, 10), 3));
  }
}
