package dev.tegula.core;

/** The input ends before its format says it may. */
public final class TruncatedInputException extends TegulaException {
  public TruncatedInputException(String message, long offset) {
    super(message, offset);
  }

  @Override
  public String code() {
    return "truncated";
  }
}
