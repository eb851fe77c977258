// TeaVM's runtime, handing the worker the build's codec module with the contract versions before
// session 50 had: no takeDecodedPixels, neither on the module nor on its tiles(), and every
// decode's and restored tile's pixels, and a compare's heatmap, from takePixels as an Int8Array of
// width x height x 4 bytes; nor stageInput and compareStaged (session 52), so a compare's images
// cross as byte[]; nor compressTileStaged, the encoder's encodeStaged and prepareStaged and its
// takeDecodedPixels (session 53), so a job's input crosses in as byte[] and a prepared image's
// pixels out by the encoder's takePixels. Codec
// versions can be swapped at run time, so the worker must still decode, compare and compress with
// such a module (WorkerMemoryTest). The pixels are copied out of the build's linear buffer here,
// as the old module's byte[] would have crossed.
import * as teavm from '/wasm/tegula-runtime.js';

const HIDDEN = new Set(['takeDecodedPixels', 'stageInput', 'compareStaged', 'compressTileStaged',
  'encodeStaged', 'prepareStaged']);

/**
 * `real` as an old version: the `sized` calls (those whose JSON reply gives the width and height
 * of the pixels they leave) are watched, the newer calls hidden, and takePixels answers from the
 * linear buffer, or with the real takePixels where the pixels wait as a byte[] there.
 */
function old(real, sized) {
  let length = 0;
  const replaced = {
    takePixels() {
      const linear = real.takeDecodedPixels();
      if (linear) return linear.slice(0, length);
      return typeof real.takePixels === 'function' ? real.takePixels() : null;
    },
  };
  for (const name of sized) {
    replaced[name] = (...args) => {
      const reply = real[name](...args);
      const result = JSON.parse(reply);
      length = result.error ? 0 : result.width * result.height * 4;
      return reply;
    };
  }
  return new Proxy(real, {
    get(target, key) {
      if (HIDDEN.has(key)) {
        return undefined;
      }
      if (key in replaced) {
        return replaced[key];
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function load(bytes) {
  const real = (await teavm.load(bytes)).exports;
  const exports = old(real, ['decode', 'compare']);
  const tiles = old(real.tiles(), ['restoreTile']);
  const encoder = old(real.encoder(), ['prepare']);
  const parts = {tiles: () => tiles, encoder: () => encoder};
  return {exports: new Proxy(exports, {get: (t, key) => parts[key] ?? t[key]})};
}
