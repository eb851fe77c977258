package dev.tegula.cli;

import dev.tegula.core.TegulaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Prints failures the way every tegula command does: one line {@code tegula: <file>: <message>} on
 * stderr, the stack trace only with --verbose, and picks the exit status for the failure's kind.
 */
final class ErrorReporter {
  static final String OUTPUT_EXISTS = "exists (use --force to overwrite)";

  private final PrintWriter err;
  private final boolean verbose;

  ErrorReporter(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  /** Reports a failure about {@code file} (as the user wrote it) and returns the exit status. */
  int fail(String file, Throwable failure) {
    err.println("tegula: " + (file == null ? "" : file + ": ") + message(failure));
    if (verbose) {
      failure.printStackTrace(err);
    }
    err.flush();
    return exitCode(failure);
  }

  void warn(String file, String message) {
    err.println("tegula: " + file + ": warning: " + printable(message));
    err.flush();
  }

  void note(String message) {
    if (verbose) {
      err.println(message);
      err.flush();
    }
  }

  static int exitCode(Throwable failure) {
    if (failure instanceof TegulaException) {
      return ExitCodes.BAD_INPUT;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException
        || failure instanceof InvalidPathException) {
      return ExitCodes.IO;
    }
    return ExitCodes.INTERNAL;
  }

  static String message(Throwable failure) {
    if (failure instanceof UncheckedIOException unchecked) {
      return message(unchecked.getCause());
    }
    if (failure instanceof TegulaException) {
      return printable(failure.getMessage());
    }
    if (failure instanceof InvalidPathException) {
      return "not a valid file name";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return OUTPUT_EXISTS;
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (failure instanceof FileSystemException fs && fs.getReason() != null) {
      return printable(fs.getReason());
    }
    if (failure instanceof IOException) {
      return failure.getMessage() != null ? printable(failure.getMessage())
          : failure.getClass().getSimpleName();
    }
    if (failure instanceof OutOfMemoryError) {
      return "not enough memory (lower --max-pixels or give Java more with -Xmx)";
    }
    return "internal error: " + failure.getClass().getSimpleName()
        + (failure.getMessage() != null ? ": " + printable(failure.getMessage()) : "")
        + (failure instanceof RuntimeException || failure instanceof Error
            ? " (a bug in Tegula; --verbose shows where)" : "");
  }

  /** Messages can quote bytes from a file; terminal control characters must not reach stderr. */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c);
    }
    return sb.toString();
  }
}
