package dev.tegula.cli.eval;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.core.UnsupportedFeatureException;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs {@code tegula eval} can measure: every encoder the facade ({@link Tegula}) offers.
 * A codec joins by one entry in {@link #available()} once its encoder is in the facade; decoding
 * always goes through {@link Tegula#decode}, which recognises every format it writes.
 */
public final class EvalCodecs {
  /** Codecs the issue asks for; those missing from {@link #available()} are not built yet. */
  static final List<String> PLANNED = List.of("tgl", "tgl-lossless", "jpeg", "png");

  private static Map<String, EvalCodec> available;

  private EvalCodecs() {}

  /**
   * By name, in the order reports list them: each facade encoder that works in this build (a
   * .tgl mode whose codec is not built yet throws UnsupportedFeatureException and is left out).
   */
  public static synchronized Map<String, EvalCodec> available() {
    // the build does not change while the JVM runs, so each codec is probed once
    if (available == null) {
      available = Collections.unmodifiableMap(probe());
    }
    return available;
  }

  private static Map<String, EvalCodec> probe() {
    Map<String, EvalCodec> codecs = new LinkedHashMap<>();
    add(codecs, new FacadeCodec("tgl", false) {
      @Override
      public byte[] encode(Image image, int quality) {
        return Tegula.compress(image, null, CompressOptions.lossy(quality));
      }
    });
    add(codecs, new FacadeCodec("tgl-lossless", true) {
      @Override
      public byte[] encode(Image image, int quality) {
        return Tegula.compress(image, null, CompressOptions.lossless());
      }
    });
    add(codecs, new FacadeCodec("jpeg", false) {
      @Override
      public byte[] encode(Image image, int quality) {
        return Tegula.encodeJpeg(image, null, JpegEncodeOptions.ofQuality(quality));
      }
    });
    add(codecs, new FacadeCodec("png", true) {
      @Override
      public byte[] encode(Image image, int quality) {
        return Tegula.encodePng(image, null);
      }
    });
    return codecs;
  }

  /**
   * The codecs named, in the order given.
   *
   * @throws IllegalArgumentException naming the unknown codec and what is available
   */
  public static List<EvalCodec> select(List<String> names) {
    Map<String, EvalCodec> codecs = available();
    List<EvalCodec> selected = new ArrayList<>();
    for (String name : names) {
      EvalCodec codec = codecs.get(name);
      if (codec == null) {
        List<String> planned = new ArrayList<>(PLANNED);
        planned.removeAll(codecs.keySet());
        throw new IllegalArgumentException("unknown codec '" + name + "': available are "
            + String.join(", ", codecs.keySet())
            + (planned.contains(name) ? "; " + name + " is not in this build yet" : ""));
      }
      if (!selected.contains(codec)) {
        selected.add(codec);
      }
    }
    return selected;
  }

  private static void add(Map<String, EvalCodec> codecs, EvalCodec codec) {
    if (isBuilt(codec)) {
      codecs.put(codec.name(), codec);
    }
  }

  /** Whether the codec encodes and decodes a small image in this build. */
  private static boolean isBuilt(EvalCodec codec) {
    // opaque: a codec that cannot code alpha yet still measures the many opaque images
    byte[] rgba = new byte[16 * 16 * 4];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = (i & 3) == 3 ? (byte) 0xFF : (byte) (i * 7);
    }
    try {
      codec.decode(codec.encode(new Image(16, 16, rgba), 50));
      return true;
    } catch (UnsupportedFeatureException e) {
      return false;
    }
  }

  /** A codec whose files the facade decodes. */
  private abstract static class FacadeCodec implements EvalCodec {
    private final String name;
    private final boolean lossless;

    FacadeCodec(String name, boolean lossless) {
      this.name = name;
      this.lossless = lossless;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean lossless() {
      return lossless;
    }

    @Override
    public Image decode(byte[] data) {
      return Tegula.decode(data).image();
    }
  }
}
