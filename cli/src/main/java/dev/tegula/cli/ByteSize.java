package dev.tegula.cli;

/**
 * File sizes as people write them: {@code 200000}, {@code 200KB}, {@code 1.5MB} (decimal units,
 * k = 1000, as disks and browsers count) or {@code 195KiB}, {@code 2MiB} (binary, Ki = 1024). Units
 * are case-insensitive; {@code K}/{@code M} alone mean KB/MB.
 */
final class ByteSize {
  private ByteSize() {}

  /**
   * @throws IllegalArgumentException with a message for the user when it is not a positive size
   */
  static long parse(String text) {
    String s = text.trim();
    int end = 0;
    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
      end++;
    }
    String number = s.substring(0, end);
    String unit = s.substring(end).trim().toLowerCase(java.util.Locale.ROOT);
    long factor = switch (unit) {
      case "", "b" -> 1;
      case "k", "kb" -> 1000;
      case "kib" -> 1024;
      case "m", "mb" -> 1_000_000;
      case "mib" -> 1024 * 1024;
      case "g", "gb" -> 1_000_000_000;
      case "gib" -> 1024L * 1024 * 1024;
      default -> throw new IllegalArgumentException("'" + text + "' is not a size: use a number "
          + "with B, KB (1000), KiB (1024), MB or MiB, e.g. 200KB");
    };
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size: use a number "
          + "with B, KB (1000), KiB (1024), MB or MiB, e.g. 200KB");
    }
    double bytes = Math.floor(value * factor);
    if (!(bytes >= 1) || bytes > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("the size must be at least 1 byte, not '" + text + "'");
    }
    return (long) bytes;
  }
}
