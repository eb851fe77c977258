package dev.tegula.recompress;

import java.util.Arrays;

/** A growable int array. */
final class IntList {
  private int[] a = new int[8];
  private int n;

  void add(int x) {
    if (n == a.length) {
      a = Arrays.copyOf(a, 2 * n);
    }
    a[n++] = x;
  }

  int size() {
    return n;
  }

  int get(int i) {
    return a[i];
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
