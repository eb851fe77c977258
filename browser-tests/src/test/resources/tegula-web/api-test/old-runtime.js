// TeaVM's runtime, handing the worker the build's codec module with the contract versions before
// session 50 had: no takeDecodedPixels, and every decode's pixels from takePixels as an Int8Array
// of width x height x 4 bytes. Codec versions can be swapped at run time, so the worker must still
// decode with such a module (WorkerMemoryTest). The pixels are copied out of the build's linear
// buffer here, as the old module's byte[] would have crossed.
import * as teavm from '/wasm/tegula-runtime.js';

export async function load(bytes) {
  const real = (await teavm.load(bytes)).exports;
  let length = 0;
  const old = {
    decode(...args) {
      const reply = real.decode(...args);
      const result = JSON.parse(reply);
      length = result.error ? 0 : result.width * result.height * 4;
      return reply;
    },
    takePixels() {
      const linear = real.takeDecodedPixels();
      return linear ? linear.slice(0, length) : real.takePixels();
    },
  };
  const exports = new Proxy(real, {
    get: (target, key) => (key === 'takeDecodedPixels' ? undefined : old[key] ?? Reflect.get(target, key)),
  });
  return {exports};
}
