package dev.tegula.core;

/**
 * Which runtime the codec runs on, for the few kernels whose fastest form differs between them.
 * HotSpot's C2 vectorizes simple whole-array loops, so there a kernel is best written as several
 * passes that each read arrays at the loop index alone; TeaVM's WebAssembly has no SIMD, and
 * there every extra pass and array copy is paid in full, so a single scalar pass that keeps its
 * neighbours in locals wins (docs/benchmarks.md, "TeaVM's hidden costs"). Both forms of such
 * a kernel compute the same integers, and the tests run both.
 */
public final class Platform {
  /**
   * True under TeaVM (the browser's WebAssembly build), whose class library reports "TeaVM" as
   * the operating system's name; HotSpot reports the real one.
   */
  public static final boolean TEAVM = "TeaVM".equals(osName());

  private Platform() {}

  private static String osName() {
    try {
      return System.getProperty("os.name");
    } catch (SecurityException e) {
      return null;
    }
  }
}
