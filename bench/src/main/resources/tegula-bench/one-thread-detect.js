// wasm-feature-detect for @jsquash/avif's encoder in the bench: SIMD as detected, no threads, so
// that AVIF encodes on one thread like every other codec of the bench (BenchFiles maps it).
export {simd} from '/peers/wasm-feature-detect/dist/esm/index.js';

export async function threads() {
  return false;
}
