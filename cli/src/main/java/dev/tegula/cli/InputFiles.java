package dev.tegula.cli;

import dev.tegula.core.LimitExceededException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads whole input files, which the decoders take as one byte array. */
final class InputFiles {
  /** Java arrays stop just short of 2 GiB. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 16;

  private InputFiles() {}

  static byte[] read(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new LimitExceededException("file of " + size + " bytes is larger than the "
            + MAX_BYTES + " bytes Tegula can read");
      }
    }
    return Files.readAllBytes(file);
  }
}
