package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;
import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * Codes one plane of a tile, pixel by pixel in raster order (format-lossless.md §4, §5). For
 * each pixel the encoder and the decoder run the same model over already coded data: the weighted
 * prediction, its least-squares refinement, the match candidate, the scale estimate and the
 * contexts; then the encoder codes the sample and the decoder reads it; then both learn from it.
 *
 * <p>A plane may refer to up to two earlier planes of the same tile (their samples and
 * residuals), which is how colour planes use what the first plane already said about the pixel.
 */
final class PlaneCoder {
  private static final int REFINE_MU = 41; // mu = 0.01
  private static final int SCALE_MU = 8; // mu = 0.002
  private static final int SCALE_INITIAL_WEIGHT = 2516582; // 0.15 in Q24

  private int width;
  private int height;
  private int lo;
  private int hi;
  private int shift;
  private int scaleLevels;
  private int refineLimit;
  // Issue 8's memory bound: the plane is not kept whole. The model looks back two rows, so
  // this plane's samples and residuals are a window of three rows (y-2, y-1, y at 2·width);
  // the references' a window of rows y-1, y, y+1 (y at width), read from their stores; the
  // match states one of rows y-1, y (y at width).
  private int[] values = new int[0];
  private int[] residuals = new int[0];
  private int[] ref0Values;
  private int[] ref0Residuals;
  private int[] ref1Values;
  private int[] ref1Residuals;
  private final int[][] refValueRows = {new int[0], new int[0]};
  private final int[][] refResidualRows = {new int[0], new int[0]};
  private byte[] matchStates = new byte[0];
  private byte[] smallStates = new byte[0];
  private PlaneStore[] refValues;
  private PlaneStore[] refPredictions;
  private int[] refLows;
  private final WeightedPredictor weighted = new WeightedPredictor(0);
  private final Nlms[] refines = new Nlms[3];
  private final Nlms[] scales = new Nlms[3];
  private Nlms refine;
  private Nlms scale;
  private final MatchModel match = new MatchModel();
  private final MatchModel matchSmall = new MatchModel();
  private ResidualCoder coder;

  // The model's outputs for the current pixel.
  private int weightedPrediction;
  private int prediction;
  private boolean offeredLarge;
  private boolean offeredSmall;

  /**
   * Starts a plane with fresh model state (§4). The coder and its buffers are reused from plane
   * to plane and tile to tile, by one thread at a time.
   *
   * @param lo smallest sample value the plane can hold
   * @param hi largest sample value the plane can hold
   * @param refValues samples of up to two earlier planes (length 0, 1 or 2), stored from their
   *     {@code refLows}
   * @param refPredictions the predictions of the same planes, from which their residuals follow
   */
  void start(int width, int height, int bitDepth, int lo, int hi, PlaneStore[] refValues,
      PlaneStore[] refPredictions, int[] refLows) {
    this.width = width;
    this.height = height;
    this.lo = lo;
    this.hi = hi;
    this.shift = bitDepth - 8;
    this.scaleLevels = 20 + 2 * shift;
    this.refineLimit = 64 << shift;
    this.refValues = refValues;
    this.refPredictions = refPredictions;
    this.refLows = refLows;
    int refs = refValues.length;
    if (values.length < 3 * width) {
      values = new int[3 * width];
      residuals = new int[3 * width];
      matchStates = new byte[2 * width];
      smallStates = new byte[2 * width];
    }
    for (int j = 0; j < refs; j++) {
      if (refValueRows[j].length < 3 * width) {
        refValueRows[j] = new int[3 * width];
        refResidualRows[j] = new int[3 * width];
      }
    }
    ref0Values = refs > 0 ? refValueRows[0] : null;
    ref0Residuals = refs > 0 ? refResidualRows[0] : null;
    ref1Values = refs > 1 ? refValueRows[1] : null;
    ref1Residuals = refs > 1 ? refResidualRows[1] : null;
    weighted.reset(width);
    if (refines[refs] == null) {
      refines[refs] = new Nlms(refs == 0 ? 18 : refs == 1 ? 26 : 31, 0, REFINE_MU);
      scales[refs] = new Nlms(refs == 0 ? 9 : refs == 1 ? 11 : 12, SCALE_INITIAL_WEIGHT,
          SCALE_MU);
    }
    refine = refines[refs];
    scale = scales[refs];
    refine.reset();
    scale.reset();
    match.reset(width * height);
    matchSmall.reset(width * height);
    if (coder == null || coder.scaleLevels != scaleLevels) {
      coder = new ResidualCoder(scaleLevels);
    } else {
      coder.reset();
    }
  }

  /** Row y's samples after it is coded: {@code rowValues()[rowStart(), rowStart() + width)}. */
  int[] rowValues() {
    return values;
  }

  int[] rowResiduals() {
    return residuals;
  }

  int rowStart() {
    return 2 * width;
  }

  /** Codes row {@code y} of {@code plane} (all of the plane's samples, row after row). */
  void encodeRow(RangeEncoder enc, int y, int[] plane) {
    int w = width;
    beginRow(y);
    System.arraycopy(plane, y * w, values, 2 * w, w);
    for (int x = 0, i = 2 * w; x < w; x++, i++) {
      model(i, x, y);
      int v = values[i];
      boolean hit = false;
      if (offeredLarge) {
        boolean isHit = v == match.candidate();
        if (match.worthCoding()) {
          match.encodeFlag(enc, isHit);
          hit = isHit;
        } else {
          match.learn(isHit);
        }
        matchStates[w + x] = (byte) (isHit ? 1 : 2);
      }
      if (!hit && offeredSmall) {
        boolean isHit = v == matchSmall.candidate();
        if (matchSmall.worthCoding()) {
          matchSmall.encodeFlag(enc, isHit);
          hit = isHit;
        } else {
          matchSmall.learn(isHit);
        }
        smallStates[w + x] = (byte) (isHit ? 1 : 2);
      }
      match.record(v);
      matchSmall.record(v);
      if (!hit) {
        coder.encode(enc, v - prediction);
      }
      learn(i, x, v);
    }
  }

  void decodeRow(RangeDecoder dec, int y, int planeIndex) {
    int w = width;
    beginRow(y);
    for (int x = 0, i = 2 * w; x < w; x++, i++) {
      model(i, x, y);
      int v = 0;
      boolean hit = false;
      boolean largePending = false;
      boolean smallPending = false;
      if (offeredLarge) {
        if (match.worthCoding()) {
          hit = match.decodeFlag(dec);
          matchStates[w + x] = (byte) (hit ? 1 : 2);
          v = match.candidate();
        } else {
          largePending = true;
        }
      }
      if (!hit && offeredSmall) {
        if (matchSmall.worthCoding()) {
          hit = matchSmall.decodeFlag(dec);
          smallStates[w + x] = (byte) (hit ? 1 : 2);
          v = matchSmall.candidate();
        } else {
          smallPending = true;
        }
      }
      if (!hit) {
        v = prediction + coder.decode(dec);
        if (v < lo || v > hi) {
          if (dec.overrun() > 0) {
            throw new MalformedInputException("lossless data ends before its last sample", -1);
          }
          throw new MalformedInputException("lossless data: sample " + v + " of plane "
              + planeIndex + " at (" + x + ", " + y + ") is outside " + lo + ".." + hi, -1);
        }
      }
      if (largePending) {
        boolean isHit = v == match.candidate();
        match.learn(isHit);
        matchStates[w + x] = (byte) (isHit ? 1 : 2);
      }
      if (smallPending) {
        boolean isHit = v == matchSmall.candidate();
        matchSmall.learn(isHit);
        smallStates[w + x] = (byte) (isHit ? 1 : 2);
      }
      match.record(v);
      matchSmall.record(v);
      values[i] = v;
      learn(i, x, v);
    }
  }

  /**
   * Moves the windows down to row y: this plane's rows up by one, the match states likewise
   * (row y's cleared: nothing offered yet), and the references' rows y (and y + 1) read.
   */
  private void beginRow(int y) {
    int w = width;
    if (y > 0) {
      System.arraycopy(values, w, values, 0, 2 * w);
      System.arraycopy(residuals, w, residuals, 0, 2 * w);
      System.arraycopy(matchStates, w, matchStates, 0, w);
      System.arraycopy(smallStates, w, smallStates, 0, w);
    }
    java.util.Arrays.fill(matchStates, w, 2 * w, (byte) 0);
    java.util.Arrays.fill(smallStates, w, 2 * w, (byte) 0);
    for (int j = 0; j < refValues.length; j++) {
      int[] v = refValueRows[j];
      int[] e = refResidualRows[j];
      if (y == 0) {
        loadReference(j, 0, v, e, w);
      } else {
        System.arraycopy(v, w, v, 0, 2 * w);
        System.arraycopy(e, w, e, 0, 2 * w);
      }
      if (y + 1 < height) {
        loadReference(j, y + 1, v, e, 2 * w);
      }
    }
  }

  private void loadReference(int j, int y, int[] v, int[] e, int to) {
    refValues[j].get(y, v, to, refLows[j]);
    refPredictions[j].getResiduals(y, v, e, to, refLows[j]);
  }

  /**
   * §4, §5: prediction, match candidate and contexts of pixel (x, y), at index i of this plane's
   * window and j = i - width of the references'.
   */
  private void model(int i, int x, int y) {
    int[] p = values;
    int[] s = residuals;
    int w = width;
    int j = i - w;
    boolean right = x + 1 < w;
    int vW;
    int vN;
    int vNW;
    int vNE;
    int vNN;
    int vWW;
    int vNNE;
    int vNWW;
    int vNEE;
    int sW;
    int sN;
    int sNW;
    int sNE;
    int sWW;
    int sNN;
    if (x > 1 && y > 1 && x + 2 < w) {
      vW = p[i - 1];
      vN = p[i - w];
      vNW = p[i - w - 1];
      vNE = p[i - w + 1];
      vNN = p[i - 2 * w];
      vWW = p[i - 2];
      vNNE = p[i - 2 * w + 1];
      vNWW = p[i - w - 2];
      vNEE = p[i - w + 2];
      sW = s[i - 1];
      sN = s[i - w];
      sNW = s[i - w - 1];
      sNE = s[i - w + 1];
      sWW = s[i - 2];
      sNN = s[i - 2 * w];
    } else {
      // §4.1 near the edges a missing neighbour falls back on the nearest known sample.
      boolean left = x > 0;
      boolean up = y > 0;
      vW = left ? p[i - 1] : (up ? p[i - w] : 0);
      vN = up ? p[i - w] : vW;
      vNW = left && up ? p[i - w - 1] : vW;
      vNE = up && right ? p[i - w + 1] : vN;
      vNN = y > 1 ? p[i - 2 * w] : vN;
      vWW = x > 1 ? p[i - 2] : vW;
      vNNE = y > 1 && right ? p[i - 2 * w + 1] : vNE;
      vNWW = up && x > 1 ? p[i - w - 2] : vNW;
      vNEE = up && x + 2 < w ? p[i - w + 2] : vNE;
      sW = left ? s[i - 1] : (up ? s[i - w] : 0);
      sN = up ? s[i - w] : sW;
      sNW = left && up ? s[i - w - 1] : sN;
      sNE = up && right ? s[i - w + 1] : sN;
      sWW = x > 1 ? s[i - 2] : sW;
      sNN = y > 1 ? s[i - 2 * w] : sN;
    }

    // §4.2 weighted prediction
    int wp = weighted.predict(x, y, w, vN, vW, vNE, vNW, vNN);
    weightedPrediction = wp;

    // §4.3 refinement by least squares over the neighbourhood
    int[] f = refine.in;
    f[0] = vN - wp;
    f[1] = vW - wp;
    f[2] = vNW - wp;
    f[3] = vNE - wp;
    f[4] = vNN - wp;
    f[5] = vWW - wp;
    f[6] = vNNE - wp;
    f[7] = vNWW - wp;
    f[8] = vNEE - wp;
    long[] sub = weighted.sub;
    f[9] = (int) (sub[0] >> 3) - wp;
    f[10] = (int) (sub[1] >> 3) - wp;
    f[11] = (int) (sub[2] >> 3) - wp;
    f[12] = (int) (sub[3] >> 3) - wp;
    f[13] = vN + vW - vNW - wp;
    f[14] = sW;
    f[15] = sN;
    f[16] = sNW;
    f[17] = sNE;
    int r0 = 0;
    int r0Next = 0;
    int r1 = 0;
    int other0 = 0;
    int other1 = 0;
    if (ref0Residuals != null) {
      int[] rr = ref0Residuals;
      r0 = rr[j];
      int r0E = right ? rr[j + 1] : 0;
      int r0S = y + 1 < height ? rr[j + w] : 0;
      r0Next = abs(r0E) + abs(r0S);
      f[18] = r0;
      f[19] = r0E;
      f[20] = r0S;
      other0 = ref0Values[j];
      differences(ref0Values, j, x, y, f, 21);
      if (ref1Residuals != null) {
        r1 = ref1Residuals[j];
        f[25] = r1;
        other1 = ref1Values[j];
        differences(ref1Values, j, x, y, f, 26);
      }
      f[f.length - 1] = colourLine(ref0Values, j, x, y, vW, vN, vNW, vNE) - wp;
    }
    int correction = (int) ((refine.predict() + (1L << (Nlms.SHIFT - 1))) >> Nlms.SHIFT);
    if (correction > refineLimit) {
      correction = refineLimit;
    } else if (correction < -refineLimit) {
      correction = -refineLimit;
    }
    int pred = wp + correction;
    prediction = pred < lo ? lo : (pred > hi ? hi : pred);

    // §5.1 expected residual size
    int eW = abs(sW);
    int eN = abs(sN);
    int eNW = abs(sNW);
    int eNE = abs(sNE);
    int texture = abs(vN - vNW) + abs(vW - vNW) + abs(vNE - vN);
    long subMax = Math.max(Math.max(sub[0], sub[1]), Math.max(sub[2], sub[3]));
    long subMin = Math.min(Math.min(sub[0], sub[1]), Math.min(sub[2], sub[3]));
    int[] g = scale.in;
    g[0] = eW;
    g[1] = eN;
    g[2] = eNW;
    g[3] = eNE;
    g[4] = abs(sWW);
    g[5] = abs(sNN);
    g[6] = texture;
    g[7] = (int) ((subMax - subMin) >> 3);
    g[8] = abs(correction);
    if (ref0Residuals != null) {
      g[9] = abs(r0);
      g[10] = r0Next;
      if (ref1Residuals != null) {
        g[11] = abs(r1);
      }
    }
    long estimate = scale.predict() >> (Nlms.SHIFT - 3);
    int level = bucket(estimate <= 0 ? 0 : (int) Math.min(estimate, 1 << 24));
    if (level >= scaleLevels) {
      level = scaleLevels - 1;
    }

    // §5.2 contexts
    int signs = sign3(sW) + 3 * sign3(sN);
    int activity = bucket((2 * eW + 2 * eN + eNW + eNE) >> (1 + shift));
    if (activity > 11) {
      activity = 11;
    }
    int textureLevel = bucket(texture >> (1 + shift));
    if (textureLevel > 9) {
      textureLevel = 9;
    }
    int cross = 0;
    if (ref0Residuals != null) {
      int m = (abs(r0) + abs(r1)) >> shift;
      cross = m == 0 ? 0 : m < 3 ? 1 : m < 8 ? 2 : 3;
    }
    int signContext = (weighted.errW + weighted.errN > 0 ? 1 : 0)
        + (correction > 0 ? 2 : correction < 0 ? 4 : 0);
    coder.setContexts(level, signContext, activity * 9 + signs, textureLevel * 4 + cross);

    // §4.4 match candidates: a large neighbourhood first, then a small one
    offeredLarge = false;
    if (match.find(vW, vN, vNW, vNE, vWW, vNN, other0, other1) && x > 1 && y > 1
        && match.found() != prediction) {
      offeredLarge = true;
      match.offer(match.found(), matchStates[j - 1], matchStates[j - w], level);
    }
    offeredSmall = false;
    if (matchSmall.find(vW, vN, vNE, 0, 0, 0, other0, other1) && x > 1 && y > 1) {
      int mv = matchSmall.found();
      if (mv != prediction && !(offeredLarge && mv == match.candidate())) {
        offeredSmall = true;
        matchSmall.offer(mv, smallStates[j - 1], smallStates[j - w], level);
      }
    }
  }

  private void learn(int i, int x, int v) {
    int r = v - prediction;
    residuals[i] = r;
    weighted.update(v, x);
    refine.update((long) (v - weightedPrediction) << Nlms.SHIFT);
    scale.update((long) abs(r) << Nlms.SHIFT);
  }

  /**
   * §4.3 The sample that lies on the line between the two neighbours with the smallest and the
   * largest first-plane value, at this pixel's first-plane value: exact for an antialiased edge
   * between two flat colours.
   */
  private int colourLine(int[] q, int i, int x, int y, int cW, int cN, int cNW, int cNE) {
    if (x == 0 || y == 0 || x + 1 >= width) {
      return cW;
    }
    int w = width;
    int yW = q[i - 1];
    int yN = q[i - w];
    int yNW = q[i - w - 1];
    int yNE = q[i - w + 1];
    int loY = yW;
    int loC = cW;
    int hiY = yW;
    int hiC = cW;
    if (yN < loY) {
      loY = yN;
      loC = cN;
    } else if (yN > hiY) {
      hiY = yN;
      hiC = cN;
    }
    if (yNW < loY) {
      loY = yNW;
      loC = cNW;
    } else if (yNW > hiY) {
      hiY = yNW;
      hiC = cNW;
    }
    if (yNE < loY) {
      loY = yNE;
      loC = cNE;
    } else if (yNE > hiY) {
      hiY = yNE;
      hiC = cNE;
    }
    int range = hiY - loY;
    if (range == 0) {
      return cW;
    }
    int t = q[i] - loY;
    if (t <= 0) {
      return loC;
    }
    if (t >= range) {
      return hiC;
    }
    long num = (long) (hiC - loC) * t;
    return loC + (int) ((num + (num >= 0 ? range / 2 : -(range / 2))) / range);
  }

  /** The sample of an earlier plane at i minus its W, N, NW and NE neighbours. */
  private void differences(int[] q, int i, int x, int y, int[] f, int at) {
    int w = width;
    int c = q[i];
    int qW = x > 0 ? q[i - 1] : (y > 0 ? q[i - w] : c);
    int qN = y > 0 ? q[i - w] : qW;
    int qNW = x > 0 && y > 0 ? q[i - w - 1] : qW;
    int qNE = y > 0 && x + 1 < w ? q[i - w + 1] : qN;
    f[at] = c - qW;
    f[at + 1] = c - qN;
    f[at + 2] = c - qNW;
    f[at + 3] = c - qNE;
  }

  /** Half-octave levels: 0, 1, 2, 3 exactly, then two levels per power of two. */
  static int bucket(int a) {
    if (a < 4) {
      return a < 0 ? 0 : a;
    }
    int e = 31 - Integer.numberOfLeadingZeros(a);
    return 4 + (e - 2) * 2 + ((a >>> (e - 1)) & 1);
  }

  private static int sign3(int v) {
    return v > 0 ? 1 : (v < 0 ? 2 : 0);
  }

  private static int abs(int v) {
    return v < 0 ? -v : v;
  }
}
