package dev.tegula.jpeg;

/**
 * Where a scan's Huffman symbols go: counted, to build optimal tables (T.81 Annex K.2), or coded
 * with the tables and written. Both passes run the same scan code, as libjpeg's
 * {@code gather_statistics}, so the counts always describe exactly what is written.
 *
 * <p>Table slots: 0 and 1 are DC tables 0 and 1, 2 and 3 AC tables 0 and 1.
 */
final class EntropySink {
  final boolean counting;
  final long[][] freq;
  /** Bits written besides the Huffman codes (magnitudes, correction bits), when counting. */
  long extraBits;
  private final HuffmanCode[] tables;
  private final BitWriter bits;

  private EntropySink(boolean counting, HuffmanCode[] tables, BitWriter bits) {
    this.counting = counting;
    this.freq = counting ? new long[4][256] : null;
    this.tables = tables;
    this.bits = bits;
  }

  static EntropySink counter() {
    return new EntropySink(true, null, null);
  }

  static EntropySink writer(HuffmanCode[] tables, BitWriter bits) {
    return new EntropySink(false, tables, bits);
  }

  void symbol(int slot, int symbol) {
    if (counting) {
      freq[slot][symbol]++;
    } else {
      HuffmanCode t = tables[slot];
      int size = t.sizes[symbol];
      if (size == 0) {
        throw new IllegalStateException("no Huffman code for symbol " + symbol + " in slot " + slot);
      }
      bits.write(t.codes[symbol], size);
    }
  }

  void bits(int value, int size) {
    if (counting) {
      extraBits += size;
    } else if (size > 0) {
      bits.write(value, size);
    }
  }

  void restart(int index) {
    if (!counting) {
      bits.restart(index);
    }
  }

  void finish() {
    if (!counting) {
      bits.flush();
    }
  }

  /** Bits needed for a magnitude: 0 for 0, else floor(log2(v)) + 1 (§F.1.2.1, "SSSS"). */
  static int bitLength(int v) {
    return 32 - Integer.numberOfLeadingZeros(v);
  }
}
