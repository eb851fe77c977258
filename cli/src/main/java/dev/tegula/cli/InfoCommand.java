package dev.tegula.cli;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.MalformedInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tegula info FILE...}: what each file's headers say, plus the metadata and whether it
 * decodes completely; for .tgl files also the container (version, mode, tiles, chunks) with every
 * chunk and tile checksum checked. Metadata is only known after a full decode (the facade has no metadata-only
 * reader), so every file is decoded; a file whose header is readable but whose data is damaged
 * still gets its block, marked damaged, and an error line.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show format, size, coding, orientation and metadata of image files.")
final class InfoCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JPEG, PNG or .tgl files.")
  private List<String> files;

  @Option(names = "--json", description = "Print a JSON array, one object per file.")
  private boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
  private boolean verbose;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), verbose);
    int exit = ExitCodes.OK;
    List<FileReport> reports = new ArrayList<>();
    for (String file : files) {
      FileReport report = inspect(file);
      reports.add(report);
      if (!json) {
        if (report.info() != null) {
          out.print((reports.size() > 1 ? "\n" : "") + report.toText());
          out.flush();
        }
      }
      if (report.failure() != null) {
        exit = Math.max(exit, errors.fail(file, report.failure()));
      } else if (report.tgl() != null && report.tgl().failures() > 0) {
        exit = Math.max(exit, errors.fail(file, new MalformedInputException(report.tgl().failures()
            + " of " + report.tgl().checked() + " checksums fail", -1)));
      }
    }
    if (json) {
      JsonWriter writer = new JsonWriter().beginArray();
      reports.forEach(r -> r.toJson(writer));
      out.println(writer.endArray());
    }
    out.flush();
    return exit;
  }

  /** What a .tgl file of JPEG reconstruction holds; null for others or a damaged record. */
  private dev.tegula.recompress.JpegTglInfo jpegInfo(byte[] data) {
    try {
      return Tegula.inspectJpeg(data, limitOptions.limits());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private FileReport inspect(String file) {
    byte[] data;
    ImageInfo info;
    try {
      data = InputFiles.read(Path.of(file));
      info = Tegula.readInfo(data, limitOptions.limits());
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return new FileReport(file, null, null, false, null, e, null);
    }
    TglReport tgl = null;
    try {
      if (Tegula.detect(data) == ImageFormat.TGL) {
        tgl = TglReport.of(Tegula.inspectTgl(data, limitOptions.limits()), jpegInfo(data));
      }
      DecodedImage decoded = Tegula.decode(data, new DecodeOptions(limitOptions.limits(), false));
      return new FileReport(file, decoded.info(), decoded.metadata(), decoded.complete(),
          decoded.warning(), null, tgl);
    } catch (RuntimeException | OutOfMemoryError e) {
      return new FileReport(file, info, null, false, null, e, tgl);
    }
  }
}
