// TeaVM's runtime, handing the worker the build's codec module with the contract versions before
// session 50 had: no takeDecodedPixels, neither on the module nor on its tiles(), and every
// decode's and restored tile's pixels from takePixels as an Int8Array of width x height x 4
// bytes; nor stageInput and compareStaged (session 52), so a compare's images cross as byte[]. Codec versions can be swapped at run time, so the worker must still decode with such a
// module (WorkerMemoryTest). The pixels are copied out of the build's linear buffer here, as the
// old module's byte[] would have crossed.
import * as teavm from '/wasm/tegula-runtime.js';

/**
 * `real` as an old version: `sized` (the call whose JSON reply gives the width and height of the
 * pixels) is watched, takeDecodedPixels hidden, and takePixels answers from the linear buffer.
 */
function old(real, sized) {
  let length = 0;
  const replaced = {
    [sized](...args) {
      const reply = real[sized](...args);
      const result = JSON.parse(reply);
      length = result.error ? 0 : result.width * result.height * 4;
      return reply;
    },
    takePixels() {
      // what the build still hands over as byte[] (a compare's heatmap), else the decode's pixels
      const held = typeof real.takePixels === 'function' ? real.takePixels() : null;
      if (held) {
        return held;
      }
      const linear = real.takeDecodedPixels();
      return linear ? linear.slice(0, length) : null;
    },
  };
  return new Proxy(real, {
    get(target, key) {
      if (key === 'takeDecodedPixels' || key === 'stageInput' || key === 'compareStaged') {
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
  const exports = old(real, 'decode');
  const tiles = old(real.tiles(), 'restoreTile');
  return {exports: new Proxy(exports, {get: (t, key) => (key === 'tiles' ? () => tiles : t[key])})};
}
