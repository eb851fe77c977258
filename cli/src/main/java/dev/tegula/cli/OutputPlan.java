package dev.tegula.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each input's result goes: beside the input with a new extension, into the directory -o
 * names, or (for a single input) to the file -o names. Two inputs that would write the same file
 * are caught here, before any work.
 */
final class OutputPlan {
  /**
   * @param output the path for the result, or null when it could not be planned
   * @param problem why not (null when planned)
   */
  record Target(String input, Path output, String problem) {}

  private OutputPlan() {}

  /**
   * @param output -o as given, or null
   * @param extension the result's extension without the dot ("tgl", "png")
   * @throws IllegalArgumentException when -o names an existing file, or a new image file, for
   *     several inputs
   */
  static List<Target> plan(List<String> inputs, String output, String extension)
      throws IOException {
    Path dir = null;
    Path single = null;
    if (output != null) {
      Path out = Path.of(output);
      boolean wantsDir = output.endsWith("/") || output.endsWith(java.io.File.separator);
      if (singleFile(inputs, output) == null) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
          throw new IllegalArgumentException(
              "-o " + output + " is a file; several inputs need a directory");
        }
        if (!Files.exists(out) && !wantsDir && OutputNames.isImageName(output)) {
          // a directory called photo.jpg is never what was meant
          throw new IllegalArgumentException("-o " + output
              + " names one image file; several inputs need a directory (end it with /)");
        }
        Files.createDirectories(out);
        dir = out;
      } else {
        single = out;
      }
    }
    List<Target> targets = new ArrayList<>();
    Map<Path, String> claimed = new HashMap<>();
    for (String input : inputs) {
      Path target;
      try {
        Path in = Path.of(input);
        target = single != null ? single
            : (dir != null ? dir : parentOf(in)).resolve(stem(in) + "." + extension);
      } catch (RuntimeException e) {
        targets.add(new Target(input, null, "not a valid file name"));
        continue;
      }
      Path key = target.toAbsolutePath().normalize();
      String earlier = claimed.putIfAbsent(key, input);
      targets.add(earlier == null ? new Target(input, target, null)
          : new Target(input, null, "would write " + target + ", as " + earlier + " does"));
    }
    return targets;
  }

  /**
   * -o when it names the one output file (as {@link #plan} reads it: one input, no trailing
   * separator, not an existing directory), else null.
   */
  static String singleFile(List<String> inputs, String output) {
    if (output == null || inputs == null || inputs.size() != 1 || output.endsWith("/")
        || output.endsWith(java.io.File.separator)) {
      return null;
    }
    try {
      return Files.isDirectory(Path.of(output)) ? null : output;
    } catch (RuntimeException e) {
      return null; // not a valid path: plan reports it
    }
  }

  private static Path parentOf(Path in) {
    Path parent = in.getParent();
    return parent != null ? parent : Path.of("");
  }

  /** The file name without its last extension ("a.b.png" is "a.b", ".profile" stays). */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
