package dev.tegula.cli.eval;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs {@code tegula eval} can measure: every encoder the facade ({@link Tegula}) offers.
 * A codec joins by one entry in {@link #available()} once its encoder is in the facade; decoding
 * always goes through {@link Tegula#decode}, which recognises every format it writes.
 */
public final class EvalCodecs {
  /** Codecs the issue asks for whose encoders are not in the facade yet. */
  static final List<String> PLANNED = List.of("tgl", "tgl-lossless", "jpeg");

  private EvalCodecs() {}

  /** By name, in the order reports list them. */
  public static Map<String, EvalCodec> available() {
    Map<String, EvalCodec> codecs = new LinkedHashMap<>();
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
            + (planned.contains(name) ? "; " + name + " is not in the facade yet" : ""));
      }
      if (!selected.contains(codec)) {
        selected.add(codec);
      }
    }
    return selected;
  }

  private static void add(Map<String, EvalCodec> codecs, EvalCodec codec) {
    codecs.put(codec.name(), codec);
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
