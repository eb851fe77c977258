package dev.tegula.core;

/** The input is well formed but uses a feature this decoder does not implement. */
public final class UnsupportedFeatureException extends TegulaException {
  public UnsupportedFeatureException(String message, long offset) {
    super(message, offset);
  }

  public UnsupportedFeatureException(String message) {
    super(message, -1);
  }

  @Override
  public String code() {
    return "unsupported";
  }
}
