package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeCoderTest {
  /** A small xorshift generator: java.util.Random differs under TeaVM. */
  private static int next(int[] state) {
    int x = state[0];
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[0] = x;
    return x;
  }

  @Test
  void roundTripsSkewedAndDirectBits() {
    int n = 200_000;
    int[] bits = new int[n];
    int[] direct = new int[n];
    int[] seed = {12345};
    for (int i = 0; i < n; i++) {
      bits[i] = (next(seed) & 1023) < (i % 7 == 0 ? 900 : 60) ? 1 : 0;
      direct[i] = next(seed) & 0x1FFF;
    }
    short[] ctx = new short[7];
    RangeEncoder.initContexts(ctx);
    RangeEncoder enc = new RangeEncoder(1024);
    for (int i = 0; i < n; i++) {
      enc.encodeBit(ctx, i % 7, bits[i]);
      if (i % 101 == 0) {
        enc.encodeDirect(direct[i], 13);
      }
    }
    byte[] coded = enc.finish();
    short[] dctx = new short[7];
    RangeEncoder.initContexts(dctx);
    RangeDecoder dec = new RangeDecoder(coded, 0, coded.length);
    for (int i = 0; i < n; i++) {
      assertEquals(bits[i], dec.decodeBit(dctx, i % 7), "bit " + i);
      if (i % 101 == 0) {
        assertEquals(direct[i], dec.decodeDirect(13), "direct " + i);
      }
    }
    assertEquals(0, dec.overrun());
    // Skewed bits cost far less than one bit each.
    assertTrue(coded.length * 8 < n * 0.6, "coded " + coded.length + " bytes");
  }

  @Test
  void aCutStreamDecodesInBoundedTimeAndReportsTheOverrun() {
    short[] ctx = new short[1];
    RangeEncoder.initContexts(ctx);
    RangeEncoder enc = new RangeEncoder(16);
    for (int i = 0; i < 10_000; i++) {
      enc.encodeBit(ctx, 0, i & 1);
    }
    byte[] coded = enc.finish();
    RangeEncoder.initContexts(ctx);
    RangeDecoder dec = new RangeDecoder(coded, 0, coded.length / 2);
    for (int i = 0; i < 10_000; i++) {
      dec.decodeBit(ctx, 0);
    }
    assertTrue(dec.overrun() > 0);
  }

  /** The explicit-probability calls write exactly what the one-slot idiom of the codecs writes. */
  @Test
  void explicitProbabilitiesCodeLikeAOneSlotContext() {
    int n = 300_000;
    int[] seed = {777};
    int[] p = new int[n];
    int[] bits = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = 1 + ((next(seed) >>> 1) % 4095);
      bits[i] = ((next(seed) >>> 1) % 4096) < p[i] ? 0 : 1;
    }
    RangeEncoder slotEncoder = new RangeEncoder(64);
    RangeEncoder direct = new RangeEncoder(64);
    short[] slot = new short[1];
    for (int i = 0; i < n; i++) {
      slot[0] = (short) p[i];
      slotEncoder.encodeBit(slot, 0, bits[i]);
      direct.encodeBit(p[i], bits[i]);
      if (i % 997 == 0) {
        slotEncoder.encodeDirect(i & 0xFFF, 12);
        direct.encodeDirect(i & 0xFFF, 12);
      }
    }
    byte[] coded = direct.finish();
    assertArrayEquals(slotEncoder.finish(), coded);
    RangeDecoder dec = new RangeDecoder(coded, 0, coded.length);
    for (int i = 0; i < n; i++) {
      assertEquals(bits[i], dec.decodeBit(p[i]), "bit " + i);
      if (i % 997 == 0) {
        assertEquals(i & 0xFFF, dec.decodeDirect(12));
      }
    }
    assertEquals(0, dec.overrun());
  }
}
