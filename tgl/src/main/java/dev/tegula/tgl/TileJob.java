package dev.tegula.tgl;

/**
 * Work cut into independent tiles so that a caller can spread it over threads or workers: call
 * {@link #runTile} once for every tile in any order (concurrently for different tiles is safe),
 * then {@link #finish} once after every call has returned. The codec itself never starts threads.
 *
 * @param <T> what the finished job gives
 */
public interface TileJob<T> {
  int tileCount();

  void runTile(int tile);

  T finish();
}
