package dev.tegula.api;

/** What an SSIM search trims a pass with ({@link SearchEncoder#ssimTrim}). */
@FunctionalInterface
interface SsimTrimmer {
  /**
   * The pass {@code passFile}, made at {@code code}, trimmed into SSIM {@code [low, high]}, or
   * null when it does not land there; {@code guessBytes}: what a first try should save; {@code
   * reach}: how far it may drop.
   */
  byte[] trim(int code, byte[] passFile, double passSsim, double low, double high,
      long guessBytes, SsimTrim.Reach reach);
}
