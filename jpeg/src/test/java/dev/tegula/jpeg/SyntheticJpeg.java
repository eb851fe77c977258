package dev.tegula.jpeg;

import java.io.ByteArrayOutputStream;

/** Builds small valid JPEG files for tests: an 8x8 gray baseline image plus chosen segments. */
final class SyntheticJpeg {
  private SyntheticJpeg() {}

  /** SOI, the given segments, then DQT, SOF0 (8x8 gray), DHT, SOS and one all-grey block, EOI. */
  static byte[] withSegments(byte[]... segments) {
    return build(8, 8, 1, segments);
  }

  /**
   * A baseline gray image of any declared size whose entropy data codes only the first block and
   * then stops (so decoding reports it incomplete), or, with blocks = 1 and 8x8, a complete one.
   */
  static byte[] build(int width, int height, int blocks, byte[]... segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    byte[] dqt = new byte[65];
    for (int i = 1; i < 65; i++) {
      dqt[i] = 1;
    }
    out.writeBytes(segment(0xDB, dqt));
    out.writeBytes(segment(0xC0, new byte[] {8, (byte) (height >> 8), (byte) height,
        (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0}));
    // DC table 0: one code of length 1 for category 0. AC table 0: one code of length 1 for EOB.
    byte[] dht = new byte[2 * (1 + 16 + 1)];
    dht[0] = 0x00;
    dht[1] = 1;
    dht[17] = 0;
    dht[18] = 0x10;
    dht[19] = 1;
    dht[35] = 0;
    out.writeBytes(segment(0xC4, dht));
    out.writeBytes(segment(0xDA, new byte[] {1, 1, 0x00, 0, 63, 0}));
    // Each block: DC code '0', EOB code '0' = 2 bits; pad with ones.
    int bits = 2 * blocks;
    int bytes = (bits + 7) / 8;
    for (int i = 0; i < bytes; i++) {
      int used = Math.min(8, bits - 8 * i);
      out.write((0xFF >> used) & 0xFF);
    }
    out.write(0xFF);
    out.write(0xD9);
    return out.toByteArray();
  }

  static byte[] segment(int marker, byte[] payload) {
    byte[] s = new byte[payload.length + 4];
    s[0] = (byte) 0xFF;
    s[1] = (byte) marker;
    s[2] = (byte) ((payload.length + 2) >> 8);
    s[3] = (byte) (payload.length + 2);
    System.arraycopy(payload, 0, s, 4, payload.length);
    return s;
  }

  static byte[] app(int n, byte[] payload) {
    return segment(0xE0 + n, payload);
  }

  static byte[] iccChunk(int seq, int count, byte[] data) {
    byte[] sig = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return app(2, concat(sig, new byte[] {(byte) seq, (byte) count}, data));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
