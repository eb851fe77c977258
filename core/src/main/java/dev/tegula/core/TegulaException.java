package dev.tegula.core;

/**
 * The one exception family every decoder and encoder throws for bad input. Each subtype says what
 * kind of problem it is; {@link #code()} is the stable name used by the CLI and the JS API.
 *
 * <p>Caller misuse (a null argument, a negative size) is {@link IllegalArgumentException}, not this.
 */
public abstract sealed class TegulaException extends RuntimeException
    permits MalformedInputException,
        TruncatedInputException,
        UnsupportedFeatureException,
        LimitExceededException {

  /** Offset in the input the problem was found at, or -1 when it has no single place. */
  private final long offset;

  protected TegulaException(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }

  /** One of "malformed", "truncated", "unsupported", "limit". */
  public abstract String code();

  @Override
  public String getMessage() {
    String m = super.getMessage();
    return offset >= 0 ? m + " (at byte " + offset + ")" : m;
  }
}
