package dev.tegula.recompress;

/**
 * FastCoefficientCoder (content 2, format-jpeg-coefficients-fast.md) against the same round-trip,
 * band-independence, damage and misuse cases as content 0.
 */
class FastCoefficientCoderTest extends CoefficientCoderTest {
  @Override
  RowCoder coder() {
    return TileContent.FAST_CODER;
  }
}
