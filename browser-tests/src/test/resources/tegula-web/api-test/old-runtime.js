// TeaVM's runtime, handing the worker the build's codec module with the contract versions before
// session 50 had: no takeDecodedPixels, neither on the module nor on its tiles(), and every
// decode's and restored tile's pixels, and a compare's heatmap, from takePixels as an Int8Array of
// width x height x 4 bytes; nor stageInput and compareStaged (session 52), so a compare's images
// cross as byte[]. Codec versions can be swapped at run time, so the worker must still decode and
// compare with such a module (WorkerMemoryTest). The pixels are copied out of the build's linear
// buffer here, as the old module's byte[] would have crossed.
import * as teavm from '/wasm/tegula-runtime.js';

/**
 * `real` as an old version: the `sized` calls (those whose JSON reply gives the width and height
 * of the pixels they leave) are watched, takeDecodedPixels, stageInput and compareStaged hidden,
 * and takePixels answers from the linear buffer.
 */
function old(real, sized) {
  let length = 0;
  const replaced = {
    takePixels() {
      const linear = real.takeDecodedPixels();
      return linear ? linear.slice(0, length) : null;
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
  const exports = old(real, ['decode', 'compare']);
  const tiles = old(real.tiles(), ['restoreTile']);
  return {exports: new Proxy(exports, {get: (t, key) => (key === 'tiles' ? () => tiles : t[key])})};
}
