package dev.tegula.png;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems the decoder worked around, reported in {@code DecodedImage.warning()}. Capped so that a
 * file made of thousands of damaged chunks cannot grow the message without bound.
 */
final class Warnings {
  private static final int MAX_KEPT = 8;

  private final List<String> messages = new ArrayList<>();
  private int dropped;

  void add(String message) {
    if (messages.size() < MAX_KEPT) {
      messages.add(message);
    } else {
      dropped++;
    }
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The messages joined, or null when there are none. */
  String summary() {
    if (messages.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String m : messages) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(m);
    }
    if (dropped > 0) {
      sb.append("; and ").append(dropped).append(" more");
    }
    return sb.toString();
  }
}
