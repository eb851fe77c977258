package dev.tegula.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small indenting JSON writer (RFC 8259), enough for {@code tegula info --json} without a
 * dependency. Calls must nest correctly; misuse is a bug and throws IllegalStateException.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  /** Per open container: whether it already has a member (so the next one needs a comma). */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean afterName;

  JsonWriter beginObject() {
    return begin('{');
  }

  JsonWriter endObject() {
    return end('}');
  }

  JsonWriter beginArray() {
    return begin('[');
  }

  JsonWriter endArray() {
    return end(']');
  }

  JsonWriter name(String name) {
    if (afterName || open.isEmpty()) {
      throw new IllegalStateException("name outside an object");
    }
    separate();
    quote(name);
    out.append(": ");
    afterName = true;
    return this;
  }

  JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    quote(value);
    return this;
  }

  JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** A number, or null when absent. */
  JsonWriter value(Integer value) {
    return value == null ? nullValue() : value((long) value);
  }

  @Override
  public String toString() {
    if (!open.isEmpty() || afterName) {
      throw new IllegalStateException("unclosed JSON");
    }
    return out.toString();
  }

  private JsonWriter begin(char bracket) {
    beforeValue();
    out.append(bracket);
    open.push(new boolean[1]);
    return this;
  }

  private JsonWriter end(char bracket) {
    if (open.isEmpty() || afterName) {
      throw new IllegalStateException("nothing to close");
    }
    boolean hadMembers = open.pop()[0];
    if (hadMembers) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!open.isEmpty()) {
      separate();
    } else if (out.length() > 0) {
      throw new IllegalStateException("a second top-level value");
    }
  }

  private void separate() {
    boolean[] hasMembers = open.peek();
    if (hasMembers[0]) {
      out.append(',');
    }
    hasMembers[0] = true;
    newline();
  }

  private void newline() {
    out.append('\n');
    for (int i = 0; i < open.size(); i++) {
      out.append("  ");
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // controls must be escaped; DEL and C1 too, so that the output is safe on a terminal
          if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
            out.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
              out.append(Character.forDigit((c >> shift) & 15, 16));
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
