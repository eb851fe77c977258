package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;
import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * The lossless plane codec of .tgl (codec 2, docs/format-lossless.md). The container calls it per
 * tile, for the colour samples and for alpha planes; the pixels come back exactly.
 *
 * <p>Coded data (§2): a method byte, a colour transform byte, then one range-coded stream holding
 * the planes one after the other. Each plane is predicted pixel by pixel (weighted predictor,
 * least-squares refinement, neighbourhood matching) and its residuals are coded with contexts
 * mixed per binary decision. Everything is integer arithmetic: the JVM and WebAssembly produce and
 * read the same bytes.
 */
public final class LosslessCodec {
  private LosslessCodec() {}

  /** The only coding method so far (§2); other values are reserved. */
  static final int METHOD_PREDICTIVE = 1;
  /** Side of the central square on which the encoder tries the colour transforms. */
  private static final int TRIAL_SIZE = 64;

  /**
   * Codes {@code width · height} pixels.
   *
   * @param samples interleaved, {@code channels} (1-4) per pixel, values 0..(2^bitDepth-1)
   * @param channels 1 grey or a lone alpha plane, 2 grey + alpha, 3 RGB, 4 RGBA
   * @param bitDepth 8 or 16
   */
  public static byte[] encode(int[] samples, int width, int height, int channels, int bitDepth) {
    int pixels = checkShape(width, height, channels, bitDepth);
    if (samples == null || samples.length < pixels * channels) {
      throw new IllegalArgumentException("samples must hold width * height * channels values");
    }
    int max = (1 << bitDepth) - 1;
    int count = pixels * channels;
    for (int i = 0; i < count; i++) {
      if (samples[i] < 0 || samples[i] > max) {
        throw new IllegalArgumentException(
            "sample " + i + " is " + samples[i] + ", outside 0.." + max);
      }
    }
    ColourTransform transform = channels >= 3
        ? chooseTransform(samples, width, height, channels, bitDepth)
        : ColourTransform.NO_TRANSFORM;
    return encode(samples, width, height, channels, bitDepth, transform);
  }

  /**
   * The encoder's choice of colour transform for a tile: each candidate codes the central
   * 64 x 64 pixels, and the smallest result wins. Candidates: subtract green, YCoCg-R, G with
   * R - G and B - (R + G)/2, no change, and the cross transform fitted to the tile.
   */
  private static ColourTransform chooseTransform(int[] samples, int width, int height,
      int channels, int bitDepth) {
    int tw = Math.min(width, TRIAL_SIZE);
    int th = Math.min(height, TRIAL_SIZE);
    int x0 = (width - tw) / 2;
    int y0 = (height - th) / 2;
    int[] crop = new int[tw * th * channels];
    for (int y = 0; y < th; y++) {
      System.arraycopy(samples, ((y0 + y) * width + x0) * channels, crop, y * tw * channels,
          tw * channels);
    }
    ColourTransform[] candidates = {
      ColourTransform.cross(32, 32, 0), ColourTransform.YCOCG_R, ColourTransform.cross(32, 16, 16),
      ColourTransform.cross(0, 0, 0), ColourTransform.fit(samples, width, height, channels)
    };
    ColourTransform best = candidates[0];
    int bestLength = Integer.MAX_VALUE;
    for (ColourTransform t : candidates) {
      int length = encode(crop, tw, th, channels, bitDepth, t).length;
      if (length < bestLength) {
        bestLength = length;
        best = t;
      }
    }
    return best;
  }

  private static byte[] encode(int[] samples, int width, int height, int channels, int bitDepth,
      ColourTransform transform) {
    int pixels = width * height;
    int[][] planes = split(samples, pixels, channels, transform);
    int[][] residuals = new int[channels][pixels];
    RangeEncoder enc = new RangeEncoder(pixels * channels / 2 + 64);
    int max = (1 << bitDepth) - 1;
    for (int k = 0; k < channels; k++) {
      PlaneScale scale = PlaneScale.of(planes[k], pixels);
      scale.write(enc, transform.low(k, max));
      scale.apply(planes[k], pixels);
      planeCoder(k, planes, residuals, width, height, bitDepth, transform, scale).encode(enc);
    }
    byte[] coded = enc.finish();
    int header = 1 + transform.headerBytes();
    byte[] out = new byte[header + coded.length];
    out[0] = (byte) METHOD_PREDICTIVE;
    transform.write(out, 1);
    System.arraycopy(coded, 0, out, header, coded.length);
    return out;
  }

  /**
   * Decodes {@code data[offset, offset + length)} into {@code out} (width · height · channels
   * samples, interleaved).
   *
   * @throws MalformedInputException if the data is not a valid coding of such a plane
   */
  public static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, int bitDepth, int[] out) {
    int pixels = checkShape(width, height, channels, bitDepth);
    if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("offset and length must lie within data");
    }
    if (out == null || out.length < pixels * channels) {
      throw new IllegalArgumentException("out must hold width * height * channels values");
    }
    if (length < 2) {
      throw new MalformedInputException("lossless data: " + length
          + " bytes, too short for its header", offset);
    }
    int method = data[offset] & 0xFF;
    if (method != METHOD_PREDICTIVE) {
      throw new MalformedInputException("lossless data: unknown coding method " + method, offset);
    }
    ColourTransform transform = readTransform(data, offset + 1, length - 1, channels);
    int header = 1 + transform.headerBytes();
    int[][] planes = new int[channels][pixels];
    int[][] residuals = new int[channels][pixels];
    RangeDecoder dec = new RangeDecoder(data, offset + header, length - header);
    int max = (1 << bitDepth) - 1;
    PlaneScale[] scales = new PlaneScale[channels];
    for (int k = 0; k < channels; k++) {
      scales[k] = PlaneScale.read(dec, transform.low(k, max), transform.high(k, max), k);
      planeCoder(k, planes, residuals, width, height, bitDepth, transform, scales[k])
          .decode(dec, k);
    }
    if (dec.overrun() > 0) {
      throw new MalformedInputException(
          "lossless data ends before its last sample", (long) offset + length);
    }
    for (int k = 0; k < channels; k++) {
      scales[k].undo(planes[k], pixels);
    }
    if (channels >= 3) {
      int bad = transform.inverse(planes, channels, pixels, max, out);
      if (bad >= 0) {
        throw new MalformedInputException("lossless data: pixel (" + bad % width + ", "
            + bad / width + ") leaves the sample range after the colour transform", -1);
      }
    } else {
      for (int k = 0; k < channels; k++) {
        int[] p = planes[k];
        for (int i = 0, at = k; i < pixels; i++, at += channels) {
          out[at] = p[i];
        }
      }
    }
  }

  private static int checkShape(int width, int height, int channels, int bitDepth) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be at least 1");
    }
    if (channels < 1 || channels > 4) {
      throw new IllegalArgumentException("channels must be 1 to 4, not " + channels);
    }
    if (bitDepth != 8 && bitDepth != 16) {
      throw new IllegalArgumentException("bitDepth must be 8 or 16, not " + bitDepth);
    }
    long samples = (long) width * height * channels;
    if (samples > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many samples for one plane: " + samples);
    }
    return width * height;
  }

  /** §2: the transform kind byte and, for the cross transform, its three multipliers. */
  private static ColourTransform readTransform(byte[] data, int at, int available, int channels) {
    int kind = data[at] & 0xFF;
    if (channels < 3) {
      if (kind != ColourTransform.NONE) {
        throw new MalformedInputException("lossless data: colour transform " + kind
            + " given for " + channels + " channel(s)", at);
      }
      return ColourTransform.NO_TRANSFORM;
    }
    if (kind == ColourTransform.YCOCG) {
      return ColourTransform.YCOCG_R;
    }
    if (kind != ColourTransform.CROSS) {
      throw new MalformedInputException("lossless data: unknown colour transform " + kind, at);
    }
    if (available < 4) {
      throw new MalformedInputException("lossless data: header ends in the transform", at);
    }
    return ColourTransform.cross(data[at + 1], data[at + 2], data[at + 3]);
  }

  private static int[][] split(int[] samples, int pixels, int channels,
      ColourTransform transform) {
    int[][] planes = new int[channels][pixels];
    if (channels >= 3) {
      transform.forward(samples, channels, pixels, planes);
    } else {
      for (int k = 0; k < channels; k++) {
        int[] p = planes[k];
        for (int i = 0, at = k; i < pixels; i++, at += channels) {
          p[i] = samples[at];
        }
      }
    }
    return planes;
  }

  /**
   * §4: the coder of plane k, coding q when the plane is scaled (§4.6). With a colour transform,
   * the second plane refers to the first and the third to both; grey, alpha and a fourth plane
   * stand alone.
   */
  private static PlaneCoder planeCoder(int k, int[][] planes, int[][] residuals, int width,
      int height, int bitDepth, ColourTransform transform, PlaneScale scale) {
    int max = (1 << bitDepth) - 1;
    int refs = transform.kind != ColourTransform.NONE && k < 3 ? k : 0;
    int[][] refValues = new int[refs][];
    int[][] refResiduals = new int[refs][];
    for (int j = 0; j < refs; j++) {
      refValues[j] = planes[j];
      refResiduals[j] = residuals[j];
    }
    int lo = scale.low(transform.low(k, max));
    int hi = scale.high(transform.high(k, max));
    return new PlaneCoder(width, height, bitDepth, lo, hi, planes[k], residuals[k], refValues,
        refResiduals);
  }
}
