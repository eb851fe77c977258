// tegula.d.ts as a TypeScript app sees it: `tsc -p tsconfig.json` (ViteBundleTest, check.sh)
// compiles this with strict checks. The calls are the documented uses; each @ts-expect-error
// line is a mistake the types must refuse (tsc fails when one of them compiles).
import {
  init, decode, decodeToBitmap, compress, compressWithFacts, restore, restoreOriginal, compare,
  info, useCodec, status, version, terminate, TegulaError,
  type CompressOptions, type CompressResult, type DecodeResult, type ErrorCode, type ImageInfo,
} from 'tegula';

export async function documentedUses(file: Blob, pixels: ImageData, signal: AbortSignal) {
  await init({workers: 2, decodeOnly: false, shared: true});
  await init({manifest: '/codecs.json', codec: '1'});

  const d: DecodeResult = await decode(file, {autoOrient: true, maxPixels: 1e8, signal,
    onProgress: (f: number) => void f});
  const asImageData = new ImageData(d.data, d.width, d.height);
  const thumb: ImageBitmap = await decodeToBitmap(await file.arrayBuffer(), {jpegShrink: 8});
  const i: ImageInfo = await info(new Uint8Array(16));
  const format: 'jpeg' | 'png' | 'tgl' = i.format;

  const options: CompressOptions = {format: 'jpeg', quality: 80, maxSizeBytes: 200_000,
    maxWidthOrHeight: 2048, gammaCorrect: true, stripGps: true, chroma: '4:2:2',
    restartInterval: 16, baseline: true};
  const blob: Blob = await compress(pixels, options);
  const facts: CompressResult = await compressWithFacts(thumb, {targetSsim: 0.97});
  const encodes: number = facts.encodes;
  const kept: Blob = await compress(file, {jpegLossless: true, jpegCoding: 'adaptive'});
  const original: Blob = await restoreOriginal(kept, {signal});
  const png: Blob = await restore(blob, {maxPixels: 1e6});

  const q = await compare(asImageData, d, {heatmap: true});
  const heat = q.heatmap ? new ImageData(q.heatmap.data, q.heatmap.width, q.heatmap.height) : null;
  const used: string = await useCodec('2', {manifest: {versions: [{version: '2', wasm: '/c2.wasm'}]}});
  const workers = status()?.workers ?? 0;
  const v: string = await version();
  terminate();
  return [format, encodes, original, png, q.ssim, q.psnr, heat, used, workers, v];
}

export async function errors(file: Blob) {
  try {
    await decode(file);
  } catch (e) {
    if (e instanceof TegulaError) {
      const code: ErrorCode = e.code;
      const offset: number = e.offset;
      return `${code} at ${offset}`;
    }
  }
  return null;
}

export async function mistakes(file: Blob, pixels: ImageData) {
  // @ts-expect-error: only 1, 2, 4 and 8 shrink
  await decode(file, {jpegShrink: 3});
  // @ts-expect-error: restore() gives the file as stored
  await restore(file, {autoOrient: true});
  // @ts-expect-error: no such format
  await compress(pixels, {format: 'webp'});
  // @ts-expect-error: 4:2:2 is a chroma choice, not a quality
  await compress(pixels, {quality: '4:2:2'});
  // @ts-expect-error: decode() reads files, not pixels
  await decode(pixels);
  // @ts-expect-error: an unknown option
  await compress(pixels, {effort: 9});
  // @ts-expect-error: the codes are a closed set
  const code: ErrorCode = 'oops';
  return code;
}
