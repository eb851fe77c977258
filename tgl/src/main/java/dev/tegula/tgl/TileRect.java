package dev.tegula.tgl;

/**
 * Where one tile lies in the image (format.md §7.1).
 *
 * @param index the tile number, row-major from 0
 * @param column the tile's column in the grid
 * @param row the tile's row in the grid
 * @param x left pixel column
 * @param y top pixel row
 * @param width pixels across (narrower on the right edge)
 * @param height pixels down (shorter on the bottom edge)
 */
public record TileRect(int index, int column, int row, int x, int y, int width, int height) {
  /** "tile 5 (column 1, row 1; x 256-511, y 256-399)": how warnings name a tile. */
  public String describe() {
    return "tile " + index + " (column " + column + ", row " + row + "; x " + x + "-"
        + (x + width - 1) + ", y " + y + "-" + (y + height - 1) + ")";
  }
}
