package dev.tegula.api;

/**
 * A minimal JSON object writer: the CLI, the server and the Wasm exports describe results with it,
 * and none of them may pull in a JSON library (TeaVM has no reflection).
 */
public final class Json {
  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  public Json put(String key, String value) {
    key(key);
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    return this;
  }

  public Json put(String key, long value) {
    key(key);
    out.append(value);
    return this;
  }

  public Json put(String key, boolean value) {
    key(key);
    out.append(value);
    return this;
  }

  /** Adds a value that is already JSON (a nested object or array). */
  public Json putRaw(String key, String json) {
    key(key);
    out.append(json);
    return this;
  }

  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String key) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quote(out, key);
    out.append(':');
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 §7). */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append("\\u");
            String hex = Integer.toHexString(c);
            for (int k = hex.length(); k < 4; k++) {
              sb.append('0');
            }
            sb.append(hex);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
