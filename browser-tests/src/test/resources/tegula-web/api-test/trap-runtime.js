// TeaVM's runtime, handing the worker the build's codec module with decode() made to trap as a
// codec bug in the shipped, non-strict module would (a WebAssembly.RuntimeError out of the
// export): WorkerMemoryTest checks that the worker reports it and flags the trap.
import * as teavm from '/wasm/tegula-runtime.js';

export async function load(bytes) {
  const real = (await teavm.load(bytes)).exports;
  const decode = () => {
    throw new WebAssembly.RuntimeError('array element access out of bounds');
  };
  return {exports: new Proxy(real, {
    get(target, key) {
      if (key === 'decode') {
        return decode;
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  })};
}
