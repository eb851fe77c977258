package dev.tegula.jpeg;

/**
 * Arithmetic coding conditioning tables as set by DAC segments (T.81 §B.2.4.3), with the defaults
 * of §F.1.4.4.1.4 and §F.1.4.4.2.3: L = 0, U = 1 for DC tables, Kx = 5 for AC tables.
 */
final class ArithmeticConditioning {
  /** Lower DC conditioning bound L per DC table 0-3. */
  final int[] dcLower = {0, 0, 0, 0};
  /** Upper DC conditioning bound U per DC table 0-3. */
  final int[] dcUpper = {1, 1, 1, 1};
  /** AC conditioning value Kx per AC table 0-3. */
  final int[] acKx = {5, 5, 5, 5};
}
