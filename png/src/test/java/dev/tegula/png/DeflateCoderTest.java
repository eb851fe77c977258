package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Tegula's deflate coder writes zlib streams that zlib inflates to the input, and small ones. */
class DeflateCoderTest {

  @Test
  void edgeCasesInflateExactly() {
    roundTrip(new byte[0]);
    roundTrip(new byte[] {42});
    roundTrip(new byte[] {1, 2});
    roundTrip(new byte[] {7, 7, 7});
    roundTrip(new byte[5]);
    roundTrip(new byte[300_000]);
  }

  @Test
  void randomDataFallsBackToStoredBlocks() {
    byte[] noise = noise(200_000, 1);
    byte[] z = roundTrip(noise);
    assertTrue(z.length < noise.length + noise.length / 1000 + 64, "stored: " + z.length);
  }

  @Test
  void matchesReachTheWholeWindow() {
    // Noise repeated at 32767 bytes, the farthest distance the coder uses (as libdeflate), then
    // at 32768, which the format allows and the coder leaves out.
    byte[] chunk = noise(32767, 2);
    byte[] data = new byte[32767 * 2 + 32768 + 1000];
    System.arraycopy(chunk, 0, data, 0, 32767);
    System.arraycopy(chunk, 0, data, 32767, 32767);
    System.arraycopy(data, 32767 * 2 - 32768, data, 32767 * 2, 32768);
    byte[] z = roundTrip(data);
    assertTrue(z.length < 32767 + 32768 + 32768 / 4, "the repeat is found: " + z.length);
  }

  @Test
  void structuredDataBeatsZlibLevel9() {
    // Rows of a smooth, noisy signal with repeats: what filtered scanlines look like.
    byte[] data = new byte[400_000];
    long seed = 3;
    for (int i = 0; i < data.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int noise = (int) (seed >>> 61) - 3;
      data[i] = (byte) (i % 997 < 500 ? data[Math.max(0, i - 997)] : noise * (i % 5));
    }
    for (boolean thorough : new boolean[] {false, true}) {
      byte[] ours = DeflateCoder.zlib(data, data.length, thorough);
      assertArrayEquals(data, inflate(ours, data.length));
      byte[] zlib = ZlibCoder.compress(data, data.length, 9, Deflater.DEFAULT_STRATEGY,
          Long.MAX_VALUE);
      assertTrue(ours.length < zlib.length, ours.length + " vs zlib " + zlib.length);
    }
  }

  @Test
  void copiesAroundTheSkipLengthInflateExactly() {
    // Copies of 80-200 bytes (inside copies of 88+ only the match tree is updated) from varying
    // distances, over several 64 KiB segments, separated by fresh noise.
    byte[] noise = noise(300_000, 7);
    byte[] data = new byte[300_000];
    int p = 0;
    int q = 0;
    for (int k = 0; p < data.length; k++) {
      int fresh = Math.min(data.length - p, 20 + k % 13);
      System.arraycopy(noise, q, data, p, fresh);
      p += fresh;
      q += fresh;
      int len = Math.min(data.length - p, 80 + (k * 37) % 121);
      int dist = Math.min(p, 1 + (k * 7919) % 32767);
      for (int i = 0; i < len && dist > 0; i++, p++) {
        data[p] = data[p - dist];
      }
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < q + q / 4, "the copies are found: " + z.length + " for " + q
        + " bytes of noise");
  }

  @Test
  void copiesOfCopiesAreFoundOverALongInput() {
    // Noise repeated every 30000 bytes over 1.25 MiB: every match reaches back into a stretch
    // that was itself a match, so those stretches' positions must be in the match tree.
    byte[] data = new byte[1_310_720];
    byte[] noise = noise(30_000, 4);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (noise[i % noise.length] + (i % 30_000 == 17 ? i / 30_000 : 0));
    }
    byte[] z = DeflateCoder.zlib(data, data.length, false);
    assertArrayEquals(data, inflate(z, data.length));
    assertTrue(z.length < 30_000 + data.length / 64, "the repeats are found: " + z.length);
  }

  @Test
  void runsInflateExactly() {
    // Runs of one to eight repeated bytes, long and short, between noise: inside long runs only
    // the last positions enter the match tree.
    byte[] noise = noise(400_000, 9);
    byte[] data = new byte[400_000];
    int p = 0;
    for (int k = 0; p < data.length; k++) {
      int fresh = Math.min(data.length - p, 8 + k % 29);
      System.arraycopy(noise, p, data, p, fresh);
      p += fresh;
      int period = 1 + k % 8;
      int len = Math.min(data.length - p, 100 + (k * 53) % 700);
      for (int i = 0; i < len; i++, p++) {
        data[p] = p >= period ? data[p - period] : 0;
      }
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < data.length / 3, "the runs are found: " + z.length);
  }

  @Test
  void mixedDataOverManySegments() {
    byte[] data = new byte[700_000];
    byte[] noise = noise(data.length, 5);
    for (int i = 0; i < data.length; i++) {
      int region = (i / 50_000) % 4;
      data[i] = switch (region) {
        case 0 -> noise[i];
        case 1 -> (byte) (i % 7);
        case 2 -> (byte) (noise[i] & 3);
        default -> (byte) (i / 1000);
      };
    }
    roundTrip(data);
  }

  @Test
  void huffmanLengthsRespectTheLimit() {
    // Fibonacci frequencies make the deepest unlimited Huffman tree.
    int[] freq = new int[286];
    int a = 1;
    int b = 1;
    for (int i = 0; i < 30; i++) {
      freq[i] = a;
      int t = a + b;
      a = b;
      b = t;
    }
    int[] lengths = new int[286];
    new HuffmanLengths().build(freq, 286, 15, lengths);
    long kraft = 0;
    for (int i = 0; i < 286; i++) {
      assertTrue(lengths[i] <= 15);
      if (lengths[i] > 0) {
        kraft += 1L << (15 - lengths[i]);
      }
    }
    assertTrue(kraft == 1L << 15, "complete code: " + kraft);
  }

  @Test
  void partsCodedApartInflateExactlyWithMatchesAcrossTheCut() {
    // 2.5 parts' minimum of noise repeated every 30000 bytes (one byte changed each time): two
    // parts, the second finds its matches from its first byte on, reaching back into the first.
    byte[] data = new byte[5 * DeflateCoder.PART_FROM / 2];
    byte[] noise = noise(30_000, 4);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (noise[i % noise.length] + (i % 30_000 == 17 ? i / 30_000 : 0));
    }
    DeflateCoder coder = new DeflateCoder(data, data.length, false);
    assertEquals(2, coder.parts());
    coder.parsePart(1);
    coder.parsePart(0);
    byte[] z = coder.finish();
    assertArrayEquals(data, inflate(z, data.length));
    assertArrayEquals(z, DeflateCoder.zlib(data, data.length, false), "the same in any order");
    assertTrue(z.length < 2 * 30_000, "the repeats are found: " + z.length);
  }

  @Test
  void aShortPartFindsMatchesInTheWindowBeforeItsWarmUp() {
    // Noise repeated every 30000 bytes over 2.5 parts' minimum: the second part is short, so its
    // finder holds only every 4th position of the window before its warm-up stretch. Its first
    // bytes repeat bytes from there (30000 back, 26000 before the warm-up): still matched, a few
    // bytes late, where a finder without that window would code 12000 literals.
    byte[] data = new byte[5 * DeflateCoder.PART_FROM / 2];
    byte[] noise = noise(30_000, 5);
    for (int i = 0; i < data.length; i++) {
      data[i] = noise[i % noise.length];
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < 30_000 + 30_000 / 10, "the repeats are found: " + z.length);
  }

  @Test
  void runsNextToMatchesAcrossSegmentsAndPartsInflateExactly() {
    // Runs of one value (some crossing the 16K segment and the part cuts), each followed by a
    // copy of an earlier glyph-like pattern and noise: text on a flat background.
    byte[] glyphs = noise(600, 6);
    byte[] data = new byte[3 * DeflateCoder.PART_FROM];
    long seed = 7;
    for (int i = 0; i < data.length; ) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int run = 1 + (int) ((seed >>> 33) % 5000);
      int copy = 3 + (int) ((seed >>> 20) % 40);
      int at = (int) ((seed >>> 45) % (glyphs.length - copy));
      for (int k = 0; k < run && i < data.length; k++) {
        data[i++] = (byte) 200;
      }
      for (int k = 0; k < copy && i < data.length; k++) {
        data[i++] = glyphs[at + k];
      }
      if (i < data.length) {
        data[i++] = (byte) (seed >>> 56);
      }
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < data.length / 20, "runs and copies coded small: " + z.length);
  }

  @Test
  void longCopiesOfOneTemplateInflateExactly() {
    // Copies of 88-300 bytes of one template (distance above the run limit), each ending in a
    // changed byte: inside them positions enter the tree with a short nice length (many nodes
    // share long prefixes), and the parse weighs only the lengths near each copy's end. Across
    // segments and the part cut; tiny copies between them.
    byte[] template = noise(700, 11);
    byte[] data = new byte[5 * DeflateCoder.PART_FROM / 2 + 123];
    long seed = 12;
    int i = 0;
    while (i < data.length) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int len = 88 + (int) ((seed >>> 33) % 213);
      int at = (int) ((seed >>> 13) % (template.length - len));
      for (int k = 0; k < len && i < data.length; k++) {
        data[i++] = template[at + k];
      }
      for (int k = 0; k < 1 + (seed >>> 60) && i < data.length; k++) {
        data[i++] = (byte) (seed >>> (8 * k));
      }
      if ((seed & 7) == 0) {
        for (int k = 0; k < 3 && i < data.length; k++) {
          data[i++] = template[k];
        }
      }
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < data.length / 12, "the copies are found: " + z.length);
    for (int n : new int[] {1, 3, 4, 89, 300, 700}) {
      roundTrip(java.util.Arrays.copyOf(data, n));
    }
  }

  @Test
  void segmentsOfMatchesThenNoiseInflateExactly() {
    // Stretches of a few segments each: a tiled glyph pattern (mostly matches: the next segment
    // searches fewer tree nodes), then noise (mostly literals: the full depth again), and so on,
    // with the pattern's copies reaching back across the noise.
    byte[] glyphs = noise(900, 13);
    byte[] noise = noise(200_000, 14);
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      boolean graphic = (i / 40_000) % 2 == 0;
      data[i] = graphic ? glyphs[(i * 7 / 3) % glyphs.length] : noise[i];
    }
    byte[] z = roundTrip(data);
    assertTrue(z.length < 90_000, "the pattern is coded small: " + z.length);
  }

  @Test
  void copiesThatDivergeSoonAfterTheInsertStopInflateExactly() {
    // Copies from up to 3000 bytes back that differ in one byte 32-131 bytes in, over a few
    // symbols: positions entered inside a long match meet nodes that match just past the insert
    // stop (32 bytes) and then differ, where taking such a node's place left its subtrees
    // misordered and later matches claimed bytes they did not have. These seeds failed so (about
    // 1 in 200 seeds of this generator did), the first 20 did not.
    int[] seeds = {230, 467, 826, 962, 1213, 1232, 1398, 1741, 1793};
    for (int i = -20; i < seeds.length; i++) {
      int seed = i < 0 ? i + 20 : seeds[i];
      java.util.Random r = new java.util.Random(seed);
      byte[] data = new byte[1000 + r.nextInt(6000)];
      int symbols = 2 + r.nextInt(6);
      for (int p = 0; p < data.length; ) {
        if (p > 300 && r.nextInt(3) > 0) {
          int len = 40 + r.nextInt(200);
          int src = p - 1 - r.nextInt(Math.min(p - 1, 3000));
          int changed = 32 + r.nextInt(100);
          for (int k = 0; k < len && p < data.length; k++, p++) {
            data[p] = k == changed ? (byte) r.nextInt(symbols) : data[src + k];
          }
        } else {
          for (int k = 1 + r.nextInt(20); k > 0 && p < data.length; k--) {
            data[p++] = (byte) r.nextInt(symbols);
          }
        }
      }
      byte[] z = roundTrip(data);
      assertTrue(z.length < data.length / 2, "seed " + seed + ": the copies are found: " + z.length);
    }
  }

  @Test
  void literalHeavySegmentsWithAFewCopiesInflateExactly() {
    // Noise of 16 values (nearly all literals: the segments after the first search one hash
    // candidate in one pass, at most two in a row) with a copy of 5-40 bytes from up to 30000 back
    // every 600 bytes or so, copies running across the segment ends; a matchy stretch in the
    // middle turns the full search back on. Cut at lengths around the segment and part bounds.
    java.util.Random r = new java.util.Random(21);
    byte[] tile = noise(700, 22);
    byte[] data = new byte[9 * DeflateParser.SEGMENT + 123];
    for (int p = 0; p < data.length; ) {
      boolean matchy = p >= 4 * DeflateParser.SEGMENT && p < 5 * DeflateParser.SEGMENT;
      if (matchy) {
        data[p] = tile[p % tile.length];
        p++;
      } else if (p > 20_000 && r.nextInt(600) == 0) {
        int src = p - 1 - r.nextInt(Math.min(p - 1, 30_000));
        for (int k = 5 + r.nextInt(36); k > 0 && p < data.length; k--) {
          data[p++] = data[src++];
        }
      } else {
        data[p++] = (byte) r.nextInt(16);
      }
    }
    for (int end : new int[] {2 * DeflateParser.SEGMENT + 3, 3 * DeflateParser.SEGMENT - 1,
        5 * DeflateParser.SEGMENT + 17, data.length}) {
      byte[] part = java.util.Arrays.copyOf(data, end);
      byte[] z = roundTrip(part);
      assertTrue(z.length < end * 56 / 100, end + " bytes: 4-bit noise and copies: " + z.length);
    }
  }

  @Test
  void aThousandSeedsOfNearCopiesAndRunsInflateExactly() {
    // A sweep, not a list of known failures: copies with one changed byte anywhere (also
    // inside the first 32), runs, and longer matches than the insert stop, on small alphabets
    // (the 1-in-200 corruption of e8641e8 showed up here). Each input is a few KB.
    for (int seed = 0; seed < 1000; seed++) {
      java.util.Random r = new java.util.Random(1_000_003L * seed);
      byte[] data = new byte[500 + r.nextInt(5000)];
      int symbols = 2 + r.nextInt(6);
      for (int p = 0; p < data.length; ) {
        int op = p > 64 ? r.nextInt(4) : 0;
        if (op == 0) {
          for (int k = 1 + r.nextInt(16); k > 0 && p < data.length; k--) {
            data[p++] = (byte) r.nextInt(symbols);
          }
        } else if (op == 1) {
          byte v = (byte) r.nextInt(symbols);
          for (int k = 3 + r.nextInt(300); k > 0 && p < data.length; k--) {
            data[p++] = v;
          }
        } else {
          int len = op == 2 ? 3 + r.nextInt(40) : 40 + r.nextInt(300);
          int src = p - 1 - r.nextInt(Math.min(p - 1, 4000));
          int changed = op == 2 ? r.nextInt(len + 1) : 24 + r.nextInt(120);
          for (int k = 0; k < len && p < data.length; k++, p++) {
            data[p] = k == changed ? (byte) r.nextInt(symbols) : data[src + k];
          }
        }
      }
      for (boolean thorough : new boolean[] {false, true}) {
        byte[] z = DeflateCoder.zlib(data, data.length, thorough);
        assertArrayEquals(data, inflate(z, data.length), "seed " + seed + ", thorough "
            + thorough);
      }
    }
  }

  private static byte[] roundTrip(byte[] data) {
    byte[] last = null;
    for (boolean thorough : new boolean[] {false, true}) {
      byte[] z = DeflateCoder.zlib(data, data.length, thorough);
      assertArrayEquals(data, inflate(z, data.length), "thorough " + thorough);
      last = z;
    }
    return last;
  }

  static byte[] inflate(byte[] z, int expected) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(z);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && !inflater.finished()
            && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new AssertionError("stream ends early");
        }
        out.write(buf, 0, n);
      }
      assertTrue(inflater.getRemaining() == 0, "nothing after the stream");
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new AssertionError(e);
    } finally {
      inflater.end();
    }
  }

  private static byte[] noise(int n, long seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      b[i] = (byte) (seed >>> 56);
    }
    return b;
  }
}
