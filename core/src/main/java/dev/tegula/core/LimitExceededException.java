package dev.tegula.core;

/** The input asks for more than the configured {@link Limits} allow; nothing was allocated for it. */
public final class LimitExceededException extends TegulaException {
  public LimitExceededException(String message, long offset) {
    super(message, offset);
  }

  public LimitExceededException(String message) {
    super(message, -1);
  }

  @Override
  public String code() {
    return "limit";
  }
}
