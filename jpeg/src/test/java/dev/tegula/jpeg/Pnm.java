package dev.tegula.jpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads binary PPM (P6) and PGM (P5) files, as djpeg writes them, into RGBA samples. */
final class Pnm {
  private Pnm() {}

  static int[] read(Path p, int[] size) {
    byte[] d;
    try {
      d = Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] pos = {2};
    boolean color = d[1] == '6';
    int w = token(d, pos);
    int h = token(d, pos);
    token(d, pos); // maxval 255
    int o = pos[0] + 1;
    int[] out = new int[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      if (color) {
        out[4 * i] = d[o++] & 0xFF;
        out[4 * i + 1] = d[o++] & 0xFF;
        out[4 * i + 2] = d[o++] & 0xFF;
      } else {
        out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = d[o++] & 0xFF;
      }
      out[4 * i + 3] = 255;
    }
    size[0] = w;
    size[1] = h;
    return out;
  }

  private static int token(byte[] d, int[] pos) {
    int p = pos[0];
    while (Character.isWhitespace(d[p]) || d[p] == '#') {
      if (d[p] == '#') {
        while (d[p] != '\n') {
          p++;
        }
      }
      p++;
    }
    int v = 0;
    while (d[p] >= '0' && d[p] <= '9') {
      v = v * 10 + d[p++] - '0';
    }
    pos[0] = p;
    return v;
  }
}
