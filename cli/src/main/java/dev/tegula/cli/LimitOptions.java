package dev.tegula.cli;

import dev.tegula.core.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The decoding limits a user may change; the defaults are those for untrusted input. */
final class LimitOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private Limits limits = Limits.DEFAULT;

  @Option(names = "--max-pixels", paramLabel = "N", order = 20,
      description = "Refuse images of more than N pixels (default 100000000).")
  void maxPixels(long pixels) {
    limits = limits.withMaxPixels(positive("--max-pixels", pixels));
  }

  @Option(names = "--max-side", paramLabel = "N", order = 21,
      description = "Refuse images wider or taller than N pixels (default 65535).")
  void maxSide(long side) {
    int n = (int) Math.min(positive("--max-side", side), Integer.MAX_VALUE);
    limits = limits.withMaxDimensions(n, n);
  }

  @Option(names = "--max-scans", paramLabel = "N", order = 22,
      description = "Refuse JPEG files with more than N scans (default 100).")
  void maxScans(long scans) {
    limits = limits.withMaxScans((int) Math.min(positive("--max-scans", scans), Integer.MAX_VALUE));
  }

  @Option(names = "--max-metadata-bytes", paramLabel = "N", order = 23,
      description = "Keep at most N bytes of ICC, EXIF, XMP and text (default 16777216).")
  void maxMetadataBytes(long bytes) {
    if (bytes < 0) {
      throw new ParameterException(spec.commandLine(), "--max-metadata-bytes must not be negative");
    }
    limits = limits.withMaxMetadataBytes((int) Math.min(bytes, Integer.MAX_VALUE));
  }

  Limits limits() {
    return limits;
  }

  private long positive(String option, long value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), option + " must be at least 1");
    }
    return value;
  }
}
