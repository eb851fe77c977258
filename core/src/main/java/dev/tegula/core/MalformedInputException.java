package dev.tegula.core;

/** The input breaks a rule of its format at a known offset. */
public final class MalformedInputException extends TegulaException {
  public MalformedInputException(String message, long offset) {
    super(message, offset);
  }

  @Override
  public String code() {
    return "malformed";
  }
}
